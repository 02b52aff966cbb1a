import type Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { z } from 'zod';
import { describeAppointmentPlace, formatSpanishDateTime } from '@/src/appointments/spanish-date';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import { isAppError } from '@/src/shared/app-error';

// The appointment tools Claude may call while answering one conversation. Each tool's input is
// one zod schema; the SDK's zod helper derives the strict JSON schema sent to Claude, and the same
// schema parses what Claude sends back. Every call acts for the conversation's own lead, whose id
// comes from the job's context and never from the model: no tool takes a lead id, and SQL
// (appointment_*_for_lead) checks again that the lead owns the appointment and the slot is free.

const localStart = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  .describe("Start in the branch's local time, YYYY-MM-DDTHH:MM, as given by find_available_slots.");
const appointmentId = z
  .string()
  .describe("The id of one of the customer's appointments (list_my_appointments).");
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const appointmentToolSchemas = {
  find_available_slots: z.object({
    service_id: z.string().describe('A service_id from the bookable services listed in the instructions.'),
    branch_id: z.string().nullable().describe('A branch_id, or null for any branch offering the service.'),
    from_date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe('First local day to search, YYYY-MM-DD; null for today.'),
    days: z.number().int().min(1).max(14).nullable().describe('How many days to search (1-14); null for 7.'),
    weekdays: z.array(weekday).nullable().describe('Only these weekdays, or null for any.'),
    earliest_time: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullable()
      .describe('Earliest local start HH:MM the customer accepts, or null.'),
    latest_time: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullable()
      .describe('Starts before this local time HH:MM (24:00 for the end of the day), or null.'),
  }),
  book_appointment: z.object({
    service_id: z.string().describe('The service to book.'),
    branch_id: z
      .string()
      .nullable()
      .describe('The branch of the chosen slot, or null if the service has one branch.'),
    local_start: localStart,
    resource_id: z
      .string()
      .nullable()
      .describe('The resource (person) the customer asked for, or null for any.'),
    notes: z.string().nullable().describe('A short note from the customer for the staff, or null.'),
  }),
  reschedule_appointment: z.object({ appointment_id: appointmentId, local_start: localStart }),
  cancel_appointment: z.object({
    appointment_id: appointmentId,
    reason: z.string().nullable().describe("The customer's reason, or null."),
  }),
  list_my_appointments: z.object({}),
} as const;

export type AppointmentToolName = keyof typeof appointmentToolSchemas;

const descriptions: Record<AppointmentToolName, string> = {
  find_available_slots:
    'Find free appointment slots for a service. Use before offering times; never offer a time it did not return.',
  book_appointment:
    'Book a slot for this customer (the customer of this conversation; no other). Answers booked with a confirmation, or taken/unavailable with next_slots to offer instead.',
  reschedule_appointment:
    "Move one of this customer's own appointments to a new free start. Answers rescheduled, taken/unavailable with next_slots, or not_found.",
  cancel_appointment:
    "Cancel one of this customer's own appointments. Answers updated, unchanged or not_found.",
  list_my_appointments: "List this customer's own appointments (from 30 days ago on), with their ids.",
};

/** The tool definitions sent to Claude: strict, with input schemas derived from zod. */
export const appointmentTools: Anthropic.Tool[] = (
  Object.keys(appointmentToolSchemas) as AppointmentToolName[]
).map((name) => ({
  name,
  description: descriptions[name],
  input_schema: zodOutputFormat(appointmentToolSchemas[name]).schema as Anthropic.Tool.InputSchema,
  strict: true,
}));

/** One tool call as recorded on the AI message for staff. */
export type ToolCallRecord = {
  name: string;
  input: unknown;
  outcome: string;
  appointment_id: string | null;
  is_error: boolean;
};

export type ToolResult = { content: string; isError: boolean; record: ToolCallRecord };

/** Who the tools act for: from the job's context, never from the model's arguments. */
export type ToolActor = { tenantId: string; leadId: string };

type AppointmentJson = {
  id: string;
  starts_at: string;
  local_start: string;
  timezone: string;
  branch_name: string;
  branch_address: string | null;
  service_name: string;
  resource_name: string;
  status: string;
};

type SlotJson = {
  starts_at: string;
  local_start: string;
  timezone: string;
  branch_id: string;
  branch_name: string;
  resource_name: string;
};

function describeAppointment(appointment: AppointmentJson) {
  return {
    appointment_id: appointment.id,
    status: appointment.status,
    service: appointment.service_name,
    with: appointment.resource_name,
    local_start: appointment.local_start,
    confirmation_text: describeAppointmentPlace(appointment),
  };
}

function describeSlots(slots: SlotJson[]) {
  return slots.map((slot) => ({
    local_start: slot.local_start,
    branch_id: slot.branch_id,
    branch: slot.branch_name,
    with: slot.resource_name,
    when: formatSpanishDateTime(slot.starts_at, slot.timezone),
  }));
}

