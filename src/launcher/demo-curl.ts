import { demoTenant } from '@/src/tenants/demo-tenant';

// A copy-paste signed delivery for the demo tenant: the body is signed with openssl over the
// exact bytes curl sends, the way Meta signs (X-Hub-Signature-256).
export function demoWhatsappCurl(baseUrl: string): string {
  const d = demoTenant;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: d.whatsapp.businessAccountId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: d.whatsapp.displayPhoneNumber,
                phone_number_id: d.whatsapp.phoneNumberId,
              },
              contacts: [{ profile: { name: 'Ana López' }, wa_id: '5215587654321' }],
              messages: [
                {
                  from: '5215587654321',
                  id: 'wamid.DEMO-$(date +%s%N)',
                  timestamp: '$(date +%s)',
                  type: 'text',
                  text: { body: 'Hola, ¿cuánto cuesta una limpieza?' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return [
    `BODY="${body.replaceAll('"', '\\"')}"`,
    `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac '${d.metaAppSecret}' | sed 's/^.* //')`,
    `curl -sS -X POST '${baseUrl}/api/webhook/whatsapp/${d.slug}' -H 'content-type: application/json' \\`,
    `  -H "x-hub-signature-256: sha256=$SIG" --data-binary "$BODY"`,
  ].join('\n');
}
