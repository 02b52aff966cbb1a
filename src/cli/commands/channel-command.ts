import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { connectChannel, type MaskedConnection } from '@/src/channels/connect-channel';
import type { Command } from '../command';
import { stringOption } from '../string-option';

const onOff = z
  .enum(['on', 'off'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'on'));

function describe(connection: MaskedConnection): string {
  const ids = [
    'phone_number_id',
    'business_account_id',
    'page_id',
    'instagram_account_id',
    'tiktok_business_id',
    'email_address',
  ]
    .filter((key) => connection[key])
    .map((key) => `${key}=${connection[key]}`);
  return [
    `${connection.channel.padEnd(9)} ${connection.mode.padEnd(7)} ${connection.status.padEnd(12)} ai=${connection.ai_enabled ? 'on' : 'off'}`,
    `  ${ids.join(' ')}`,
    `  access token ${connection.access_token ?? '(none)'}  secret ${connection.webhook_secret ?? '(none)'}  verify token ${connection.verify_token ?? '(none)'}`,
  ].join('\n');
}

export const channelCommand: Command = {
  name: 'channel',
  summary:
    'Connect WhatsApp, Instagram, Messenger (facebook), TikTok, WhatsApp through Twilio and email (Postmark) accounts',
  subcommands: {
    connect: {
      summary: 'Create or update a connection (secrets are encrypted; omitted ones are kept)',
      usage: [
        'channel connect --tenant S --channel whatsapp --mode live|sandbox --phone-number-id ID',
        '    --business-account-id ID [--display-phone-number DIGITS] --access-token T --app-secret S --verify-token V',
        '  facebook:  --page-id ID --access-token T --app-secret S --verify-token V',
        '  instagram: --instagram-account-id ID [--page-id ID] --access-token T --app-secret S --verify-token V',
        '  tiktok:    --business-id ID --access-token T --client-secret S',
        "  twilio:    --account-sid AC… --auth-token T [--api-key-sid SK… --api-key-secret S] --from 'whatsapp:+1…'",
        '             (or --messaging-service-sid MG… instead of --from)',
        '  email:     --email-address hola@dominio --access-token POSTMARK_SERVER_TOKEN --inbound-credentials USER:PASSWORD',
        '  any:       [--ai on|off] [--display-name NAME]',
      ].join('\n'),
      options: {
        tenant: { type: 'string' },
        channel: { type: 'string' },
        mode: { type: 'string' },
        ai: { type: 'string' },
        'display-name': { type: 'string' },
        'phone-number-id': { type: 'string' },
        'business-account-id': { type: 'string' },
        'display-phone-number': { type: 'string' },
        'page-id': { type: 'string' },
        'instagram-account-id': { type: 'string' },
        'business-id': { type: 'string' },
        'access-token': { type: 'string' },
        'app-secret': { type: 'string' },
        'client-secret': { type: 'string' },
        'email-address': { type: 'string' },
        'inbound-credentials': { type: 'string' },
        'verify-token': { type: 'string' },
        'account-sid': { type: 'string' },
        'auth-token': { type: 'string' },
        'api-key-sid': { type: 'string' },
        'api-key-secret': { type: 'string' },
        from: { type: 'string' },
        'messaging-service-sid': { type: 'string' },
      },
      required: ['tenant', 'channel'],
      async run({ db, env, values, print }) {
        const text = (key: string) => values[key] as string | undefined;
        const connection = await connectChannel(
          db,
          env.ENCRYPTION_KEY!,
          {
            tenantSlug: text('tenant')!,
            channel: channelSchema.parse(text('channel')),
            mode: text('mode') as 'live' | 'sandbox' | undefined,
            aiEnabled: onOff.parse(text('ai')),
            displayName: text('display-name'),
            phoneNumberId: text('phone-number-id'),
            businessAccountId: text('business-account-id'),
            displayPhoneNumber: text('display-phone-number'),
            pageId: text('page-id'),
            instagramAccountId: text('instagram-account-id'),
            businessId: text('business-id'),
            accessToken: text('access-token'),
            appSecret: text('app-secret'),
            clientSecret: text('client-secret'),
            emailAddress: text('email-address'),
            inboundCredentials: text('inbound-credentials'),
            verifyToken: text('verify-token'),
            accountSid: text('account-sid'),
            authToken: text('auth-token'),
            apiKeySid: text('api-key-sid'),
            apiKeySecret: text('api-key-secret'),
            from: text('from'),
            messagingServiceSid: text('messaging-service-sid'),
          },
          env,
        );
        print(`Saved:\n${describe(connection)}`, connection);
      },
    },
    list: {
      summary: 'List a tenant’s connections (secrets masked)',
      usage: 'channel list --tenant S',
      options: { tenant: { type: 'string' } },
      required: ['tenant'],
      async run({ db, values, print }) {
        const connections = await db.rpc('admin_list_channel_connections', {
          p_tenant_slug: stringOption(values.tenant),
        });
        print(connections.map(describe).join('\n') || '(no connections)', connections);
      },
    },
  },
};