async function execute(
  db: DbPort,
  actor: ToolActor,
  name: AppointmentToolName,
  rawInput: unknown,
): Promise<{ outcome: string; appointmentId: string | null; body: unknown }> {
  const { tenantId, leadId } = actor;
  switch (name) {
    case 'find_available_slots': {
      const input = appointmentToolSchemas.find_available_slots.parse(rawInput);
      const query: Record<string, unknown> = { service_id: input.service_id, limit: 8 };
      if (input.branch_id) query.branch_id = input.branch_id;
      if (input.from_date) query.from = input.from_date;
      if (input.days) query.days = input.days;
      if (input.weekdays?.length) query.weekdays = input.weekdays;
      if (input.earliest_time || input.latest_time) {
        query.times = [[input.earliest_time ?? '00:00', input.latest_time ?? '24:00']];
      }
      const found = await db.rpc('appointment_slots', { p_tenant_id: tenantId, p_query: query });
      const slots = describeSlots(found.slots);
      return {
        outcome: slots.length ? 'slots' : 'no_slots',
        appointmentId: null,
        body: { service: found.service.name, slots },
      };
    }
    case 'book_appointment': {
      const input = appointmentToolSchemas.book_appointment.parse(rawInput);
      const booking: Record<string, unknown> = {
        service_id: input.service_id,
        local_start: input.local_start,
      };
      if (input.branch_id) booking.branch_id = input.branch_id;
      if (input.resource_id) booking.resource_id = input.resource_id;
      if (input.notes?.trim()) booking.notes = input.notes.trim().slice(0, 1000);
      const result = await db.rpc('appointment_book_for_lead', {
        p_tenant_id: tenantId,
        p_lead_id: leadId,
        p_booking: booking,
      });
      if (result.outcome === 'booked') {
        return {
          outcome: 'booked',
          appointmentId: result.appointment.id,
          body: { outcome: 'booked', appointment: describeAppointment(result.appointment) },
        };
      }
      return {
        outcome: result.outcome,
        appointmentId: null,
        body: { outcome: result.outcome, next_slots: describeSlots(result.next_slots ?? []) },
      };
    }
    case 'reschedule_appointment': {
      const input = appointmentToolSchemas.reschedule_appointment.parse(rawInput);
      if (!z.uuid().safeParse(input.appointment_id).success) {
        return { outcome: 'not_found', appointmentId: null, body: { outcome: 'not_found' } };
      }
      const result = await db.rpc('appointment_reschedule_for_lead', {
        p_tenant_id: tenantId,
        p_lead_id: leadId,
        p_appointment_id: input.appointment_id,
        p_change: { local_start: input.local_start },
      });
      if (result.outcome === 'rescheduled' || result.outcome === 'not_live') {
        return {
          outcome: result.outcome,
          appointmentId: result.appointment.id,
          body: { outcome: result.outcome, appointment: describeAppointment(result.appointment) },
        };
      }
      if (result.outcome === 'not_found') {
        return { outcome: 'not_found', appointmentId: null, body: { outcome: 'not_found' } };
      }
      return {
        outcome: result.outcome,
        appointmentId: input.appointment_id,
        body: { outcome: result.outcome, next_slots: describeSlots(result.next_slots ?? []) },
      };
    }
    case 'cancel_appointment': {
      const input = appointmentToolSchemas.cancel_appointment.parse(rawInput);
      if (!z.uuid().safeParse(input.appointment_id).success) {
        return { outcome: 'not_found', appointmentId: null, body: { outcome: 'not_found' } };
      }
      const result = await db.rpc('appointment_cancel_for_lead', {
        p_tenant_id: tenantId,
        p_lead_id: leadId,
        p_appointment_id: input.appointment_id,
        p_reason: input.reason?.trim().slice(0, 500) || null,
      });
      if (result.outcome === 'not_found') {
        return { outcome: 'not_found', appointmentId: null, body: { outcome: 'not_found' } };
      }
      return {
        outcome: result.outcome,
        appointmentId: result.appointment.id,
        body: { outcome: result.outcome, appointment: describeAppointment(result.appointment) },
      };
    }
    case 'list_my_appointments': {
      appointmentToolSchemas.list_my_appointments.parse(rawInput);
      const list = await db.rpc('appointment_list_for_lead', { p_tenant_id: tenantId, p_lead_id: leadId });
      return {
        outcome: list.length ? 'listed' : 'none',
        appointmentId: null,
        body: { appointments: list.map(describeAppointment) },
      };
    }
  }
}

function isToolName(name: string): name is AppointmentToolName {
  return Object.hasOwn(appointmentToolSchemas, name);
}

/**
 * Runs one tool_use block for the actor. Bad input or a refusal from SQL (a 4xx AppError) is an
 * error result Claude can read and correct; a database failure propagates (the job retries).
 */
export async function runAppointmentTool(
  db: DbPort,
  actor: ToolActor,
  name: string,
  input: unknown,
): Promise<ToolResult> {
  const fail = (outcome: string, message: string): ToolResult => ({
    content: JSON.stringify({ error: message }),
    isError: true,
    record: { name, input, outcome, appointment_id: null, is_error: true },
  });
  if (!isToolName(name)) return fail('unknown_tool', `unknown tool ${name}`);
  try {
    const { outcome, appointmentId, body } = await execute(db, actor, name, input);
    return {
      content: JSON.stringify(body),
      isError: false,
      record: { name, input, outcome, appointment_id: appointmentId, is_error: false },
    };
  } catch (error) {
    if (error instanceof z.ZodError) return fail('invalid_input', 'the input does not match the tool schema');
    if (isAppError(error) && (error.code === 'bad_request' || error.code === 'not_found')) {
      return fail(error.code, error.message);
    }
    throw error;
  }
}

export type AppointmentCatalog = ResultOf<'appointment_catalog_for_ai'>;

/** The tenant's bookable services; empty means no tools are offered (nothing changes). */
export function loadAppointmentCatalog(db: DbPort, tenantId: string): Promise<AppointmentCatalog> {
  return db.rpc('appointment_catalog_for_ai', { p_tenant_id: tenantId });
}
