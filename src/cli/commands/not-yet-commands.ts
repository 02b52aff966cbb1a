import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';

// Commands whose machinery arrives with later issues (inbound webhooks, job queue).
async function notAvailable(): Promise<never> {
  throw new AppError('not_available', 'not available yet');
}

export const notYetCommands: Command[] = [
  {
    name: 'webhook',
    summary: 'Send signed test deliveries to the webhook routes',
    subcommands: {
      send: {
        summary: 'Send a correctly signed test message (not available yet)',
        usage: 'webhook send --channel whatsapp --tenant S --text "Hola" [--url http://localhost:3000]',
        options: {
          channel: { type: 'string' },
          tenant: { type: 'string' },
          text: { type: 'string' },
          url: { type: 'string' },
        },
        run: notAvailable,
      },
    },
  },
];
