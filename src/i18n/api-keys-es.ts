// "API e integraciones": keys for other programs (Zapier, n8n, a developer's own system).

export const apiKeysEs = {
  nav: 'API e integraciones',
  title: 'API e integraciones',
  intro:
    'Una clave de API es una contraseña para otros programas (por ejemplo n8n, Zapier o el sistema de tu proveedor): con ella pueden leer tus conversaciones, clientes y citas, y, si le das permiso, responder, cerrar conversaciones o agendar citas en nombre de tu negocio. Trátala como una contraseña: no la publiques ni la mandes por chat.',
  docs: 'Para quien programa: la descripción técnica está en',
  listTitle: 'Claves',
  none: 'Todavía no hay claves.',
  name: 'Nombre (para reconocerla)',
  namePlaceholder: 'Por ejemplo: n8n de la clínica',
  scope: 'Qué puede hacer',
  scopeRead: 'Solo leer',
  scopeWrite: 'Leer y actuar (responder, cerrar, agendar)',
  create: 'Crear clave',
  created: 'Clave creada. Cópiala ahora: no la volveremos a mostrar.',
  createdHelp: 'Pégala en el otro programa como "Bearer token" (encabezado Authorization).',
  revoke: 'Revocar',
  revoked: 'Clave revocada: ya no funciona.',
  revokedOn: 'Revocada',
  since: 'Creada',
  lastUsed: 'Último uso',
  never: 'nunca',
  adminOnly: 'Solo quien administra el negocio puede crear o revocar claves de API.',
  fields: { name: 'Nombre', scope: 'Qué puede hacer' } as Record<string, string>,
};
