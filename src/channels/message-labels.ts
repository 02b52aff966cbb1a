// Readable lines for non-text messages, shown in the inbox and read by the AI. Spanish: the
// tenants and their customers are in Latin America.

const labels = {
  image: 'Imagen',
  video: 'Video',
  audio: 'Audio',
  voice: 'Nota de voz',
  document: 'Documento',
  file: 'Archivo',
  sticker: 'Sticker',
  location: 'Ubicación',
  contacts: 'Contacto',
  reaction: 'Reacción',
  reaction_removed: 'Quitó una reacción',
  unsupported: 'Mensaje no compatible',
  share: 'Publicación compartida',
  reel: 'Reel',
  story_mention: 'Te mencionó en su historia',
  story_reply: 'Respuesta a tu historia',
  order: 'Pedido',
  link: 'Enlace',
  flow_reply: 'Formulario enviado',
  address: 'Dirección enviada',
  request_welcome: 'Abrió el chat por primera vez',
  ad_referral: 'Llegó desde un anuncio',
  link_referral: 'Llegó desde un enlace',
  buttons: 'Mensaje con botones',
  card: 'Tarjeta',
  product: 'Producto',
  appointment: 'Reserva de cita',
  revoke: 'Mensaje eliminado',
  other: 'Mensaje',
} as const;

export type LabelKind = keyof typeof labels;

/** "[Imagen]", or "[Imagen] caption" when there is more to say. */
export function labelled(kind: LabelKind, ...details: Array<string | undefined | null>): string {
  const extra = details.map((detail) => detail?.trim()).filter(Boolean);
  return [`[${labels[kind]}]`, ...extra].join(' ');
}
