// The demo tenant every local install gets. These secrets are public on purpose (they are in
// the README): the connections are in sandbox mode and replies go to a local outbox.
export const demoTenant = {
  slug: 'esva-dental',
  name: 'Clínica Dental Esva',
  timezone: 'America/Mexico_City',
  ownerEmail: 'owner@esva-dental.example',
  metaAppSecret: 'esva-demo-meta-app-secret',
  verifyToken: 'esva-demo-verify-token',
  tiktokClientSecret: 'esva-demo-tiktok-client-secret',
  whatsapp: {
    phoneNumberId: '100000000000001',
    businessAccountId: '200000000000001',
    displayPhoneNumber: '5215512345678',
  },
  facebook: { pageId: '300000000000001' },
  instagram: { instagramAccountId: '17841400000000001', pageId: '300000000000002' },
  tiktok: { businessId: 'esva-demo-tiktok-business' },
} as const;

export const demoAiContext = {
  system_prompt: [
    'Eres la recepcionista virtual de la Clínica Dental Esva en la Ciudad de México.',
    'Respondes en el idioma del paciente (normalmente español), con calidez y en mensajes cortos.',
    'Tu objetivo es resolver dudas y agendar una cita de valoración. Nunca des diagnósticos:',
    'ante dolor fuerte, sangrado o inflamación recomienda venir hoy mismo o llamar al 55 1234 5678.',
    'Usa solo los precios y servicios de la base de conocimiento; si no sabes algo, dilo y ofrece',
    'que una persona del equipo le contacte.',
  ].join(' '),
  response_style: 'cálido, profesional y breve; tutea solo si el paciente lo hace',
  business_hours: {
    timezone: 'America/Mexico_City',
    weekly: {
      mon: [['09:00', '19:00']],
      tue: [['09:00', '19:00']],
      wed: [['09:00', '19:00']],
      thu: [['09:00', '19:00']],
      fri: [['09:00', '19:00']],
      sat: [['09:00', '14:00']],
      sun: [],
    },
  },
  max_tokens: 600,
  escalation_keywords: ['urgencia', 'queja', 'abogado', 'reembolso', 'hablar con una persona'],
  auto_escalate_after_messages: 12,
  fallback_message:
    'Gracias por escribir a Clínica Dental Esva. Una persona de nuestro equipo te responderá en breve.',
  knowledge: {
    services: [
      { name: 'Consulta de valoración', price: 'MXN 350', duration: '30 min' },
      { name: 'Limpieza dental profesional', price: 'MXN 800', duration: '45 min' },
      { name: 'Blanqueamiento dental', price: 'MXN 3,500', duration: '90 min' },
      { name: 'Resina (por pieza)', price: 'desde MXN 900' },
      { name: 'Endodoncia', price: 'desde MXN 4,200' },
      { name: 'Ortodoncia con brackets', price: 'desde MXN 28,000 (tratamiento completo)' },
    ],
    faqs: [
      {
        question: '¿Dónde están?',
        answer: 'Av. Insurgentes Sur 1234, Col. Del Valle, CDMX. Hay estacionamiento.',
      },
      {
        question: '¿Qué formas de pago aceptan?',
        answer:
          'Efectivo, tarjeta de débito y crédito, y transferencia. Meses sin intereses en tratamientos mayores a MXN 5,000.',
      },
      {
        question: '¿Atienden urgencias?',
        answer: 'Sí, en horario de atención damos prioridad a urgencias el mismo día.',
      },
      {
        question: '¿Aceptan seguros?',
        answer: 'Trabajamos con reembolso de seguros de gastos médicos; te damos factura.',
      },
    ],
  },
};
