import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorCode, appErrorReason } from '@/src/dashboard/app-error-code';
import { loadLeadRecord, loadMergeCandidates } from '@/src/dashboard/leads/load-lead-record';
import { mergeLeads } from '@/src/dashboard/leads/merge-leads';
import { updateLead } from '@/src/dashboard/leads/update-lead';
import { tenantFingerprint } from '../security/support/tenant-rows';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { bookForLead } from './support/book-for-lead';
import {
  customerOnTwoChannels,
  leadOf,
  leadReferences,
  postInstagram,
  postWhatsApp,
  waId,
} from './support/customer-on-two-channels';

// Merging the same customer's WhatsApp lead into their Instagram lead: everything that points
// at the merged lead moves in one transaction, the merged lead stays (pointing at the survivor),
// and the next WhatsApp message goes to the survivor through the ordinary ingest path.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

// Every foreign key to leads, and what a merge does with it. A new one fails this test until the
// merge (dashboard_merge_leads and its undo) handles it and it is added here.
const handled: Record<string, string> = {
  'appointments.lead_id': 'moved',
  'attention_events.lead_id': 'kept: a notice already sent about that lead, as it was then',
  'conversations.lead_id': 'moved',
  'lead_identities.lead_id': 'moved',
  'lead_score_events.lead_id': 'moved',
  'messages.lead_id': 'moved',
  'lead_changes.lead_id': 'moved',
  'lead_tags.lead_id': 'copied: the survivor gains the tags it lacked; undo removes exactly those',
  'lead_changes.other_lead_id': 'kept: names the other lead of a merge entry',
  'lead_merges.survivor_id': 'the merge record itself',
  'lead_merges.merged_id': 'the merge record itself',
  'leads.merged_into_id': 'the pointer a merge sets; chains are followed on the page',
};

async function foreignKeysToLeads(): Promise<string[]> {
  const { rows } = await test.pool.query(`
    select c.conrelid::regclass::text || '.' || a.attname as column
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    where c.contype = 'f' and c.confrelid = 'public.leads'::regclass
    order by 1`);
  return rows.map((row) => String(row.column).replace(/^public\./, ''));
}

async function mergeWaIntoIg() {
  const c = await customerOnTwoChannels(test);
  const result = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
  return { c, result };
}

describe('which rows reference a lead', () => {
  it('every foreign key to leads is one the merge handles', async () => {
    expect(await foreignKeysToLeads()).toEqual(Object.keys(handled).sort());
  });

  it('the merge records exactly the moved columns', async () => {
    const { result } = await mergeWaIntoIg();
    const moved = Object.entries(handled)
      .filter(([, how]) => how === 'moved')
      .map(([column]) => column.split('.')[0]);
    expect(Object.keys(result.moved).sort()).toEqual([...moved, 'lead_tags_added'].sort());
  });
});

