'use server';

import { revalidatePath } from 'next/cache';
import { GraphCallError } from '@/src/channels/meta/onboarding/graph-call';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import { createTemplate, TemplateRefused } from '@/src/dashboard/templates/create-template';
import { templateIssuesText } from '@/src/dashboard/templates/template-issues-text';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { AppError } from '@/src/shared/app-error';
import { syncTemplates } from '@/src/templates/sync-templates';
import type { ActionState } from '@/src/ui/action-state';

export async function syncTemplatesAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, env, tenant, t }) => {
      if (!canAdminister(tenant)) throw new AppError('forbidden', 'Only owners and admins sync templates');
      const result = await syncTemplates(db, env, tenant.id);
      revalidatePath(`/t/${tenant.slug}/templates`);
      return t.templates.synced(result.upserted);
    },
    { reasons: (t) => t.templates.reasons },
  );
}

export async function createTemplateAction(_state: ActionState, data: FormData): Promise<ActionState> {
  // Why the template was refused, in words built from the issues found (set before the throw).
  let refusal = '';
  return runStaffAction(
    data,
    async ({ db, env, staff, tenant, t, form }) => {
      try {
        const row = await createTemplate(db, env, staff, tenant, form);
        revalidatePath(`/t/${tenant.slug}/templates`);
        return row.status === 'approved'
          ? t.templates.createdSandbox(row.name)
          : t.templates.created(row.name);
      } catch (error) {
        if (error instanceof TemplateRefused) refusal = templateIssuesText(error.issues, t.templates);
        else if (error instanceof GraphCallError)
          refusal = t.templates.metaRefused(error.graph?.message ?? error.message);
        else throw error;
        throw new AppError('bad_request', 'template refused', { reason: 'template_refused' });
      }
    },
    { reasons: (t) => ({ ...t.templates.reasons, template_refused: refusal }) },
  );
}
