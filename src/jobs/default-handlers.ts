import { aiResponseHandler } from './handlers/ai-response-handler';
import { autoAwayHandler } from './handlers/auto-away-handler';
import { deliverNotificationHandler } from './handlers/deliver-notification-handler';
import { escalateUnansweredHandler } from './handlers/escalate-unanswered-handler';
import { fetchProfileHandler } from './handlers/fetch-profile-handler';
import { purgeExpiredHandler } from './handlers/purge-expired-handler';
import { reportRollupHandler } from './handlers/report-rollup-handler';
import { sendHandlers } from './handlers/send-message-handler';
import { tokenExpiryNoticeHandler } from './handlers/token-expiry-notice-handler';
import { tokenHealthHandler } from './handlers/token-health-handler';
import type { JobHandler } from './job-types';

// Every job type the production processor knows. Handlers register here by job_type.
export const defaultHandlers: JobHandler[] = [
  aiResponseHandler,
  autoAwayHandler,
  fetchProfileHandler,
  ...sendHandlers,
  escalateUnansweredHandler,
  purgeExpiredHandler,
  reportRollupHandler,
  tokenHealthHandler,
  tokenExpiryNoticeHandler,
  deliverNotificationHandler,
];
