import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorCode, appErrorFields, appErrorReason } from '@/src/dashboard/app-error-code';
import { loadLeadRecord } from '@/src/dashboard/leads/load-lead-record';
import { updateLead } from '@/src/dashboard/leads/update-lead';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { customerOnTwoChannels, leadOf, postWhatsApp, waId } from './support/customer-on-two-channels';

// Editing a lead: validated twice (zod in the dashboard, SQL for direct calls), one history row
// per edit with who and each field's before and after, and the channel's own id untouched.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const base = { name: 'Ana López', phone: '', email: '', notes: '', stage: 'new' };

describe('editing a lead', () => {
  it('saves name, phone, email, notes and stage, and records who changed what', async () => {
    const c = await customerOnTwoChannels(test);
    const result = await updateLead(test.db, c.staff, c.context, {
      ...base,
      leadId: c.waLead,
      name: '  Ana María López ',
      phone: '+52 (55) 1111-2222',
      email: 'ana@example.com',
      notes: 'Prefiere por la tarde.',
      stage: 'contacted',
    });
    expect(result).toMatchObject({ outcome: 'updated' });
    const record = await loadLeadRecord(test.db, c.staff, c.context, c.waLead);
    expect(record.contact).toEqual({
      name: 'Ana María López',
      phone: '+525511112222',
      email: 'ana@example.com',
      notes: 'Prefiere por la tarde.',
      stage: 'contacted',
    });
    expect(record.changes).toHaveLength(1);
    expect(record.changes[0]).toMatchObject({
      kind: 'edit',
      changed_by_email: `owner@${c.slug}.example`,
      changes: {
        name: { before: 'Ana López', after: 'Ana María López' },
        phone: { before: '+5215587654321', after: '+525511112222' },
        stage: { before: 'new', after: 'contacted' },
      },
    });

    // The same values again: nothing to record.
    const again = await updateLead(test.db, c.staff, c.context, {
      leadId: c.waLead,
      ...record.contact,
      phone: record.contact.phone ?? '',
      email: record.contact.email ?? '',
      notes: record.contact.notes ?? '',
      name: record.contact.name ?? '',
    });
    expect(again.outcome).toBe('unchanged');
    expect((await loadLeadRecord(test.db, c.staff, c.context, c.waLead)).changes).toHaveLength(1);
  });

  it('keeps the channel identity: the edited phone is a contact field, replies and ingest still find the lead', async () => {
    const c = await customerOnTwoChannels(test);
    await updateLead(test.db, c.staff, c.context, { ...base, leadId: c.waLead, phone: '+34 600 111 222' });
    const { rows } = await test.pool.query(
      'select external_id, phone from lead_identities where lead_id = $1 and channel = $2',
      [c.waLead, 'whatsapp'],
    );
    expect(rows).toEqual([{ external_id: waId, phone: `+${waId}` }]);
    await postWhatsApp(c.slug, 'wamid.E2', 'Sigo aquí');
    expect(await leadOf(test, c.tenantId, 'whatsapp', waId)).toBe(c.waLead);
    const lead = await test.pool.query('select phone from leads where id = $1', [c.waLead]);
    expect(lead.rows[0].phone).toBe('+34600111222');
  });

  it('refuses a bad phone, email or stage with the field named, and stores nothing', async () => {
    const c = await customerOnTwoChannels(test);
    for (const [patch, field] of [
      [{ phone: '12345' }, 'phone'],
      [{ phone: '+52 55 abc' }, 'phone'],
      [{ email: 'ana@' }, 'email'],
      [{ stage: 'vip' }, 'stage'],
      [{ notes: 'x'.repeat(4001) }, 'notes'],
    ] as const) {
      const error = await updateLead(test.db, c.staff, c.context, {
        ...base,
        leadId: c.waLead,
        ...patch,
      }).catch((e: unknown) => e);
      expect({ field, code: appErrorCode(error), fields: appErrorFields(error) }).toEqual({
        field,
        code: 'bad_request',
        fields: [field],
      });
    }
    expect((await loadLeadRecord(test.db, c.staff, c.context, c.waLead)).changes).toEqual([]);
  });

  it('SQL refuses the same for a direct call (a staff JWT through the Data API)', async () => {
    const c = await customerOnTwoChannels(test);
    for (const [fields, reason] of [
      [{ phone: '5215511112222' }, 'invalid_phone'],
      [{ email: 'no es correo' }, 'invalid_email'],
      [{ stage: null }, 'invalid_stage'],
      [{ notes: 'x'.repeat(4001) }, 'too_long'],
    ] as const) {
      const error = await test.db
        .rpc(
          'dashboard_update_lead',
          { p_tenant_id: c.tenantId, p_lead_id: c.waLead, p_fields: fields },
          { as: c.staff },
        )
        .catch((e: unknown) => e);
      expect({ reason: appErrorReason(error), code: appErrorCode(error) }).toEqual({
        reason,
        code: 'bad_request',
      });
    }
    const unknown = await test.db
      .rpc(
        'dashboard_update_lead',
        { p_tenant_id: c.tenantId, p_lead_id: c.waLead, p_fields: { score: 99 } },
        { as: c.staff },
      )
      .catch((e: unknown) => e);
    expect(appErrorCode(unknown)).toBe('bad_request');
  });
});
