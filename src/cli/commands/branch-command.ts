import { saveBranch } from '@/src/appointments/save-scheduling';
import { describeWeeklyHours, parseWeeklyHours } from '@/src/appointments/weekly-hours';
import type { Command } from '../command';
import { stringOption } from '../string-option';

export const branchCommand: Command = {
  name: 'branch',
  summary: 'Branches: address, time zone, weekly hours',
  subcommands: {
    create: {
      summary: 'Create a branch, or update the one with that name',
      usage:
        "branch create --tenant S --name N [--timezone America/Mexico_City] [--hours 'mon-fri 09:00-19:00,sat 09:00-14:00']\n    [--address TEXT] [--maps-url https://…] [--phone P]",
      options: {
        tenant: { type: 'string' },
        name: { type: 'string' },
        timezone: { type: 'string' },
        hours: { type: 'string' },
        address: { type: 'string' },
        'maps-url': { type: 'string' },
        phone: { type: 'string' },
      },
      required: ['tenant', 'name'],
      async run({ db, values, print }) {
        const hours = stringOption(values.hours);
        const branch = await saveBranch(db, stringOption(values.tenant)!, {
          name: stringOption(values.name)!,
          timezone: stringOption(values.timezone) ?? undefined,
          weeklyHours: hours === null ? undefined : parseWeeklyHours(hours),
          address: stringOption(values.address) ?? undefined,
          mapsUrl: stringOption(values['maps-url']) ?? undefined,
          phone: stringOption(values.phone) ?? undefined,
        });
        print(
          `Saved branch ${branch.name} (${branch.id}), ${branch.timezone}: ${describeWeeklyHours(branch.weekly_hours)}`,
          branch,
        );
      },
    },
  },
};
