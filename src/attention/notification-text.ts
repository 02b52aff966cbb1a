// The words of a notification, in plain Spanish. Never the customer's message or phone: a push
// lands on a lock screen and an email in an inbox others may read.

export type AttentionKind = 'escalation' | 'hot_lead' | 'mention';

export type NotificationText = { title: string; body: string; subject: string; url: string };

export function notificationText(
  kind: AttentionKind,
  tenantName: string,
  conversationPath: string,
  baseUrl: string | undefined,
): NotificationText {
  const url = baseUrl ? new URL(conversationPath, baseUrl).toString() : conversationPath;
  if (kind === 'escalation') {
    return {
      title: 'Una conversación necesita a una persona',
      body: `${tenantName}: la IA pasó una conversación al equipo. Ábrela para responder.`,
      subject: `[${tenantName}] Una conversación necesita a una persona`,
      url,
    };
  }
  if (kind === 'mention') {
    return {
      title: 'Te mencionaron en una nota',
      body: `${tenantName}: alguien del equipo te mencionó en una nota interna. Ábrela para leerla.`,
      subject: `[${tenantName}] Te mencionaron en una nota`,
      url,
    };
  }
  return {
    title: 'Nuevo cliente muy interesado',
    body: `${tenantName}: un cliente nuevo está listo para comprar o reservar.`,
    subject: `[${tenantName}] Nuevo cliente muy interesado`,
    url,
  };
}

export function emailBody(text: NotificationText): string {
  return [
    'Hola:',
    '',
    text.body,
    '',
    `Abrir la conversación: ${text.url}`,
    '',
    'Recibes este aviso porque eres parte del equipo. Puedes apagar los correos en "Avisos",',
    'dentro del panel.',
  ].join('\n');
}
