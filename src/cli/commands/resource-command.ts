import { saveResource } from '@/src/appointments/save-scheduling';
import { describeWeeklyHours, parseWeeklyHours } from '@/src/appointments/weekly-hours';
import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';
import { listOption, numberOption } from '../list-option';
import { stringOption } from '../string-option';

const kinds = ['person', 'chair', 'table'] as const;

export const resourceCommand: Command = {
  name: 'resource',
  summary: 'Resources: a dentist, a chair, a table with seats',
  subcommands: {
    create: {
      summary: 'Create a resource at a branch, or update the one with that name there',
      usage:
        "resource create --tenant S --branch N --name N --services 'A,B' [--kind person|chair|table]\n    [--capacity N (overlapping bookings)] [--seats N (tables: party size)] [--hours 'mon-fri 09:00-14:00' (default: the branch's)]",
      options: {
        tenant: { type: 'string' },
        branch: { type: 'string' },
        name: { type: 'string' },
        services: { type: 'string' },
        kind: { type: 'string' },
        capacity: { type: 'string' },
        seats: { type: 'string' },
        hours: { type: 'string' },
      },
      required: ['tenant', 'branch', 'name', 'services'],
      async run({ db, values, print }) {
        const kind = stringOption(values.kind);
        if (kind !== null && !kinds.includes(kind as (typeof kinds)[number])) {
          throw new AppError('bad_request', `--kind must be person, chair or table, not "${kind}"`);
        }
        const hours = stringOption(values.hours);
        const resource = await saveResource(db, stringOption(values.tenant)!, {
          branch: stringOption(values.branch)!,
          name: stringOption(values.name)!,
          services: listOption(values.services) ?? [],
          kind: (kind as (typeof kinds)[number] | null) ?? undefined,
          capacity: numberOption(values.capacity, 'capacity'),
          seats: numberOption(values.seats, 'seats'),
          weeklyHours: hours === null ? undefined : parseWeeklyHours(hours),
        });
        const hoursText = resource.weekly_hours
          ? describeWeeklyHours(resource.weekly_hours)
          : "the branch's hours";
        print(
          `Saved ${resource.kind} ${resource.name} (${resource.id}): ${resource.service_ids.length} service(s), capacity ${resource.capacity}, ${hoursText}`,
          resource,
        );
      },
    },
  },
};
