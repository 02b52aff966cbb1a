// Unread counts, notices and the notification settings ("Avisos"), in Spanish.

export const attentionEs = {
  nav: 'Avisos',
  unread: (count: number) => (count === 1 ? '1 mensaje sin leer' : `${count} mensajes sin leer`),
  unreadShort: (count: number) => `${count} sin leer`,
  waiting: (count: number) => (count === 1 ? '1 espera a una persona' : `${count} esperan a una persona`),
  waitingShort: (count: number) => (count === 1 ? '1 espera' : `${count} esperan`),
  needsPerson: 'Necesita a una persona',
  hotLead: 'Cliente muy interesado',
  title: 'Avisos',
  intro:
    'Te avisamos cuando una conversación necesita a una persona o llega un cliente muy interesado, para que nadie se quede esperando.',
  browserTitle: 'Avisos en este navegador',
  browserExplain:
    'Al activarlos, el navegador te pedirá permiso para mostrar avisos. Solo decimos qué pasó y en qué negocio: nunca el mensaje del cliente ni su teléfono. Puedes apagarlos cuando quieras.',
  enable: 'Activar avisos en este navegador',
  enabled: 'Los avisos están activados en este navegador.',
  pushToo: 'También te llegan con la pestaña cerrada (en el teléfono, aunque no tengas el panel abierto).',
  pushUnavailable:
    'Con la pestaña cerrada no llegan: este servidor no tiene configurado el envío (Web Push).',
  denied:
    'El navegador tiene los avisos bloqueados para este sitio. Para activarlos, cambia el permiso en la configuración del navegador (icono del candado junto a la dirección).',
  unsupported: 'Este navegador no puede mostrar avisos.',
  prompt: '¿Quieres que te avisemos cuando una conversación necesite a una persona?',
  preferencesTitle: 'Cómo quieres enterarte',
  push: 'Avisos en el teléfono o la computadora (aunque la pestaña esté cerrada)',
  email: 'Correo cuando una conversación necesita a una persona',
  sound: 'Sonido cuando llega un aviso con el panel abierto',
  save: 'Guardar',
  saved: 'Guardado.',
  notifyEscalation: 'Una conversación necesita a una persona',
  notifyEscalationBody: (business: string) => `${business}: la IA pasó una conversación al equipo.`,
  notifyMention: 'Te mencionaron en una nota',
  notifyMentionBody: (business: string) => `${business}: alguien del equipo te mencionó en una nota interna.`,
  notifyHotLead: 'Nuevo cliente muy interesado',
  notifyHotLeadBody: (business: string) =>
    `${business}: un cliente nuevo está listo para comprar o reservar.`,
};
