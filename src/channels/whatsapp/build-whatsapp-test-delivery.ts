import { signMetaDelivery } from '@/src/channels/meta/sign-meta-delivery';
import { type TestDelivery, type TestDeliveryInput, uniqueTestId } from '@/src/channels/test-delivery';

// A WhatsApp Cloud API text message webhook (PLATFORMS.md §2.2).
export function buildWhatsappTestDelivery(input: TestDeliveryInput): TestDelivery {
  const sender = input.sender ?? '5215500000001';
  const { account } = input;
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: account.business_account_id ?? '0',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: account.display_phone_number ?? '',
                phone_number_id: account.phone_number_id,
              },
              contacts: [{ profile: { name: 'Cliente de prueba' }, wa_id: sender }],
              messages: [
                {
                  from: sender,
                  id: `wamid.TEST${uniqueTestId()}`,
                  timestamp: String(Math.floor(input.now.getTime() / 1000)),
                  type: 'text',
                  text: { body: input.text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
  return signMetaDelivery(payload, input.secret, sender);
}
