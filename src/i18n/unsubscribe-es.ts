// The public page of the unsubscribe link in automated mail, in Spanish (customers read it).

export const unsubscribeEs = {
  title: 'Dejar de recibir mensajes automáticos',
  ask: 'Si confirmas, este negocio no te enviará más mensajes automáticos. Las personas del equipo podrán seguir respondiéndote si les escribes.',
  button: 'Sí, no quiero más mensajes automáticos',
  done: 'Listo: no recibirás más mensajes automáticos de este negocio.',
  invalid: 'Este enlace no es válido. Si quieres dejar de recibir mensajes, responde al correo pidiéndolo.',
};
