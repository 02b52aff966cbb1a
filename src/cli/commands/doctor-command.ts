import { formatDoctorReport } from '@/src/deploy/doctor/format-doctor-report';
import { runDoctor } from '@/src/deploy/doctor/run-doctor';
import { AppError } from '@/src/shared/app-error';
import type { Command } from '../command';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check this deployment (environment, database, TLS, migrations, cron) and say what is wrong',
  defaultSubcommand: 'check',
  subcommands: {
    check: {
      summary: 'Run every check (the default: `npm run cli -- doctor`)',
      usage: 'doctor',
      options: {},
      async run(context) {
        const checks = await runDoctor(context.env);
        context.print(formatDoctorReport(checks), { checks });
        if (checks.some((check) => check.status === 'fail')) {
          throw new AppError('unavailable', 'doctor found problems (see above)');
        }
      },
    },
  },
};
