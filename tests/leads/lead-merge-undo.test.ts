import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorCode, appErrorReason } from '@/src/dashboard/app-error-code';
import { loadLeadRecord } from '@/src/dashboard/leads/load-lead-record';
import { mergeLeads } from '@/src/dashboard/leads/merge-leads';
import { undoLeadMerge } from '@/src/dashboard/leads/undo-lead-merge';
import { messagesEn } from '@/src/i18n/messages-en';
import { messagesEs } from '@/src/i18n/messages-es';
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

// Undo within 24 hours puts back exactly the rows the merge moved. The rule for what arrived in
// between: a message follows its conversation. The merged lead's conversations go back with
// every message in them (new ones included: they came through its WhatsApp); a conversation the
// survivor started after the merge goes back when it is on a channel only the merged lead's
// identities reach; the survivor's own conversations and their new messages stay.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('undoing a merge', () => {
  it('restores exactly what moved, and the survivor’s fields the merge filled', async () => {
    const c = await customerOnTwoChannels(test);
    await bookForLead(test, c, c.waLead);
    await test.pool.query(
      "update leads set score = 90, classification = 'hot', email = 'ana@example.com' where id = $1",
      [c.waLead],
    );
    const before = await leadReferences(test, c.tenantId);
    const leadsBefore = await test.pool.query(
      'select id, name, phone, email, notes, stage, score, classification, merged_into_id from leads where tenant_id = $1 order by id',
      [c.tenantId],
    );
    const merge = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
    expect(
      (await test.pool.query('select score, email from leads where id = $1', [c.igLead])).rows[0],
    ).toEqual({ score: 90, email: 'ana@example.com' });

    expect(await undoLeadMerge(test.db, c.staff, c.context, { mergeId: merge.merge_id })).toMatchObject({
      outcome: 'undone',
    });
    const after = await leadReferences(test, c.tenantId);
    for (const table of Object.keys(before)) {
      const kept = Object.fromEntries(Object.keys(before[table]!).map((id) => [id, after[table]![id]]));
      expect({ table, rows: kept }).toEqual({ table, rows: before[table] });
    }
    const leadsAfter = await test.pool.query(
      'select id, name, phone, email, notes, stage, score, classification, merged_into_id from leads where tenant_id = $1 order by id',
      [c.tenantId],
    );
    expect(leadsAfter.rows).toEqual(leadsBefore.rows);
    expect(await leadOf(test, c.tenantId, 'whatsapp', waId)).toBe(c.waLead);

    const record = await loadLeadRecord(test.db, c.staff, c.context, c.igLead);
    expect(record.merges).toEqual([]);
    expect(record.changes.map((change) => change.kind)).toEqual(['unmerge', 'merge']);
    const again = await undoLeadMerge(test.db, c.staff, c.context, { mergeId: merge.merge_id }).catch(
      (e) => e,
    );
    expect(appErrorReason(again)).toBe('already_undone');
  });

  it('keeps messages that arrived after the merge with the lead whose account they came through', async () => {
    const c = await customerOnTwoChannels(test);
    const merge = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
    await postWhatsApp(c.slug, 'wamid.BETWEEN1', 'Por WhatsApp, después de unir');
    await postInstagram(c.slug, 'mid.BETWEEN1', 'Por Instagram, después de unir');
    // Staff closed the WhatsApp conversation; the next WhatsApp message started a new one on the survivor.
    await test.pool.query(
      "update conversations set status = 'resolved' where lead_id = $1 and channel = 'whatsapp'",
      [c.igLead],
    );
    await postWhatsApp(c.slug, 'wamid.BETWEEN2', 'Otra vez por WhatsApp');
    const owners = async () =>
      Object.fromEntries(
        (
          await test.pool.query(
            `select m.platform_message_id as id, m.lead_id, c.lead_id as conversation_lead
             from messages m join conversations c on c.id = m.conversation_id
             where m.platform_message_id in ('wamid.BETWEEN1', 'mid.BETWEEN1', 'wamid.BETWEEN2')`,
          )
        ).rows.map((row) => [row.id, [row.lead_id, row.conversation_lead]]),
      );
    expect(await owners()).toEqual({
      'wamid.BETWEEN1': [c.igLead, c.igLead],
      'mid.BETWEEN1': [c.igLead, c.igLead],
      'wamid.BETWEEN2': [c.igLead, c.igLead],
    });

    await undoLeadMerge(test.db, c.staff, c.context, { mergeId: merge.merge_id });
    expect(await owners()).toEqual({
      'wamid.BETWEEN1': [c.waLead, c.waLead],
      'mid.BETWEEN1': [c.igLead, c.igLead],
      'wamid.BETWEEN2': [c.waLead, c.waLead],
    });
    // No message is left pointing at a lead other than its conversation's.
    const mismatched = await test.pool.query(
      'select count(*)::int as n from messages m join conversations c on c.id = m.conversation_id where m.lead_id <> c.lead_id',
    );
    expect(mismatched.rows[0].n).toBe(0);
    // And the next WhatsApp message goes to the WhatsApp lead again.
    await postWhatsApp(c.slug, 'wamid.AFTERUNDO', 'Hola de nuevo');
    const next = await test.pool.query(
      "select lead_id from messages where platform_message_id = 'wamid.AFTERUNDO'",
    );
    expect(next.rows[0].lead_id).toBe(c.waLead);
  });

  it('refuses after 24 hours with a reason staff can read, in Spanish and English', async () => {
    const c = await customerOnTwoChannels(test);
    const merge = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
    await test.pool.query("update lead_merges set created_at = now() - interval '25 hours' where id = $1", [
      merge.merge_id,
    ]);
    const references = await leadReferences(test, c.tenantId);
    const error = await undoLeadMerge(test.db, c.staff, c.context, { mergeId: merge.merge_id }).catch(
      (e) => e,
    );
    expect({ code: appErrorCode(error), reason: appErrorReason(error) }).toEqual({
      code: 'conflict',
      reason: 'undo_expired',
    });
    expect(messagesEs.leadRecord.refused.undo_expired).toMatch(/24 horas/);
    expect(messagesEn.leadRecord.refused.undo_expired).toMatch(/24 hours/);
    expect(await leadReferences(test, c.tenantId)).toEqual(references);
    const record = await loadLeadRecord(test.db, c.staff, c.context, c.igLead);
    expect(record.merges).toMatchObject([{ undo_refusal: 'undo_expired' }]);
  });

  it('refuses undoing an older merge while a later merge of the same leads stands', async () => {
    const c = await customerOnTwoChannels(test);
    await postWhatsApp(c.slug, 'wamid.THIRD1', 'Hola', '5215500000002');
    const third = await leadOf(test, c.tenantId, 'whatsapp', '5215500000002');
    await test.pool.query("update conversations set status = 'resolved' where lead_id = $1", [third]);
    const first = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: c.waLead });
    const second = await mergeLeads(test.db, c.staff, c.context, { leadId: c.igLead, mergedId: third });
    const error = await undoLeadMerge(test.db, c.staff, c.context, { mergeId: first.merge_id }).catch(
      (e) => e,
    );
    expect(appErrorReason(error)).toBe('later_merge');
    await undoLeadMerge(test.db, c.staff, c.context, { mergeId: second.merge_id });
    await undoLeadMerge(test.db, c.staff, c.context, { mergeId: first.merge_id });
    expect(await leadOf(test, c.tenantId, 'whatsapp', waId)).toBe(c.waLead);
    expect(await leadOf(test, c.tenantId, 'whatsapp', '5215500000002')).toBe(third);
  });
});
