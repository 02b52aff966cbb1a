import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { businessSchema, invalidFields } from './business-schema';

// The signed-in person (address confirmed) creates a business and becomes its owner: one SQL
// call (tenant, AI settings, membership and the audit row in one transaction).
export async function createBusiness(
  db: DbPort,
  staff: StaffIdentity,
  input: unknown,
): Promise<{ id: string; slug: string; name: string }> {
  const parsed = businessSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('bad_request', 'Check the business fields', { fields: invalidFields(parsed.error) });
  }
  const { businessName, slug, timezone, country } = parsed.data;
  const business = await db.rpc(
    'create_my_business',
    { p_name: businessName, p_slug: slug, p_timezone: timezone, p_country: country },
    { as: staff },
  );
  log.info('accounts.business_created', { tenantId: business.id, userId: staff.claims.sub });
  return business;
}
