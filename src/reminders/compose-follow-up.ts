import type { DatabaseFunctions } from '@/src/db/database-functions';
import type { AppEnv } from '@/src/env';
import { decideAutomaticSend, type SendOutcome } from './decide-automatic-send';
import { followUpText } from './reminder-texts';

// One follow-up step: its words inside the window, the `seguimiento` template (the customer's
// name) outside it on WhatsApp, or the reason it cannot go.

type Facts = NonNullable<DatabaseFunctions['follow_up_facts']['returns']>;

export function composeFollowUp(facts: Facts, now: Date, env: AppEnv): SendOutcome {
  const name = facts.lead.name?.trim().split(/\s+/)[0] || 'cliente';
  return decideAutomaticSend(
    facts,
    { text: followUpText(facts.follow_up.step, facts.follow_up.steps, facts.lead.name), content: null },
    { named: { name }, positional: [name], appointmentId: null },
    now,
    env,
  );
}
