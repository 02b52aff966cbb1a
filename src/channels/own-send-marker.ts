// The marker our senders attach to every send ("inbox:<message uuid>": Messenger/Instagram
// message.metadata, WhatsApp biz_opaque_callback_data) and the platform hands back on echoes and
// statuses, so they are matched to our own row.

const marker = /^inbox:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function ownSendMarker(messageId: string): string {
  return `inbox:${messageId}`;
}

/** Our message id from a marker the platform returned, or null for anything else. */
export function ownMessageIdFrom(value: string | undefined | null): string | null {
  return marker.exec(value ?? '')?.[1]?.toLowerCase() ?? null;
}
