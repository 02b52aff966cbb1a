import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { buildTestDelivery } from '@/src/inbound/build-test-delivery';
import { loadWebhookConnection } from '@/src/inbound/load-webhook-connection';
import { tenantSlugSchema } from '@/src/inbound/tenant-slug-schema';
import { webhookSecrets } from '@/src/inbound/webhook-secrets';
import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';

// `webhook send`: a realistic inbound text for the tenant's connection, signed with the
// connection's own secret (decrypted here, as the route does) and POSTed to a running app.

const optionsSchema = z.object({
  channel: channelSchema,
  tenant: tenantSlugSchema,
  text: z.string().min(1).max(4096),
  from: z
    .string()
    .regex(
      /^[A-Za-z0-9._:@+-]{1,128}$/,
      'letters, digits and . _ : @ + - only (an email customer is an address)',
    )
    .optional(),
  url: z.url().optional(),
  live: z.boolean().optional(),
});

export const webhookCommand: Command = {
  name: 'webhook',
  summary: 'Send signed test deliveries to the webhook routes',
  subcommands: {
    send: {
      summary: 'Send a correctly signed inbound text message and print the answer',
      usage:
        'webhook send --channel whatsapp|instagram|facebook|tiktok|twilio|email --tenant S --text "Hola" [--from ID (twilio: a phone number, email: an address)] [--url http://localhost:3000] [--live]',
      options: {
        channel: { type: 'string' },
        tenant: { type: 'string' },
        text: { type: 'string' },
        from: { type: 'string' },
        url: { type: 'string' },
        // A live connection's AI answers the made-up sender through the real platform.
        live: { type: 'boolean' },
      },
      required: ['channel', 'tenant', 'text'],
      async run({ db, env, values, print }) {
        const parsed = optionsSchema.safeParse(values);
        if (!parsed.success) throw new AppError('bad_request', z.prettifyError(parsed.error));
        const { channel, tenant, text, from, url, live } = parsed.data;
        const lookup = await loadWebhookConnection(db, tenant, channel, { fresh: true });
        if (lookup.found !== 'connection') {
          throw new AppError(
            'not_found',
            lookup.found === 'no_tenant' ? `no tenant ${tenant}` : `${tenant} has no ${channel} connection`,
          );
        }
        if (lookup.mode === 'live' && !live) {
          throw new AppError(
            'conflict',
            `the ${channel} connection of ${tenant} is live: the AI would answer this test message through ${channel}. Add --live to send it anyway`,
          );
        }
        const [secret] = webhookSecrets(lookup, env);
        if (!secret)
          throw new AppError('unavailable', `the ${channel} connection of ${tenant} has no webhook secret`);
        const base = (url ?? env.APP_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
        const target = `${base}/api/webhook/${channel}/${tenant}`;
        const delivery = buildTestDelivery({
          channel,
          connection: lookup,
          secret,
          text,
          sender: from,
          url: target,
        });
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...delivery.headers },
          body: delivery.body,
        });
        const answer = await response.text();
        let json: unknown = answer;
        try {
          json = JSON.parse(answer);
        } catch {
          // not JSON: print it as it came
        }
        print(`POST ${target} (from ${delivery.sender})\n${response.status} ${answer}`, {
          url: target,
          from: delivery.sender,
          status: response.status,
          response: json,
        });
        if (!response.ok) throw new AppError('bad_request', `the webhook answered ${response.status}`);
      },
    },
  },
};
