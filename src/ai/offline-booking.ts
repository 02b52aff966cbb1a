import { describeAppointmentPlace, formatSpanishDateTime } from '@/src/appointments/spanish-date';
import type { DbPort } from '@/src/db/rpc-port';
import type { AiContext, HistoryMessage } from './ai-context';
import type { AppointmentCatalog, ToolCallRecord } from './appointment-tools';
import { detectCustomerIntent } from './customer-intent';
import { detectKeywordSignals } from './keyword-signals';
import { containsPhrase, normalizeText } from './normalize-text';
import type { OfflineAnswer } from './offline-responder';

// Booking without a model (no ANTHROPIC_API_KEY), so the simulator shows the flow: a customer
// asking for an appointment gets the next free slots as a numbered list; answering with a number
// books that slot for the conversation's lead (appointment_book_for_lead re-checks it). The
// offer is read back from our own previous message, so the choice is deterministic: the list's
// header names the service and each line its day, date and time in the branch's zone.

const bookingWords = ['cita', 'citas', 'agendar', 'agenda', 'reservar', 'reserva', 'turno'];
const months = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const offerPrefix = 'Estos son los próximos horarios para ';
const offerSlots = 5;

export type OfflineBookingAnswer = OfflineAnswer & { toolCalls: ToolCallRecord[] };

type Service = AppointmentCatalog[number];
type Slot = { starts_at: string; timezone: string };

function offerText(service: Service, slots: Slot[]): string {
  const lines = slots.map(
    (slot, index) => `${index + 1}. ${formatSpanishDateTime(slot.starts_at, slot.timezone)}`,
  );
  return [
    `${offerPrefix}${service.service_name}:`,
    ...lines,
    'Responde con el número del horario que prefieras.',
  ].join('\n');
}

function answer(text: string, texts: string[], toolCalls: ToolCallRecord[]): OfflineBookingAnswer {
  return {
    text,
    intent: 'booking',
    signals: detectKeywordSignals(texts),
    escalate: false,
    escalationReason: null,
    matched: 'booking',
    toolCalls,
  };
}

function chooseService(catalog: AppointmentCatalog, text: string): Service {
  return (
    catalog.find((service) =>
      normalizeText(service.service_name)
        .split(/[^\p{L}\p{N}]+/u)
        .some((word) => word.length > 3 && containsPhrase(text, word)),
    ) ?? catalog[0]!
  );
}

/** The number the customer chose ("2", "el 2", "opción 2"), if that is all they wrote. */
function chosenNumber(text: string): number | undefined {
  const match = /^(?:el|la|opcion|numero|#)?\s*(\d{1,2})\s*[.)]?$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function localYearMonth(now: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  return {
    year: Number(parts.find((p) => p.type === 'year')?.value),
    month: Number(parts.find((p) => p.type === 'month')?.value),
  };
}

/** Our previous offer, read back: the service and the chosen line as a local start. */
function readOffer(
  previous: HistoryMessage | undefined,
  catalog: AppointmentCatalog,
  choice: number,
  now: Date,
): { service: Service; localStart: string } | undefined {
  const all = previous?.text?.split('\n') ?? [];
  const header = all.findIndex((line) => line.startsWith(offerPrefix));
  if (header < 0) return undefined;
  const lines = all.slice(header);
  const name = lines[0]!.slice(offerPrefix.length).replace(/:$/, '');
  const service = catalog.find((candidate) => candidate.service_name === name);
  const line = lines.find((candidate) => candidate.startsWith(`${choice}. `));
  const match = line && /^\d+\. \S+ (\d{1,2}) de (\S+), (\d{2}):(\d{2})$/.exec(line);
  if (!service || !match) return undefined;
  const month = months.indexOf(match[2]!) + 1;
  if (month === 0) return undefined;
  const timeZone = service.branches[0]?.timezone ?? 'UTC';
  const today = localYearMonth(now, timeZone);
  const year = month < today.month ? today.year + 1 : today.year;
  const pad = (value: number | string) => String(value).padStart(2, '0');
  return { service, localStart: `${year}-${pad(month)}-${pad(match[1]!)}T${match[3]}:${match[4]}` };
}

function previousReply(history: HistoryMessage[], fresh: HistoryMessage[]): HistoryMessage | undefined {
  const before = history.slice(0, history.length - fresh.length);
  return before.findLast((message) => message.direction === 'outbound');
}

/**
 * The offline booking answer for the customer's newest messages, or undefined when they are not
 * about an appointment (the FAQ responder answers then).
 */
export async function answerOfflineBooking(
  db: DbPort,
  context: AiContext,
  fresh: HistoryMessage[],
  catalog: AppointmentCatalog,
): Promise<OfflineBookingAnswer | undefined> {
  if (catalog.length === 0) return undefined;
  const texts = fresh.map((message) => message.text ?? '');
  const text = normalizeText(texts.join('\n'));
  if (detectCustomerIntent(texts)) return undefined;
  const actor = { p_tenant_id: context.tenant.id, p_lead_id: context.lead.id };

  const choice = chosenNumber(text);
  const offer =
    choice === undefined
      ? undefined
      : readOffer(previousReply(context.history, fresh), catalog, choice, context.now);
  if (offer) {
    const booking = {
      service_id: offer.service.service_id,
      local_start: offer.localStart,
      ...(offer.service.branches[0] ? { branch_id: offer.service.branches[0].branch_id } : {}),
    };
    const result = await db.rpc('appointment_book_for_lead', { ...actor, p_booking: booking });
    const record = (outcome: string, appointmentId: string | null): ToolCallRecord => ({
      name: 'book_appointment',
      input: booking,
      outcome,
      appointment_id: appointmentId,
      is_error: false,
    });
    if (result.outcome === 'booked') {
      return answer(
        `¡Listo! Tu cita quedó agendada: ${describeAppointmentPlace(result.appointment)}.`,
        texts,
        [record('booked', result.appointment.id)],
      );
    }
    const next = (result.next_slots ?? []).slice(0, offerSlots);
    const text = next.length
      ? `Ese horario ya no está disponible.\n${offerText(offer.service, next)}`
      : 'Ese horario ya no está disponible y no encontramos otros en los próximos días. Una persona del equipo te escribirá.';
    return answer(text, texts, [record(result.outcome, null)]);
  }

  if (!bookingWords.some((word) => containsPhrase(text, word))) return undefined;
  const service = chooseService(catalog, text);
  const query = { service_id: service.service_id, days: 14, limit: offerSlots };
  const found = await db.rpc('appointment_slots', { p_tenant_id: context.tenant.id, p_query: query });
  const calls: ToolCallRecord[] = [
    {
      name: 'find_available_slots',
      input: query,
      outcome: found.slots.length ? 'slots' : 'no_slots',
      appointment_id: null,
      is_error: false,
    },
  ];
  if (found.slots.length === 0) {
    return answer(
      `No encontramos horarios libres para ${service.service_name} en los próximos días. Una persona del equipo te escribirá.`,
      texts,
      calls,
    );
  }
  return answer(offerText(service, found.slots), texts, calls);
}
