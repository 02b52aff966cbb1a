// Automatizaciones: avisos automáticos a otra aplicación (n8n, Make, Zapier) y "la IA por mi
// flujo", en español claro para el personal.

export const automationsEs = {
  nav: 'Automatizaciones',
  title: 'Automatizaciones',
  intro:
    'Un aviso automático a otra aplicación (por ejemplo n8n, Make o Zapier): cuando pasa algo aquí, como un mensaje nuevo de un cliente, le enviamos los datos a la dirección que indiques, y tu flujo hace lo que quieras con ellos (anotarlo en una hoja, avisar por correo, etc.).',
  endpointsTitle: 'Direcciones que reciben avisos',
  none: 'Todavía no hay ninguna. Agrega la dirección que te da tu aplicación (en n8n: el nodo «Webhook», dirección de producción).',
  add: 'Agregar dirección',
  edit: 'Editar o pausar',
  save: 'Guardar cambios',
  url: 'Dirección (https://…)',
  urlHelp: 'La copias de tu aplicación. Tiene que empezar con https://.',
  description: 'Nombre para reconocerla (opcional)',
  events: 'Qué avisar',
  active: 'Activa (recibe avisos)',
  inactive: 'Pausada',
  secretHint: (hint: string) => (hint ? `Clave de firma: termina en …${hint}` : 'Clave de firma guardada'),
  created: 'Dirección agregada. Copia ahora esta clave de firma: no la volverás a ver.',
  createdHelp:
    'Tu flujo la usa para comprobar que el aviso viene de nosotros (la cabecera X-Webhook-Signature; la receta está en la guía).',
  saved: 'Cambios guardados.',
  eventNames: {
    'message.received': 'Mensaje nuevo de un cliente',
    'message.sent': 'Nuestra respuesta salió',
    'conversation.escalated': 'Conversación pasada a una persona',
    'conversation.closed': 'Conversación cerrada',
    'lead.score_changed': 'Cambió la puntuación de un cliente',
    'appointment.created': 'Cita nueva',
    'appointment.updated': 'Cita cambiada o confirmada',
    'appointment.cancelled': 'Cita cancelada',
    'ai.reply_requested': 'Tu flujo debe responder (modo «la IA por mi flujo»)',
  } as Record<string, string>,
  workflowTitle: 'Responder con mi flujo en vez de la IA',
  workflowHelp:
    'Si lo activas, nuestra IA no contesta: tu flujo recibe el aviso «Tu flujo debe responder» con lo que escribió el cliente y contesta por nuestra API. Necesitas una dirección activa que reciba ese aviso.',
  workflowOn: 'Activado: responde tu flujo.',
  workflowOff: 'Desactivado: responde nuestra IA.',
  turnOn: 'Activar',
  turnOff: 'Desactivar',
  logTitle: 'Últimos avisos enviados',
  logEmpty: 'Todavía no se ha enviado ningún aviso.',
  columns: {
    when: 'Cuándo',
    event: 'Aviso',
    to: 'A',
    status: 'Estado',
    attempts: 'Intentos',
    detail: 'Detalle',
  },
  status: { pending: 'Pendiente', delivered: 'Entregado', failed: 'Falló' } as Record<string, string>,
  nextAttempt: 'Próximo intento',
  resend: 'Reenviar',
  resent: 'Aviso reenviado: sale en unos segundos con el mismo identificador.',
  reasons: {
    automation_bad_url:
      'Esa dirección no sirve: tiene que empezar con https:// y ser pública (no una dirección de tu red interna).',
    automation_no_events: 'Elige al menos un aviso.',
    automation_too_many: 'Puedes tener hasta 10 direcciones.',
    automation_no_ai_endpoint:
      'Primero agrega (o activa) una dirección que reciba el aviso «Tu flujo debe responder».',
  } as Record<string, string>,
};
