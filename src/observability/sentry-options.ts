import type * as Sentry from '@sentry/nextjs';
import type { AppEnv } from '@/src/env';
import { scrubSentryBreadcrumb, scrubSentryEvent, scrubSentrySpan } from './scrub-sentry-event';

// How the SDK is set up, the same in the nodejs and edge runtimes: it collects as little as it
// can, traces nothing unless asked to, and every event, span and breadcrumb is scrubbed by our
// own code before it is kept or sent.

export type SentryOptions = Parameters<typeof Sentry.init>[0];
export type ErrorTrackingEnv = Pick<
  AppEnv,
  'SENTRY_DSN' | 'SENTRY_ENVIRONMENT' | 'SENTRY_TRACES_SAMPLE_RATE'
>;

export function sentryOptions(env: ErrorTrackingEnv, dsn: string): SentryOptions {
  return {
    dsn,
    environment: env.SENTRY_ENVIRONMENT,
    tracesSampleRate: env.SENTRY_TRACES_SAMPLE_RATE ?? 0,
    // Sentry 11 replaced sendDefaultPii with dataCollection, whose defaults collect a lot (request
    // bodies, cookies, local variables, AI prompts, SQL parameters): everything off but the few
    // headers that help reading an error.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { allow: ['user-agent', 'content-type', 'accept', 'host'] }, response: false },
      httpBodies: [],
      urlQueryParams: false,
      graphQL: { document: false, variables: false },
      genAI: { inputs: false, outputs: false },
      mcp: { inputs: false, outputs: false },
      databaseQueryData: false,
      queues: false,
      stackFrameVariables: false,
    },
    // No sentry-trace/baggage headers on our calls to Meta, TikTok or Anthropic.
    tracePropagationTargets: [],
    beforeSend: scrubSentryEvent,
    beforeSendSpan: scrubSentrySpan,
    beforeBreadcrumb: scrubSentryBreadcrumb,
  };
}
