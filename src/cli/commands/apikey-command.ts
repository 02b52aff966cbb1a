import { z } from 'zod';
import { createApiKey } from '@/src/api/api-key';
import { AppError } from '@/src/shared/app-error';
import type { CliContext, Command } from '../command';
import { stringOption } from '../string-option';

// API keys for /api/v1 made by the operator. The key acts as the business's first owner (the
// dashboard's keys act as the admin who made them). It is printed once: only its hash is kept.

const scopeSchema = z.enum(['read', 'write']);

async function tenantId(context: CliContext): Promise<string> {
  const tenant = await context.db.rpc('admin_get_tenant', { p_slug: String(context.values.tenant) });
  return tenant.id;
}

export const apikeyCommand: Command = {
  name: 'apikey',
  summary: 'API keys for /api/v1 (create, list, revoke)',
  subcommands: {
    create: {
      summary: 'Make an API key (printed once; --json prints {"key": …})',
      usage: 'apikey create --tenant S --name N [--scope read|write] [--rate-limit PER_MINUTE]',
      options: {
        tenant: { type: 'string' },
        name: { type: 'string' },
        scope: { type: 'string' },
        'rate-limit': { type: 'string' },
      },
      required: ['tenant', 'name'],
      async run(context) {
        const scope = scopeSchema.safeParse(context.values.scope ?? 'read');
        if (!scope.success) throw new AppError('bad_request', '--scope is read or write');
        const limit = stringOption(context.values['rate-limit']);
        if (limit !== null && !/^\d{1,5}$/.test(limit))
          throw new AppError('bad_request', '--rate-limit is a number');
        const { key, keyHash, prefix } = createApiKey();
        const saved = await context.db.rpc('admin_create_api_key', {
          p_tenant_id: await tenantId(context),
          p_name: String(context.values.name),
          p_scope: scope.data,
          p_key_hash: keyHash,
          p_prefix: prefix,
          p_rate_limit: limit === null ? null : Number(limit),
        });
        context.print(
          `API key "${saved.name}" (${saved.scope}) made. Copy it now, it is not shown again:\n${key}`,
          { key, id: saved.id, name: saved.name, scope: saved.scope, prefix: saved.prefix },
        );
      },
    },
    list: {
      summary: "List a business's API keys (never the keys themselves)",
      usage: 'apikey list --tenant S',
      options: { tenant: { type: 'string' } },
      required: ['tenant'],
      async run(context) {
        const keys = await context.db.rpc('admin_api_keys', { p_tenant_id: await tenantId(context) });
        const lines = keys.map(
          (k) =>
            `${k.id}  ${k.prefix}…  ${k.scope.padEnd(5)}  ${k.revoked_at ? 'revoked' : 'live   '}  ${k.name}`,
        );
        context.print(lines.length ? lines.join('\n') : 'No API keys.', keys);
      },
    },
    revoke: {
      summary: 'Revoke an API key by its id (it stops working at once)',
      usage: 'apikey revoke --tenant S --id KEY_ID',
      options: { tenant: { type: 'string' }, id: { type: 'string' } },
      required: ['tenant', 'id'],
      async run(context) {
        const id = z.uuid().safeParse(context.values.id);
        if (!id.success) throw new AppError('bad_request', '--id is a key id (apikey list shows them)');
        const result = await context.db.rpc('admin_revoke_api_key', {
          p_tenant_id: await tenantId(context),
          p_key_id: id.data,
        });
        context.print(result.revoked ? 'Revoked.' : 'No live key with that id.', result);
      },
    },
  },
};
