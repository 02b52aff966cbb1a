import type { AiContext } from './ai-context';
import { dayNames, type Weekday } from './business-hours';
import { type NextOpening, nextOpening } from './next-opening';

// The hand-off message a customer gets when no answer can be given. Outside business hours the
// tenant's fallback ("te responderemos en breve") would be a promise nobody keeps at 21:12 on a
// Sunday, so the customer is told when the business opens instead.

const spanishDays: Record<Weekday, string> = {
  sun: 'domingo',
  mon: 'lunes',
  tue: 'martes',
  wed: 'miércoles',
  thu: 'jueves',
  fri: 'viernes',
  sat: 'sábado',
};

const clockTime = (time: string) => time.replace(/^0(\d)/, '$1');

function whenSpanish(opening: NextOpening): string {
  const time = clockTime(opening.time);
  const at = time.startsWith('1:') ? `a la ${time}` : `a las ${time}`;
  if (opening.daysAhead === 0) return `hoy ${at}`;
  if (opening.daysAhead === 1) return `mañana ${at}`;
  return `el ${spanishDays[opening.day]} ${at}`;
}

function whenEnglish(opening: NextOpening): string {
  const time = clockTime(opening.time);
  if (opening.daysAhead === 0) return `today at ${time}`;
  if (opening.daysAhead === 1) return `tomorrow at ${time}`;
  return `on ${dayNames[opening.day]} at ${time}`;
}

/** "mañana a las 9:00" / "tomorrow at 9:00", in the tenant's language. */
export function openingPhrase(opening: NextOpening, locale: string): string {
  return locale.startsWith('en') ? whenEnglish(opening) : whenSpanish(opening);
}

export function handOffText(context: AiContext): string {
  const opening = nextOpening(context.ai.business_hours, context.tenant.timezone, context.now);
  if (!opening) return context.ai.fallback_message;
  const name = context.tenant.name;
  return context.tenant.locale.startsWith('en')
    ? `Thanks for writing to ${name}. We are closed right now; we open ${whenEnglish(opening)}, and someone from the team will answer you then.`
    : `Gracias por escribir a ${name}. Ahora estamos cerrados; abrimos ${whenSpanish(opening)} y una persona del equipo te responderá entonces.`;
}
