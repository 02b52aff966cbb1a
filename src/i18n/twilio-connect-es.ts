// The Twilio WhatsApp connection form: where each value lives in the Twilio console, in plain
// words for the staff of a clinic or a restaurant.

export const twilioConnectEs = {
  accountSid: 'Account SID de Twilio',
  accountSidHelp:
    'Empieza con AC. Lo ves al entrar a console.twilio.com, en el recuadro «Account Info» de la página principal.',
  authToken: 'Auth Token de Twilio',
  authTokenHelp:
    'Está junto al Account SID, en «Account Info» (pulsa «Show» para verlo). Twilio firma con él cada mensaje que nos manda: así sabemos que viene de Twilio. Se guarda cifrado.',
  apiKeyTitle: 'Enviar con una clave de API (opcional)',
  apiKeyIntro:
    'Si prefieres no enviar con el Auth Token, crea una clave en la consola de Twilio: Account → API keys & tokens → «Create API key». Al cambiar la clave, escribe también el Auth Token.',
  apiKeySid: 'SID de la clave (empieza con SK)',
  apiKeySecret: 'Secreto de la clave',
  apiKeySecretHelp: 'Twilio lo muestra una sola vez, al crear la clave. Se guarda cifrado.',
  sender: 'Número de WhatsApp que responde, o Messaging Service SID',
  senderHelp:
    'El número como lo muestra Twilio en Messaging → Senders → WhatsApp senders, por ejemplo whatsapp:+5215512345678. Si envías con un Messaging Service, pega su SID (empieza con MG).',
  sendCredentials: 'Credenciales para enviar',
  senderStored: 'Remitente',
  webhookTitle: 'Qué pegar en Twilio',
  webhookHelp:
    'En Twilio, abre tu remitente de WhatsApp (Messaging → Senders → WhatsApp senders) o tu Messaging Service. Pega esta dirección en «A message comes in» / «Webhook URL for incoming messages», con el método HTTP POST, y también en «Status callback URL»: así llegan los mensajes de tus clientes y sabemos si tus respuestas se entregaron y se leyeron.',
  changedAccountNeedsToken: 'Cambiaste el Account SID: escribe también el Auth Token de esa cuenta.',
  reasons: {
    proof_needs_token:
      'Para poner el canal en vivo o cambiar la cuenta o el remitente, vuelve a escribir el Auth Token: con él comprobamos en Twilio que la cuenta es tuya.',
    not_owner:
      'Twilio no aceptó ese Account SID con ese Auth Token (o esa clave). Revisa que los dos sean de la misma cuenta.',
    token_invalid: 'Faltan datos de Twilio: escribe el Account SID y el Auth Token.',
    platform_unreachable: 'No pudimos hablar con Twilio. Espera un momento y vuelve a intentarlo.',
  } as Record<string, string>,
  fields: {
    accountSid: 'Account SID (AC seguido de 32 letras y números)',
    authToken: 'Auth Token',
    apiKeySid: 'SID de la clave (SK seguido de 32 letras y números)',
    apiKeySecret: 'Secreto de la clave',
    sender: 'Número de WhatsApp (whatsapp:+52…) o Messaging Service SID (MG…)',
  } as Record<string, string>,
};
