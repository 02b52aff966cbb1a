import { withNumberedChoices } from '@/src/channels/numbered-choices';
import type { DatabaseFunctions } from '@/src/db/database-functions';
import type { AppEnv } from '@/src/env';
import { decideAutomaticSend, type SendOutcome } from './decide-automatic-send';
import { reminderChoices } from './reminder-choices';
import { appointmentWords, reminderText, thankYouText } from './reminder-texts';

// What one appointment reminder (or day-after thank-you) becomes now: its words with the
// Confirmar / Cambiar / Cancelar choices inside the window, the `recordatorio_cita` template
// (name, date, time, branch) outside it on WhatsApp, or the reason it cannot go.

type Facts = NonNullable<DatabaseFunctions['appointment_reminder_facts']['returns']>;

export function composeReminder(facts: Facts, now: Date, env: AppEnv): SendOutcome {
  const { appointment, reminder } = facts;
  const words = appointmentWords(appointment);
  if (reminder.kind === 'thank_you') {
    return decideAutomaticSend(
      facts,
      { text: thankYouText(words, facts.review_url), content: null },
      null,
      now,
      env,
    );
  }
  // The stored text numbers the options too (the thread, the AI's history, and a channel that
  // cannot show taps send it as is); the words alone go above the taps.
  const text = reminderText(words, appointment.branch_address);
  const content = reminderChoices(appointment.id, text);
  const values = { name: words.name || 'cliente', date: words.date, time: words.time, branch: words.branch };
  return decideAutomaticSend(
    facts,
    { text: withNumberedChoices(text, content.choices), content },
    {
      named: values,
      positional: [values.name, values.date, values.time, values.branch],
      appointmentId: appointment.id,
    },
    now,
    env,
  );
}
