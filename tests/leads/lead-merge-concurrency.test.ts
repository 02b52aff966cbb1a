import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  type Customer,
  customerOnTwoChannels,
  leadReferences,
  postWhatsApp,
} from './support/customer-on-two-channels';

// Two staff merge the same pair at once, in opposite directions (A into B and B into A). The
// merge takes its locks in one order (identities, then lead rows by id), so one waits for the
// other and is then refused: no deadlock, nothing lost, every row on one lead.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function staffClient(c: Customer): Promise<pg.PoolClient> {
  const client = await test.pool.connect();
  await client.query('begin');
  await client.query(
    "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
    [JSON.stringify(c.staff.claims)],
  );
  return client;
}

function merge(client: pg.PoolClient, c: Customer, survivor: string, merged: string) {
  return client.query('select public.dashboard_merge_leads($1, $2, $3) as result', [
    c.tenantId,
    survivor,
    merged,
  ]);
}

/** Until a session running `fn` waits on a lock (the other transaction's). */
async function waitForLockWait(fn: string): Promise<void> {
  for (;;) {
    const { rows } = await test.pool.query(
      "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like $1 and pid <> pg_backend_pid()",
      [`%${fn}(%`],
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function everythingOnOneLead(c: Customer): Promise<string> {
  const references = await leadReferences(test, c.tenantId);
  const owners = new Set(
    ['conversations', 'messages', 'lead_identities'].flatMap((table) => Object.values(references[table]!)),
  );
  expect(owners.size).toBe(1);
  return [...owners][0]!;
}

describe('two merges of the same pair at once', () => {
  it('A→B waits for B→A (held open), then is refused; nothing is lost', async () => {
    const c = await customerOnTwoChannels(test);
    const messages = await test.pool.query('select count(*)::int as n from messages where tenant_id = $1', [
      c.tenantId,
    ]);
    const first = await staffClient(c);
    const second = await staffClient(c);
    try {
      await merge(first, c, c.igLead, c.waLead);
      const waiting = merge(second, c, c.waLead, c.igLead).then(
        () => 'merged',
        (error: { code?: string; hint?: string }) => `${error.code} ${error.hint}`,
      );
      // The second is blocked on the first's locks until it commits.
      await waitForLockWait('dashboard_merge_leads');
      await first.query('commit');
      expect(await waiting).toBe('PT409 already_merged');
      await second.query('rollback');
    } finally {
      first.release();
      second.release();
    }
    expect(await everythingOnOneLead(c)).toBe(c.igLead);
    const after = await test.pool.query('select count(*)::int as n from messages where tenant_id = $1', [
      c.tenantId,
    ]);
    expect(after.rows[0].n).toBe(messages.rows[0].n);
  });

  it('run truly at once, many times: exactly one wins each time, never a deadlock', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await customerOnTwoChannels(test);
      const outcomes = await Promise.all(
        (
          [
            [c.igLead, c.waLead],
            [c.waLead, c.igLead],
          ] as const
        ).map(([survivor, merged]) =>
          test.db
            .rpc(
              'dashboard_merge_leads',
              { p_tenant_id: c.tenantId, p_survivor_id: survivor, p_merged_id: merged },
              {
                as: c.staff,
              },
            )
            .then(
              (result) => `merged into ${result.survivor_id === c.igLead ? 'ig' : 'wa'}`,
              (error: { details?: { reason?: string }; message: string }) =>
                error.details?.reason ?? error.message,
            ),
        ),
      );
      expect(outcomes.filter((o) => o.startsWith('merged'))).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'already_merged')).toHaveLength(1);
      const winner = outcomes.find((o) => o.startsWith('merged')) === 'merged into ig' ? c.igLead : c.waLead;
      expect(await everythingOnOneLead(c)).toBe(winner);
    }
  });

  it('a message arriving during a merge lands on the survivor', async () => {
    const c = await customerOnTwoChannels(test);
    const first = await staffClient(c);
    try {
      await merge(first, c, c.igLead, c.waLead);
      // Ingest takes the identity's lock first, so it waits for the merge to commit.
      const arriving = postWhatsApp(c.slug, 'wamid.DURING1', 'Justo ahora');
      await waitForLockWait('ingest_webhook');
      await first.query('commit');
      expect((await arriving).body).toMatchObject({ stored: 1 });
    } finally {
      first.release();
    }
    const { rows } = await test.pool.query(
      "select m.lead_id, c.lead_id as conversation_lead from messages m join conversations c on c.id = m.conversation_id where m.platform_message_id = 'wamid.DURING1'",
    );
    expect(rows).toEqual([{ lead_id: c.igLead, conversation_lead: c.igLead }]);
  });
});
