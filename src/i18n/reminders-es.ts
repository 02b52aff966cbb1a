// Reminders, follow-ups and the day-after thank-you: the calendar settings section and each
// appointment's reminder status, in Spanish.

export const remindersEs = {
  settingsTitle: 'Recordatorios y seguimientos',
  settingsIntro:
    'Mensajes automáticos a tus clientes: recordatorios antes de cada cita (con botones para confirmar, cambiar o cancelar), un seguimiento a quien dejó de contestar, y un agradecimiento al día siguiente de la visita.',
  offsetsLabel: 'Recordatorios: horas antes de la cita',
  offsetsHint:
    'Separa con comas. Por ejemplo «24, 2»: un día antes y dos horas antes. Déjalo vacío para no enviar recordatorios.',
  followUpsEnabled: 'Escribir a los clientes que dejaron de contestar',
  followUpsLabel: 'Seguimientos: horas después de nuestro último mensaje',
  followUpsHint:
    'Separa con comas. «24, 72, 168» es al día siguiente, a los 3 días y a la semana. Se detienen en cuanto el cliente responde o pide no recibir más («ya no», «no gracias», «baja»). Tras el último, el cliente pasa a «frío».',
  thankYouEnabled: 'Agradecer la visita al día siguiente de una cita atendida',
  reviewUrlLabel: 'Enlace para dejar una opinión (opcional)',
  reviewUrlHint: 'Por ejemplo tu enlace de Google. Debe empezar con https://',
  windowNote:
    'WhatsApp solo deja escribir libremente durante 24 horas después del último mensaje del cliente. Fuera de ese plazo usamos tus plantillas de mensaje aprobadas «recordatorio_cita» y «seguimiento»; si no las tienes, el mensaje no se envía y aquí te decimos por qué. Messenger, Instagram y TikTok no permiten mensajes automáticos pasadas las 24 horas.',
  save: 'Guardar',
  saved: 'Recordatorios guardados',
  onlyAdmins: 'Solo un administrador puede cambiar esta sección.',
  invalidHours: 'Escribe números de horas separados por comas, por ejemplo «24, 2».',
  fields: {
    reminder_offsets_minutes: 'Recordatorios',
    follow_up_hours: 'Seguimientos',
    review_url: 'Enlace para opiniones',
  } as Record<string, string>,
  // An appointment's reminders, on its card in the calendar.
  statusTitle: 'Recordatorios',
  reminderBefore: (hours: string) => `${hours} antes`,
  thankYou: 'Agradecimiento',
  statuses: {
    scheduled: 'Programado',
    sent: 'Enviado',
    not_sent: 'No se envió',
    withdrawn: 'Retirado',
  } as Record<string, string>,
  reasons: {
    outside_window_no_template:
      'Pasaron más de 24 horas desde el último mensaje del cliente y no hay una plantilla de mensaje «recordatorio_cita» aprobada en WhatsApp.',
    outside_window:
      'Pasaron más de 24 horas desde el último mensaje del cliente: la plataforma no permite mensajes automáticos.',
    no_customer_message: 'El cliente nunca nos escribió por este canal.',
    no_conversation: 'El cliente no tiene ninguna conversación con nosotros.',
    no_connection: 'El canal del cliente no está conectado.',
    connection_disconnected: 'El canal del cliente está desconectado.',
    connection_needs_reauth: 'El canal del cliente necesita volver a conectarse.',
    connection_error: 'El canal del cliente tiene un error de conexión.',
    template_unusable: 'La plantilla de mensaje aprobada pide datos que no tenemos (por ejemplo una imagen).',
    tiktok_reply_limit: 'TikTok ya no permite más respuestas a este cliente hoy.',
    cancelled: 'La cita se canceló.',
    moved: 'La cita cambió de hora.',
  } as Record<string, string>,
  unknownReason: 'No se pudo enviar.',
};
