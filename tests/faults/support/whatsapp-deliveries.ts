import { createHmac } from 'node:crypto';

// Signed WhatsApp Cloud API deliveries (PLATFORMS.md §2.1) from a set of customers: each
// customer writes a few messages, every message has its own wamid.

export type Delivery = { wamid: string; customer: string; text: string; body: string; signature: string };

export function whatsappDelivery(
  options: { phoneNumberId: string; appSecret: string },
  customer: string,
  wamid: string,
  text: string,
): Delivery {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '206000000000001',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5215500000000', phone_number_id: options.phoneNumberId },
              contacts: [{ profile: { name: `Cliente ${customer.slice(-4)}` }, wa_id: customer }],
              messages: [
                {
                  from: customer,
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', options.appSecret).update(body).digest('hex')}`;
  return { wamid, customer, text, body, signature };
}

/** `customers` people writing `perCustomer` messages each, interleaved (a burst per person). */
export function conversationLoad(
  options: { phoneNumberId: string; appSecret: string; run: string },
  customers: number,
  perCustomer: number,
): Delivery[] {
  const deliveries: Delivery[] = [];
  for (let m = 0; m < perCustomer; m += 1) {
    for (let c = 0; c < customers; c += 1) {
      // 52156…: the business's own number is 5215500000000, and a message from it is never a lead.
      const customer = `52156${String(c).padStart(8, '0')}`;
      deliveries.push(
        whatsappDelivery(options, customer, `wamid.${options.run}.${c}.${m}`, `cliente ${c} mensaje ${m}`),
      );
    }
  }
  return deliveries;
}
