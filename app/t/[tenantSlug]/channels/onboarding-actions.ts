'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { connectFacebookPage } from '@/src/dashboard/channels/onboarding/connect-facebook-page';
import { finishWhatsAppSignup } from '@/src/dashboard/channels/onboarding/finish-whatsapp-signup';
import { listFacebookPages } from '@/src/dashboard/channels/onboarding/list-facebook-pages';
import { parseOnboardingInput } from '@/src/dashboard/channels/onboarding/onboarding-input';
import { beginOnboarding } from '@/src/dashboard/channels/onboarding/onboarding-state';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { Messages } from '@/src/i18n/messages-es';
import type { ActionState } from '@/src/ui/action-state';

// The self-serve steps the browser drives (Embedded Signup, Facebook pages). Each is one call
// into src/; refusals come back as the Spanish text for their reason.

const flowSchema = z.object({ flow: z.enum(['whatsapp_signup', 'meta_pages']) });
const options = { reasons: (t: Messages) => t.connect.reasons };

export async function beginOnboardingAction(data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, form }) => {
      const { flow } = parseOnboardingInput(flowSchema, form);
      return { notice: '', data: { state: await beginOnboarding(db, staff, tenant, flow) } };
    },
    options,
  );
}

export async function finishWhatsAppSignupAction(data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const { tenantSlug: _slug, ...input } = form;
      const done = await finishWhatsAppSignup(db, staff, tenant, env, input);
      revalidatePath(`/t/${tenant.slug}/channels`);
      return t.connect.connected(done.name);
    },
    options,
  );
}

export async function listFacebookPagesAction(data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, form }) => {
      const { tenantSlug: _slug, ...input } = form;
      return { notice: '', data: { pages: await listFacebookPages(db, staff, tenant, env, input) } };
    },
    options,
  );
}

export async function connectFacebookPageAction(data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const { tenantSlug: _slug, ...input } = form;
      const done = await connectFacebookPage(db, staff, tenant, env, input);
      revalidatePath(`/t/${tenant.slug}/channels`);
      return t.connect.connectedPage(done.page, done.instagram);
    },
    options,
  );
}
