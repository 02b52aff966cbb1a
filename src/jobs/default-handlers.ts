import { syncTemplatesHandler } from '@/src/templates/sync-templates-handler';
import { aiResponseHandler } from './handlers/ai-response-handler';
import { appointmentReminderHandler } from './handlers/appointment-reminder-handler';
import { autoAwayHandler } from './handlers/auto-away-handler';
import { deliverNotificationHandler } from './handlers/deliver-notification-handler';
import { deliverWebhookHandler } from './handlers/deliver-webhook-handler';
import { escalateUnansweredHandler } from './handlers/escalate-unanswered-handler';
import { fetchMediaHandler } from './handlers/fetch-media-handler';
import { fetchProfileHandler } from './handlers/fetch-profile-handler';
import { leadFollowUpHandler } from './handlers/lead-follow-up-handler';
import { purgeExpiredHandler } from './handlers/purge-expired-handler';
import { purgeMediaHandler } from './handlers/purge-media-handler';
import { reportRollupHandler } from './handlers/report-rollup-handler';
import { sendHandlers } from './handlers/send-message-handler';
import { tokenExpiryNoticeHandler } from './handlers/token-expiry-notice-handler';
import { tokenHealthHandler } from './handlers/token-health-handler';
import { transcribeMediaHandler } from './handlers/transcribe-media-handler';
import type { JobHandler } from './job-types';

// Every job type the production processor knows. Handlers register here by job_type.
export const defaultHandlers: JobHandler[] = [
  aiResponseHandler,
  autoAwayHandler,
  fetchProfileHandler,
  fetchMediaHandler,
  ...sendHandlers,
  escalateUnansweredHandler,
  purgeExpiredHandler,
  reportRollupHandler,
  purgeMediaHandler,
  tokenHealthHandler,
  tokenExpiryNoticeHandler,
  deliverNotificationHandler,
  transcribeMediaHandler,
  syncTemplatesHandler,
  appointmentReminderHandler,
  leadFollowUpHandler,
  deliverWebhookHandler,
];
