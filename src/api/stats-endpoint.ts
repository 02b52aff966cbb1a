import { z } from 'zod';
import type { ApiEndpoint } from './api-endpoint';
import { ApiError } from './api-error';

// The reports page's numbers (dashboard_report over the hourly rollup): volume per day, AI
// response time (p50/p90 seconds), escalations by reason, send errors by code, conversion.
// `channel` narrows everything to one channel: per day and channel is one call per channel.

const query = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  channel: z.enum(['whatsapp', 'instagram', 'facebook', 'tiktok']).optional(),
});

export const statsEndpoint: ApiEndpoint = {
  method: 'GET',
  path: '/stats',
  summary: 'Volume per day, AI response time, escalations, send errors and conversion for a period',
  tag: 'stats',
  scope: 'read',
  query,
  async run(invoke, { query: q }: { query: z.output<typeof query> }) {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days < 0 || days > 366) {
      throw new ApiError('validation_failed', 'from must be on or before to, at most 366 days apart', {
        fields: ['from', 'to'],
      });
    }
    return { data: await invoke('stats.report', q) };
  },
};
