import { scheduleSweep } from '@/src/deploy/schedule-sweep';
import type { Command } from '../command';

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'Set up a deployment (Supabase Cron for the minute sweep)',
  subcommands: {
    schedule: {
      summary:
        'Store the app URL and CRON_SECRET (from the environment) in Supabase Vault and schedule GET /api/jobs/process every minute',
      usage: 'deploy schedule --url https://<your-app>',
      options: { url: { type: 'string' } },
      required: ['url'],
      async run(context) {
        const result = await scheduleSweep(context.db, context.env, String(context.values.url));
        context.print(
          `Supabase Cron job "${result.job_name}" calls ${result.url} every minute (${result.schedule}); the secret is in Vault.`,
          result,
        );
      },
    },
  },
};
