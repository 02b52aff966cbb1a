import { bookAppointmentByPhone } from '@/src/appointments/book-appointment';
import { cancelAppointment } from '@/src/appointments/change-appointment';
import { findSlotsByName } from '@/src/appointments/find-slots';
import { listAppointments } from '@/src/appointments/list-appointments';
import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';
import { numberOption } from '../list-option';
import { stringOption } from '../string-option';

type Slot = {
  local_start: string;
  weekday: string;
  resource_name: string;
  branch_name: string;
  starts_at: string;
};

const slotLine = (slot: Slot) =>
  `${slot.weekday} ${slot.local_start.replace('T', ' ')}  ${slot.resource_name} (${slot.branch_name})  ${slot.starts_at}`;

export const appointmentCommand: Command = {
  name: 'appointment',
  summary: 'Free slots, bookings, cancellations',
  subcommands: {
    slots: {
      summary: 'Free slots of a service (times in the branch’s zone)',
      usage:
        'appointment slots --tenant S --service N [--from YYYY-MM-DD] [--days 7] [--branch N] [--resource N]\n    [--party N] [--limit 20]',
      options: {
        tenant: { type: 'string' },
        service: { type: 'string' },
        from: { type: 'string' },
        days: { type: 'string' },
        branch: { type: 'string' },
        resource: { type: 'string' },
        party: { type: 'string' },
        limit: { type: 'string' },
      },
      required: ['tenant', 'service'],
      async run({ db, values, print }) {
        const result = await findSlotsByName(db, stringOption(values.tenant)!, {
          service: stringOption(values.service)!,
          from: stringOption(values.from) ?? undefined,
          days: numberOption(values.days, 'days'),
          branch: stringOption(values.branch) ?? undefined,
          resource: stringOption(values.resource) ?? undefined,
          partySize: numberOption(values.party, 'party'),
          limit: numberOption(values.limit, 'limit'),
        });
        const lines = result.slots.map(slotLine);
        print(
          [
            `${result.service.name} (${result.service.duration_minutes} min):`,
            ...(lines.length ? lines : ['no free slot']),
          ].join('\n'),
          result,
        );
      },
    },
    book: {
      summary: 'Book a slot for a customer (found or created by phone)',
      usage:
        'appointment book --tenant S --service N --start 2026-12-15T10:30 (branch time, or with offset) --lead-phone P\n    [--resource N] [--branch N] [--lead-name N] [--party N] [--notes TEXT] [--requested]',
      options: {
        tenant: { type: 'string' },
        service: { type: 'string' },
        start: { type: 'string' },
        resource: { type: 'string' },
        branch: { type: 'string' },
        'lead-phone': { type: 'string' },
        'lead-name': { type: 'string' },
        party: { type: 'string' },
        notes: { type: 'string' },
        requested: { type: 'boolean' },
      },
      required: ['tenant', 'service', 'start', 'lead-phone'],
      async run({ db, values, print }) {
        const result = await bookAppointmentByPhone(db, stringOption(values.tenant)!, {
          service: stringOption(values.service)!,
          start: stringOption(values.start)!,
          resource: stringOption(values.resource) ?? undefined,
          branch: stringOption(values.branch) ?? undefined,
          leadPhone: stringOption(values['lead-phone'])!,
          leadName: stringOption(values['lead-name']) ?? undefined,
          partySize: numberOption(values.party, 'party'),
          notes: stringOption(values.notes) ?? undefined,
          status: values.requested ? 'requested' : undefined,
        });
        if (result.outcome === 'booked') {
          const a = result.appointment;
          print(
            `Booked ${a.id}: ${a.service_name}, ${a.weekday} ${a.local_start.replace('T', ' ')} (${a.timezone}) with ${a.resource_name} at ${a.branch_name}, ${a.status}`,
            result,
          );
          return;
        }
        // Not booked is not success: the answer (with --json) and a non-zero exit.
        if (values.json) print('', result);
        const next = result.next_slots.map(slotLine).join('\n  ');
        throw new AppError(
          'conflict',
          `${result.outcome === 'taken' ? 'That slot is taken' : 'Nothing is open at that time'}. Next free:\n  ${next || 'none in the next 14 days'}`,
        );
      },
    },
    cancel: {
      summary: 'Cancel an appointment',
      usage: 'appointment cancel --tenant S --id ID [--reason TEXT]',
      options: { tenant: { type: 'string' }, id: { type: 'string' }, reason: { type: 'string' } },
      required: ['tenant', 'id'],
      async run({ db, values, print }) {
        const result = await cancelAppointment(
          db,
          stringOption(values.tenant)!,
          stringOption(values.id)!,
          stringOption(values.reason) ?? undefined,
        );
        if (result.outcome === 'not_found') throw new AppError('not_found', `No appointment ${values.id}`);
        if (result.outcome === 'not_allowed') {
          throw new AppError(
            'conflict',
            `Appointment ${values.id} is ${result.appointment.status}: it cannot be cancelled`,
          );
        }
        const a = result.appointment;
        print(
          result.outcome === 'unchanged'
            ? `Appointment ${a.id} was already cancelled`
            : `Cancelled ${a.id}: ${a.service_name}, ${a.local_start.replace('T', ' ')} with ${a.resource_name}`,
          result,
        );
      },
    },
    list: {
      summary: 'Appointments from now on (or from --from)',
      usage: 'appointment list --tenant S [--from ISO] [--to ISO] [--branch N] [--resource N] [--limit N]',
      options: {
        tenant: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        branch: { type: 'string' },
        resource: { type: 'string' },
        limit: { type: 'string' },
      },
      required: ['tenant'],
      async run({ db, values, print }) {
        const rows = await listAppointments(db, stringOption(values.tenant)!, {
          from: stringOption(values.from) ?? undefined,
          to: stringOption(values.to) ?? undefined,
          branch: stringOption(values.branch) ?? undefined,
          resource: stringOption(values.resource) ?? undefined,
          limit: numberOption(values.limit, 'limit'),
        });
        const lines = rows.map(
          (a) =>
            `${a.id}  ${a.weekday} ${a.local_start.replace('T', ' ')}  ${a.status.padEnd(9)}  ${a.service_name} · ${a.resource_name} · ${a.lead_name ?? 'sin nombre'}`,
        );
        print(lines.length ? lines.join('\n') : 'No appointments', rows);
      },
    },
  },
};
