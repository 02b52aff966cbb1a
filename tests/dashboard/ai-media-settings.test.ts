import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAiSettings } from '@/src/dashboard/ai/load-ai-settings';
import { saveAiSection } from '@/src/dashboard/ai/save-ai-section';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { AppError } from '@/src/shared/app-error';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The AI page's "Fotos, documentos y notas de voz" section: the byte budget of files sent to
// Claude per reply (typed in MB) and what a voice note without transcript does. Saved alone, it
// leaves the other sections as they were; the SQL refuses what the form would refuse.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'medios');
  tenant = await resolveTenant(test.db, owner.staff, 'medios');
});
afterAll(async () => {
  await test.drop();
});

describe('AI media settings', () => {
  it('start at 8 MB and "ask to write", and save on their own', async () => {
    const before = await loadAiSettings(test.db, owner.staff, tenant);
    expect(before).toMatchObject({
      media_turn_byte_budget: 8 * 1024 * 1024,
      voice_without_transcript: 'ask_to_write',
    });

    const saved = await saveAiSection(test.db, owner.staff, tenant, 'media', {
      media_turn_budget_mb: '3',
      voice_without_transcript: 'hand_over',
    });

    expect(saved).toMatchObject({
      media_turn_byte_budget: 3 * 1024 * 1024,
      voice_without_transcript: 'hand_over',
    });
    expect(saved.fallback_message).toBe(before.fallback_message);
    expect(saved.system_prompt).toBe(before.system_prompt);
  });

  it('refuses a budget that is not a number and a choice that does not exist, naming the field', async () => {
    for (const [form, field] of [
      [{ media_turn_budget_mb: 'mucho', voice_without_transcript: 'hand_over' }, 'media_turn_byte_budget'],
      [{ media_turn_budget_mb: '40', voice_without_transcript: 'hand_over' }, 'media_turn_byte_budget'],
      [{ media_turn_budget_mb: '2', voice_without_transcript: 'ignore' }, 'voice_without_transcript'],
    ] as const) {
      const error = await saveAiSection(test.db, owner.staff, tenant, 'media', form).catch(
        (caught) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error.details).toMatchObject({ fields: [field] });
    }
    await expect(
      test.db.rpc(
        'dashboard_update_ai_settings',
        { p_tenant_id: tenant.id, p_patch: { voice_without_transcript: 'ignore' } },
        { as: owner.staff },
      ),
    ).rejects.toThrow(/voice_without_transcript/);
  });
});
