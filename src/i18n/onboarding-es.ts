// Connecting channels (self-serve flows, ownership checks, webhook help), in Spanish.

export const onboardingEs = {
  selfServeTitle: 'Conectar en unos clics',
  selfServeIntro:
    'Inicia sesión con la cuenta de Facebook o TikTok de tu negocio y elige qué conectar. No tienes que copiar claves ni códigos.',
  working: 'Conectando… no cierres esta página.',
  whatsappTitle: 'WhatsApp',
  whatsappHelp:
    'Se abre una ventana de Facebook: elige tu negocio y el número de WhatsApp que atenderá a tus clientes.',
  coexistence: 'Este número ya lo uso en la app WhatsApp Business de mi celular (seguir usándola)',
  coexistenceHelp:
    'Tus chats siguen llegando también a tu celular. Requiere la app WhatsApp Business 2.24.17 o más nueva.',
  pin: 'PIN de 6 dígitos del número',
  pinHelp:
    'Si tu número ya tiene verificación en dos pasos, escribe ese PIN. Si no, inventa uno y guárdalo: lo pedirá WhatsApp si cambias de proveedor.',
  connectWhatsapp: 'Conectar WhatsApp',
  pagesTitle: 'Facebook Messenger e Instagram',
  pagesHelp:
    'Inicia sesión con Facebook y elige la página de tu negocio. Si tiene una cuenta de Instagram profesional vinculada, la conectamos también.',
  connectPages: 'Elegir mi página de Facebook',
  pickPage: 'Elige la página que atenderá los mensajes',
  instagramLinked: 'con Instagram',
  withoutInstagram: 'sin Instagram vinculado',
  connectThisPage: 'Conectar esta página',
  tiktokTitle: 'TikTok',
  tiktokHelp: 'Te llevamos a TikTok para que autorices a tu cuenta de empresa. Luego vuelves aquí.',
  connectTiktok: 'Conectar TikTok',
  connected: (what: string) => `Listo: ${what} quedó conectado y en vivo.`,
  connectedPage: (page: string, instagram: string | undefined) =>
    instagram
      ? `Listo: la página ${page} y su Instagram @${instagram} quedaron conectados.`
      : `Listo: la página ${page} quedó conectada.`,
  manualTitle: 'Conexión manual (avanzado)',
  ownAppToggle: 'Uso mi propia app de Meta / TikTok (avanzado)',
  ownAppHelp:
    'Solo si tu negocio creó su propia app en Meta for Developers o TikTok. Si no sabes qué es, déjalo vacío: usamos la app de la plataforma.',
  webhookOwnHelp:
    'Tu app recibe los mensajes en esta dirección: pégala en tu app de Meta o TikTok como «URL de devolución de llamada» (webhook), con el token de verificación de abajo.',
  webhookAddress: 'Dirección donde llegan tus mensajes',
  webhookPlatformHelp:
    'Usa la app de la plataforma: no tienes que configurar nada. Esta es la dirección a la que llegan tus mensajes.',
  appKind: { own: 'App propia', platform: 'App de la plataforma' } as Record<string, string>,
  fieldHelp: {
    phoneNumberId:
      'En Meta for Developers › WhatsApp › Configuración de la API: el «Identificador de número de teléfono» (solo números).',
    businessAccountId:
      'En la misma pantalla: el «Identificador de la cuenta de WhatsApp Business». Lo usamos para comprobar que el número es tuyo.',
    displayPhoneNumber:
      'Tu número tal como lo ven tus clientes, solo dígitos con la lada del país (ej. 5215512345678).',
    pageId: 'En tu página de Facebook › Información › «Identificador de la página».',
    instagramAccountId:
      'El identificador de tu cuenta profesional de Instagram (lo muestra Meta Business Suite).',
    businessId: 'El identificador de tu cuenta de empresa de TikTok que te dio la autorización.',
    emailAddress:
      'La dirección a la que te escriben tus clientes (ej. hola@tuclinica.mx). Respondemos desde ella: su dominio debe estar verificado en Postmark.',
    inboundCredentials:
      'Inventa un usuario y una contraseña larga y escríbelos así: usuario:contraseña. Ponlos también en la dirección del aviso de correo entrante de Postmark (https://usuario:contraseña@…). Así sabemos que el correo viene de verdad de Postmark.',
    emailAccessToken:
      'La llave del servidor de Postmark («Server API token», en Servers › API Tokens). Con ella enviamos tus respuestas.',
    accessToken:
      'La llave larga que Meta o TikTok te da para enviar mensajes en nombre de tu negocio (la llamamos «token de acceso»). Con ella comprobamos que la cuenta es tuya.',
    webhookSecret:
      'El «secreto de la app» de tu propia app (Meta: Configuración › Básica). Sirve para comprobar que los mensajes vienen de verdad de Meta o TikTok.',
  } as Record<string, string>,
  reasons: {
    proof_needs_token:
      'Para poner el canal en vivo con esta cuenta, vuelve a pegar el token de acceso: con él comprobamos que la cuenta es tuya.',
    proof_needs_waba:
      'Falta el identificador de la cuenta de WhatsApp Business: lo necesitamos para comprobar que el número es tuyo.',
    not_owner:
      'Meta o TikTok dice que ese token no tiene acceso a esa cuenta. Revisa que el identificador y el token sean de tu negocio.',
    token_invalid:
      'Meta rechazó el token de acceso (caducó o se revocó). Genera uno nuevo y vuelve a intentarlo.',
    permission_missing:
      'Al token le falta un permiso. Vuelve a conectar y acepta todos los permisos que pide la ventana de Facebook.',
    platform_unreachable: 'No pudimos hablar con Meta o TikTok. Espera un momento y vuelve a intentarlo.',
    platform_secret_reused:
      'Ese es el secreto de la app de la plataforma, no el de una app tuya. Déjalo vacío para usar la app de la plataforma.',
    platform_app_missing:
      'La conexión en unos clics no está configurada en este servidor. Usa la conexión manual.',
    code_invalid:
      'La autorización de Facebook caducó (dura 30 segundos) o ya se usó. Vuelve a pulsar el botón para empezar de nuevo.',
    signup_cancelled:
      'Cerraste la ventana de Facebook antes de terminar. Vuelve a pulsar el botón cuando quieras.',
    signup_incomplete:
      'Facebook no nos dio el número de WhatsApp. Vuelve a intentarlo y elige un número en el último paso.',
    number_not_found:
      'No encontramos un número de WhatsApp en esa cuenta. Revisa en WhatsApp Manager que el número esté agregado.',
    pin_mismatch:
      'El número ya tiene otro PIN de verificación en dos pasos. Escribe ese PIN (o cámbialo en WhatsApp Manager) y vuelve a intentarlo.',
    register_limit:
      'WhatsApp permite pocos intentos de registro por número: espera 72 horas antes de volver a intentarlo.',
    number_needs_verification:
      'El número todavía no está verificado. Verifícalo con el código por SMS en WhatsApp Manager y vuelve a intentarlo.',
    number_recently_deleted:
      'El número se borró hace poco de otra cuenta. Espera 5 minutos y vuelve a intentarlo.',
    register_failed: 'WhatsApp no aceptó el registro del número. Vuelve a intentarlo o escribe a soporte.',
    subscribe_failed:
      'No pudimos suscribir la cuenta para recibir mensajes. Vuelve a intentarlo en un momento.',
    no_pages:
      'Tu usuario de Facebook no administra ninguna página. Pide a quien la administra que te dé acceso.',
    page_not_found: 'Esa página ya no aparece en tu cuenta de Facebook. Vuelve a empezar.',
    state_invalid:
      'Este intento de conexión caducó o ya se usó. Vuelve a pulsar el botón para empezar de nuevo.',
    secret_in_use:
      'Ese secreto de app ya lo usa otro negocio. Cada negocio necesita su propia app (o usa la de la plataforma).',
    account_in_use: 'Esa cuenta ya está conectada a otro negocio. Si es tuya, escribe a soporte.',
    own_app_needs_secret: 'Una app propia necesita su secreto de app.',
  } as Record<string, string>,
};

export type OnboardingMessages = typeof onboardingEs;
