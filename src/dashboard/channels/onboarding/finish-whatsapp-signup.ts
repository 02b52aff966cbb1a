import { z } from 'zod';
import { exchangeSignupCode } from '@/src/channels/meta/onboarding/exchange-signup-code';
import { listWabaPhoneNumbers } from '@/src/channels/meta/onboarding/list-waba-phone-numbers';
import { proveWhatsAppOwnership } from '@/src/channels/meta/onboarding/prove-whatsapp-ownership';
import { registerPhoneNumber } from '@/src/channels/meta/onboarding/register-phone-number';
import { subscribeWaba } from '@/src/channels/meta/onboarding/subscribe-waba';
import { onboardingError } from '@/src/channels/ownership/onboarding-error';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../../tenants/resolve-tenant';
import type { ChannelCard } from '../load-channels';
import { parseOnboardingInput } from './onboarding-input';
import { consumeOnboarding } from './onboarding-state';
import { requireMetaApp } from './platform-apps';
import { platformConnectionFields } from './platform-connection-fields';

// Embedded Signup, server side (PLATFORMS-2.md §1.3, §1.4): the browser brings FB.login's code
// and the WA_EMBEDDED_SIGNUP session ids; we exchange the code, subscribe the app to the WABA,
// check the number is one of the WABA's, register it with the PIN (not for Coexistence, whose
// number is already registered), and store the connection live on the platform's app.

const graphId = z.string().regex(/^\d{1,32}$/);

export const whatsappSignupSchema = z
  .object({
    state: z.string().min(20).max(200),
    code: z.string().min(1).max(4096),
    event: z.enum(['FINISH', 'FINISH_ONLY_WABA', 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING']),
    wabaId: graphId,
    phoneNumberId: graphId.optional(),
    pin: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();

async function resolvePhoneNumberId(env: AppEnv, wabaId: string, token: string, given: string | undefined) {
  if (given) return given;
  // Coexistence's FINISH carries no phone number id: the WABA's numbers say which it is.
  const numbers = await listWabaPhoneNumbers(env, wabaId, token);
  if (numbers.length === 1) return numbers[0]!.id;
  if (numbers.length === 0)
    throw onboardingError('bad_request', 'number_not_found', 'the WABA has no phone number');
  throw onboardingError(
    'bad_request',
    'signup_incomplete',
    'the WABA has several numbers and signup named none',
  );
}

export async function finishWhatsAppSignup(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
): Promise<{ card: ChannelCard; name: string }> {
  const app = requireMetaApp(env);
  if (!env.ENCRYPTION_KEY)
    throw onboardingError('unavailable', 'platform_app_missing', 'ENCRYPTION_KEY is not set');
  const value = parseOnboardingInput(whatsappSignupSchema, input);
  const coexistence = value.event === 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING';
  if (!coexistence && !value.pin)
    throw new AppError('bad_request', 'Invalid fields: pin', { fields: ['pin'] });
  await consumeOnboarding(db, staff, tenant, 'whatsapp_signup', value.state);

  const token = await exchangeSignupCode(env, app, value.code);
  await subscribeWaba(env, value.wabaId, token);
  const phoneNumberId = await resolvePhoneNumberId(env, value.wabaId, token, value.phoneNumberId);
  const number = await proveWhatsAppOwnership(env, {
    phoneNumberId,
    businessAccountId: value.wabaId,
    accessToken: token,
  });
  if (!coexistence) await registerPhoneNumber(env, phoneNumberId, value.pin!, token);

  const fields = platformConnectionFields(
    {
      channel: 'whatsapp',
      accessToken: token,
      phoneNumberId,
      businessAccountId: value.wabaId,
      displayName: number.verified_name,
      displayPhoneNumber: number.display_phone_number?.replace(/\D/g, '') || undefined,
      qualityRating: number.quality_rating,
    },
    env.ENCRYPTION_KEY,
    tenant.id,
  );
  const card = await db.rpc(
    'dashboard_save_channel',
    { p_tenant_id: tenant.id, p_channel: 'whatsapp', p_fields: fields },
    { as: staff },
  );
  log.info('onboarding.whatsapp_connected', { tenantId: tenant.id, coexistence });
  return { card, name: number.verified_name ?? 'WhatsApp' };
}
