import { createHmac } from 'node:crypto';
import type { LoadRequest } from './http-load';

// Signed WhatsApp Cloud API deliveries in a realistic mix: half from people writing for the
// first time, a quarter from people seen before, one in ten a platform redelivery of an earlier
// body (same bytes, same signature), the rest batches (three messages from two people plus a
// delivery status for one of our sent replies). Seeded, so every run sends the same mix.

type DeliveryKind = 'new_user' | 'repeat_user' | 'duplicate' | 'batch';
export type Delivery = LoadRequest & {
  kind: DeliveryKind /** set for new_user: who gets the reply */;
  waId?: string;
};

type Message = { from: string; id: string; text: string };

const texts = [
  'Hola, ¿cuánto cuesta una limpieza?',
  '¿Tienen citas el sábado por la mañana?',
  'Me interesa el blanqueamiento, ¿qué precio tiene?',
  '¿Aceptan tarjeta de crédito?',
  'Quisiera agendar una valoración para mi hijo',
];

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createDeliveryMix(options: {
  path: string;
  phoneNumberId: string;
  secret: string;
  /** 0-99, distinct per run against one database, so "new" people are new. */
  run: number;
  seed?: number;
  /** A platform id of one of our sent replies, for the batches' status (see fake-platforms). */
  recentSentId?: () => string | undefined;
}): { next: () => Delivery } {
  const random = seededRandom(options.seed ?? 7);
  const people: string[] = [];
  const earlier: Delivery[] = [];
  let counter = 0;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const newPerson = () => {
    counter += 1;
    const waId = `521${String(options.run).padStart(2, '0')}${String(people.length + 1).padStart(8, '0')}`;
    people.push(waId);
    return waId;
  };
  const message = (from: string): Message => {
    counter += 1;
    return { from, id: `wamid.bench.${options.run}.${counter}`, text: pick(texts) };
  };

  const build = (kind: DeliveryKind, messages: Message[], waId?: string): Delivery => {
    const from = [...new Set(messages.map((m) => m.from))];
    const sentId = kind === 'batch' ? options.recentSentId?.() : undefined;
    const value = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '5215512345678', phone_number_id: options.phoneNumberId },
      contacts: from.map((id) => ({ profile: { name: `Cliente ${id.slice(-4)}` }, wa_id: id })),
      messages: messages.map((m) => ({
        from: m.from,
        id: m.id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'text',
        text: { body: m.text },
      })),
      ...(sentId && {
        statuses: [
          {
            id: sentId,
            status: 'delivered',
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: from[0],
          },
        ],
      }),
    };
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '200000000000001', changes: [{ field: 'messages', value }] }],
    });
    const signature = `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
    return { kind, waId, path: options.path, body, headers: { 'x-hub-signature-256': signature } };
  };

  const next = (): Delivery => {
    const roll = random();
    let delivery: Delivery;
    if (roll < 0.1 && earlier.length > 0) return { ...pick(earlier), kind: 'duplicate', waId: undefined };
    if (roll < 0.35 && people.length > 0) delivery = build('repeat_user', [message(pick(people))]);
    else if (roll < 0.5 && people.length > 0) {
      const known = pick(people);
      const fresh = newPerson();
      delivery = build('batch', [message(fresh), message(known), message(fresh)]);
    } else {
      const waId = newPerson();
      delivery = build('new_user', [message(waId)], waId);
    }
    earlier.push(delivery);
    if (earlier.length > 1000) earlier.shift();
    return delivery;
  };
  return { next };
}
