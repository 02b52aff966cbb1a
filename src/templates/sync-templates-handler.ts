import { z } from 'zod';
import { GraphCallError } from '@/src/channels/meta/onboarding/graph-call';
import type { JobHandler } from '@/src/jobs/job-types';
import { PermanentJobError, RetryableJobError } from '@/src/jobs/job-types';
import { isAppError } from '@/src/shared/app-error';
import { syncTemplates } from './sync-templates';

// sync_templates ({"tenant_id"}): one tenant's WhatsApp templates from Meta. Enqueued by the
// daily sweep (enqueue_template_syncs, which also catches a new connection) and by a template
// webhook about a template we have not listed yet.

export const syncTemplatesJobType = 'sync_templates';

const payloadSchema = z.object({ tenant_id: z.uuid() });

export const syncTemplatesHandler: JobHandler<typeof payloadSchema> = {
  type: syncTemplatesJobType,
  payloadSchema,
  async run(payload, { db, env }) {
    try {
      const result = await syncTemplates(db, env, payload.tenant_id);
      return { kind: 'complete', result };
    } catch (error) {
      // A refused token or id will not fix itself; Meta being down will.
      if (error instanceof GraphCallError) throw new PermanentJobError(error.message);
      if (isAppError(error) && error.code === 'unavailable') throw new RetryableJobError(error.message);
      if (isAppError(error)) throw new PermanentJobError(error.message);
      throw error;
    }
  },
};
