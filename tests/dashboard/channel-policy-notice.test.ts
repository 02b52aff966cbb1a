import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { loadChannelNotices } from '@/src/dashboard/channels/load-channel-notices';
import { PolicyBlockNotice } from '@/src/dashboard/channels/policy-block-notice';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { getEnv } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from '../webhooks/support/fixtures';
import { postSigned } from '../webhooks/support/post-webhook';
import { fixtureAccounts, secrets } from '../webhooks/support/webhook-tenant';

// Meta's messaging_policy_enforcement block reaches staff: the channels page says so, in plain
// Spanish with Meta's reason, until the unblock arrives.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'clinica-bloqueada');
  tenant = await resolveTenant(test.db, owner.staff, 'clinica-bloqueada');
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: 'clinica-bloqueada',
    channel: 'facebook',
    mode: 'sandbox',
    aiEnabled: true,
    pageId: fixtureAccounts.facebook.pageId,
    appSecret: secrets.meta,
    verifyToken: secrets.verifyToken,
  });
});
afterAll(() => test.drop());

function render(blocks: Awaited<ReturnType<typeof loadChannelNotices>>['policy_blocks']): string {
  return renderToStaticMarkup(
    createElement(PolicyBlockNotice, { blocks, t: messagesEs, timezone: 'America/Mexico_City' }),
  );
}

describe('the channels page after a Messenger policy block', () => {
  it('shows nothing while no channel is blocked', async () => {
    const notices = await loadChannelNotices(test.db, owner.staff, tenant);
    expect(notices.policy_blocks).toEqual([]);
    expect(render(notices.policy_blocks)).toBe('');
  });

  it('names the channel and Meta’s reason after a block, and nothing after the unblock', async () => {
    await postSigned('facebook', 'clinica-bloqueada', fixtureText('facebook', 'policy-block'));
    const blocked = await loadChannelNotices(test.db, owner.staff, tenant);
    expect(blocked.policy_blocks).toEqual([
      {
        channel: 'facebook',
        blocked_at: expect.any(String),
        reason: expect.stringContaining('Platform Policies'),
      },
    ]);
    const html = render(blocked.policy_blocks);
    expect(html).toContain('Meta bloqueó los mensajes de Messenger');
    expect(html).toContain('Motivo que da Meta:');
    expect(html).toContain('role="alert"');

    await postSigned('facebook', 'clinica-bloqueada', fixtureText('facebook', 'policy-unblock'));
    expect((await loadChannelNotices(test.db, owner.staff, tenant)).policy_blocks).toEqual([]);
  });
});
