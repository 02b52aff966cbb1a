// Sending a photo or a document from the reply box, in Spanish.

export const mediaSendEs = {
  attach: 'Adjuntar foto o documento',
  attachShort: 'Adjuntar',
  chooseFile: 'Elegir archivo',
  allowed: (channel: string, image: string, document: string) =>
    `En ${channel}: fotos JPG o PNG hasta ${image}; documentos ${document}.`,
  documentKinds: {
    whatsapp: 'PDF, Word, Excel o texto hasta 25 MB',
    facebook: 'PDF, Word, Excel o texto hasta 25 MB',
    instagram: 'solo PDF, hasta 25 MB',
  } as Record<string, string>,
  captionLabel: 'Texto que acompaña al archivo (opcional)',
  captionPlaceholder: 'Por ejemplo: Aquí está su cotización',
  noCaption: 'En este canal el archivo se envía sin texto: si quieres decir algo, escríbelo aparte.',
  send: 'Enviar archivo',
  cancel: 'Quitar archivo',
  uploading: (percent: number) => `Subiendo el archivo… ${percent}%`,
  queued: 'Archivo en cola: se enviará en unos segundos.',
  noFile: 'Elige primero una foto o un documento.',
  tiktok: 'TikTok no permite enviar fotos ni documentos desde aquí. Escribe un mensaje de texto.',
  failed: 'No se pudo subir el archivo. Revisa tu conexión e inténtalo de nuevo.',
  reasons: {
    media_no_file: 'Elige primero una foto o un documento.',
    media_type_refused:
      'Este tipo de archivo no se puede enviar. Se aceptan fotos JPG o PNG y documentos PDF, Word, Excel o de texto.',
    media_type_refused_instagram: 'Instagram solo acepta fotos JPG o PNG y documentos PDF.',
    media_too_big: 'El archivo es demasiado grande para este canal.',
    media_empty: 'El archivo está vacío.',
    media_not_supported_tiktok:
      'TikTok no permite enviar fotos ni documentos desde aquí. Escribe un mensaje de texto.',
    media_caption_not_supported:
      'En este canal el archivo se envía sin texto: borra el texto y escríbelo aparte.',
    media_caption_too_long: 'El texto que acompaña al archivo puede tener hasta 1024 caracteres.',
    media_file_invalid: 'El archivo no se pudo leer. Inténtalo de nuevo.',
    whatsapp_template_required:
      'Pasaron más de 24 horas desde el último mensaje del cliente: WhatsApp no permite enviar archivos hasta que vuelva a escribir (solo plantillas de mensaje aprobadas).',
    meta_window_closed:
      'Pasaron más de 7 días desde el último mensaje del cliente: ya no se le puede escribir hasta que vuelva a escribir.',
    no_customer_message: 'El cliente todavía no ha escrito en esta conversación.',
  } as Record<string, string>,
  tooBig: (limit: string) =>
    `El archivo pesa más de ${limit}, el máximo de este canal. Elige uno más pequeño.`,
  unreachable: 'Ese archivo ya no está disponible.',
};

export type MediaSendMessages = typeof mediaSendEs;
