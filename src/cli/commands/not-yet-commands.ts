import type { Command } from '../command';

// Commands whose machinery arrives with later issues. None left: inbound webhooks (webhook
// send) and the job queue (jobs) have arrived.
export const notYetCommands: Command[] = [];
