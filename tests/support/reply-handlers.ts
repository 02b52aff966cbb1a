import { defaultHandlers } from '@/src/jobs/default-handlers';
import { tokenHealthHandler } from '@/src/jobs/handlers/token-health-handler';

// Every default handler but the token check a new live connection enqueues (tests/token-health/
// covers it): tests about replies must not spend their platform fakes on it.
export const replyHandlers = defaultHandlers.filter((handler) => handler.type !== tokenHealthHandler.type);
