// Test traffic (the simulator and the signed test send), in Spanish.

export const testTrafficEs = {
  badge: 'Prueba',
  badgeTitle: 'Mensaje de prueba (simulador o prueba firmada): no cuenta en el resumen ni en los informes.',
  title: 'Tráfico de prueba',
  intro:
    'Lo que llegó por el simulador o por «Enviar prueba firmada» (canales en modo sandbox). No cuenta en el resumen ni en los informes.',
  counts: (leads: number, conversations: number, messages: number) =>
    `De prueba: prospectos ${leads} · conversaciones ${conversations} · mensajes ${messages}.`,
  none: 'No hay tráfico de prueba.',
  confirm: 'Sí, borrar todo el tráfico de prueba. Los clientes reales no se tocan.',
  delete: 'Borrar el tráfico de prueba',
  deleted: (leads: number, conversations: number, messages: number) =>
    `Listo, tráfico de prueba borrado: prospectos ${leads} · conversaciones ${conversations} · mensajes ${messages}.`,
  confirmFirst: 'Marca la casilla para confirmar.',
};
