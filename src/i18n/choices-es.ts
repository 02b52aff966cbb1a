// Buttons and lists in the reply box (issue 16 §2), in Spanish.

type ChannelName = 'whatsapp' | 'facebook' | 'instagram' | 'tiktok' | 'twilio' | 'email';

export const choicesEs = {
  addOptions: 'Agregar opciones para tocar',
  optionsLabel: 'Opciones, una por línea',
  optionsHelp: {
    whatsapp:
      'El cliente las toca en vez de escribir. Hasta 3 se ven como botones (20 letras cada uno); de 4 a 10, como una lista (24 letras).',
    facebook: 'El cliente las toca en vez de escribir: respuestas rápidas de hasta 20 letras, máximo 10.',
    instagram:
      'El cliente las toca en vez de escribir: respuestas rápidas de hasta 20 letras, máximo 10 (en la computadora Instagram no las muestra).',
    tiktok: 'TikTok no tiene botones: las opciones van numeradas al final del mensaje (máximo 10).',
    twilio: 'Por Twilio no hay botones: las opciones van numeradas al final del mensaje (máximo 10).',
    email: 'Un correo no tiene botones: las opciones van numeradas al final del mensaje (máximo 10).',
  } satisfies Record<ChannelName, string>,
  listButtonLabel: 'Texto del botón que abre la lista (opcional)',
  listButtonHelp: 'Solo en WhatsApp, con más de 3 opciones. Si lo dejas vacío dirá «Ver opciones».',
  defaultListButton: 'Ver opciones',
  servicesMenu: 'Enviar menú de servicios',
  servicesMenuHelp:
    'Envía tus servicios (los de Agenda) como una lista para que el cliente elija. Si escribiste algo arriba, va como introducción.',
  servicesMenuSent: 'Menú de servicios en cola para enviarse.',
  servicesMenuEmpty: 'Aún no hay servicios activos. Agrégalos en Agenda para poder enviar el menú.',
  refused: 'Las opciones no caben en este canal. Revisa:',
  channelName: {
    whatsapp: 'WhatsApp',
    facebook: 'Messenger',
    instagram: 'Instagram',
    tiktok: 'TikTok',
    twilio: 'WhatsApp (Twilio)',
    email: 'Correo',
  } satisfies Record<ChannelName, string>,
  issues: {
    textMissing: 'Tu respuesta: escribe el texto que va sobre las opciones.',
    tooMany: (max: number) => `Opciones: como máximo ${max}.`,
    titleTooLong: (n: number, length: number, max: number, channel: string) =>
      `Opción ${n}: tiene ${length} letras; en ${channel} caben ${max}.`,
    duplicate: (n: number, first: number) => `Opción ${n}: es igual a la opción ${first}.`,
    listButtonTooLong: (length: number, max: number) =>
      `Texto del botón de la lista: tiene ${length} letras; caben ${max}.`,
    textTooLong: (max: number, channel: string) =>
      `Tu respuesta: con las opciones numeradas pasa de ${max} caracteres, lo que admite ${channel}. Acórtala.`,
  },
};