describe('merging two leads', () => {
  it('moves conversations, messages, appointments, identities, score events and history', async () => {
    const c = await customerOnTwoChannels(test);
    const appointment = await bookForLead(test, c, c.waLead);
    await test.pool.query(
      `insert into lead_score_events (tenant_id, lead_id, delta, score_before, score_after, classification_after)
       values ($1, $2, 30, 50, 80, 'hot')`,
      [c.tenantId, c.waLead],
    );
    await test.pool.query('update leads set score = 80, classification = $2 where id = $1', [
      c.waLead,
      'hot',
    ]);
    await updateLead(test.db, c.staff, c.context, {
      leadId: c.waLead,
      name: 'Ana López',
      phone: '+52 55 8765 4321',
      email: 'ana@example.com',
      notes: 'Viene de WhatsApp',
      stage: 'contacted',
    });
    const tag = await test.pool.query(
      `insert into tags (tenant_id, name, color) values ($1, 'VIP', 'amber') returning id`,
      [c.tenantId],
    );
    await test.pool.query('insert into lead_tags (lead_id, tag_id, tenant_id) values ($1, $2, $3)', [
      c.waLead,
      tag.rows[0].id,
      c.tenantId,
    ]);
    const counts = await test.pool.query(
      `select (select count(*)::int from messages where lead_id = $1) as messages,
              (select count(*)::int from conversations where lead_id = $1) as conversations`,
      [c.waLead],
    );

    const result = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
    expect(result.moved).toEqual({
      conversations: counts.rows[0].conversations,
      messages: counts.rows[0].messages,
      appointments: 1,
      lead_identities: 1,
      lead_score_events: 1,
      lead_changes: 1,
      lead_tags_added: 1,
    });
    const tagged = await test.pool.query('select lead_id from lead_tags where tag_id = $1 order by lead_id', [
      tag.rows[0].id,
    ]);
    expect(tagged.rows.map((r) => r.lead_id).sort()).toEqual([c.igLead, c.waLead].sort());

    // Nothing but the merge's own rows points at the merged lead any more.
    for (const column of Object.keys(handled).filter((k) => handled[k] === 'moved')) {
      const [table, col] = column.split('.');
      const what = table === 'lead_changes' ? 'kind' : 'id';
      const left = await test.pool.query(`select ${what} from public.${table} where ${col} = $1`, [c.waLead]);
      expect({ column, left: left.rows }).toEqual({
        column,
        left: table === 'lead_changes' ? [{ kind: 'merged_away' }] : [],
      });
    }
    const appt = await test.pool.query('select lead_id from appointments where id = $1', [appointment]);
    expect(appt.rows[0].lead_id).toBe(c.igLead);

    // The survivor keeps its fields, fills the empty ones, takes the higher score; the merged lead
    // is kept, pointing at it.
    const leads = await test.pool.query(
      'select id, name, phone, email, notes, stage, score, classification, merged_into_id from leads where id = any($1)',
      [[c.igLead, c.waLead]],
    );
    const survivor = leads.rows.find((row) => row.id === c.igLead);
    const merged = leads.rows.find((row) => row.id === c.waLead);
    expect(survivor).toMatchObject({
      name: 'Ana López',
      phone: '+525587654321',
      email: 'ana@example.com',
      notes: 'Viene de WhatsApp',
      stage: 'new',
      score: 80,
      classification: 'hot',
      merged_into_id: null,
    });
    expect(merged).toMatchObject({ merged_into_id: c.igLead, name: 'Ana López' });

    const record = await loadLeadRecord(test.db, c.staff, c.context, c.igLead);
    expect(record.merges).toMatchObject([{ role: 'survivor', other_lead_id: c.waLead, undo_refusal: null }]);
    expect(record.changes.map((change) => change.kind)).toEqual(['merge', 'edit']);
    const mergedRecord = await loadLeadRecord(test.db, c.staff, c.context, c.waLead);
    expect(mergedRecord.merged_into).toEqual({ id: c.igLead, name: 'Ana López' });
  });

  it('sends the next message from the merged lead’s WhatsApp to the survivor (real webhook)', async () => {
    const { c } = await mergeWaIntoIg();
    const leadsBefore = await test.pool.query('select count(*)::int as n from leads where tenant_id = $1', [
      c.tenantId,
    ]);
    const posted = await postWhatsApp(c.slug, 'wamid.AFTER1', '¿Tienen cita el lunes?');
    expect(posted.body).toMatchObject({ stored: 1 });
    const { rows } = await test.pool.query(
      `select m.lead_id, c.lead_id as conversation_lead from messages m join conversations c on c.id = m.conversation_id
       where m.platform_message_id = 'wamid.AFTER1'`,
    );
    expect(rows).toEqual([{ lead_id: c.igLead, conversation_lead: c.igLead }]);
    const leadsAfter = await test.pool.query('select count(*)::int as n from leads where tenant_id = $1', [
      c.tenantId,
    ]);
    expect(leadsAfter.rows[0].n).toBe(leadsBefore.rows[0].n);
    expect(await leadOf(test, c.tenantId, 'whatsapp', waId)).toBe(c.igLead);
    // Instagram still reaches it too.
    await postInstagram(c.slug, 'mid.AFTER1', 'Gracias');
    const ig = await test.pool.query("select lead_id from messages where platform_message_id = 'mid.AFTER1'");
    expect(ig.rows[0].lead_id).toBe(c.igLead);
  });

  it('finds the other lead by name or phone within the tenant, never a merged one', async () => {
    const c = await customerOnTwoChannels(test);
    const byPhone = await loadMergeCandidates(test.db, c.staff, c.context, c.igLead, '55 8765');
    expect(byPhone?.map((lead) => lead.id)).toEqual([c.waLead]);
    const byName = await loadMergeCandidates(test.db, c.staff, c.context, c.igLead, 'ana');
    expect(byName?.map((lead) => lead.id)).toEqual([c.waLead]);
    await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
    expect(await loadMergeCandidates(test.db, c.staff, c.context, c.igLead, 'ana')).toEqual([]);
  });

  it('refuses merging with another tenant’s lead and changes nothing of either', async () => {
    const c = await customerOnTwoChannels(test);
    const other = await createTenantWithStaff(test, `other-${Date.now()}`);
    const { rows } = await test.pool.query(
      "insert into leads (tenant_id, name, origin_channel) values ($1, 'Ana López', 'whatsapp') returning id",
      [other.tenantId],
    );
    const before = [await tenantFingerprint(test, c.tenantId), await tenantFingerprint(test, other.tenantId)];
    const references = await leadReferences(test, c.tenantId);
    for (const input of [
      { leadId: c.igLead, mergedId: rows[0].id },
      { leadId: rows[0].id, mergedId: c.igLead },
    ]) {
      const error = await mergeLeads(test.db, c.staff, c.context, input).catch((e: unknown) => e);
      expect(appErrorCode(error)).toBe('not_found');
    }
    // Nor through the other tenant's staff, aiming at this tenant's leads.
    const error = await test.db
      .rpc(
        'dashboard_merge_leads',
        { p_tenant_id: c.tenantId, p_survivor_id: c.igLead, p_merged_id: c.waLead },
        { as: other.staff },
      )
      .catch((e: unknown) => e);
    expect(appErrorCode(error)).toBe('forbidden');
    expect([
      await tenantFingerprint(test, c.tenantId),
      await tenantFingerprint(test, other.tenantId),
    ]).toEqual(before);
    expect(await leadReferences(test, c.tenantId)).toEqual(references);
  });

  it('refuses a lead with itself, an already merged lead, and two open conversations on one channel', async () => {
    const { c } = await mergeWaIntoIg();
    const self = await mergeLeads(test.db, c.staff, c.context, {
      leadId: c.igLead,
      mergedId: c.igLead,
    }).catch((e: unknown) => e);
    expect(appErrorReason(self)).toBe('same_lead');
    const again = await mergeLeads(test.db, c.staff, c.context, {
      leadId: c.waLead,
      mergedId: c.igLead,
    }).catch((e: unknown) => e);
    expect(appErrorReason(again)).toBe('already_merged');

    // A second WhatsApp number of a different lead, both with an open WhatsApp conversation.
    await postWhatsApp(c.slug, 'wamid.OTHER1', 'Hola', '5215500000001');
    const second = await leadOf(test, c.tenantId, 'whatsapp', '5215500000001');
    const both = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: second }).catch(
      (e: unknown) => e,
    );
    expect({ code: appErrorCode(both), reason: appErrorReason(both) }).toEqual({
      code: 'conflict',
      reason: 'both_open_on_channel',
    });
  });
});
