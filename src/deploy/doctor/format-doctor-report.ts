import type { DoctorCheck } from './doctor-check';

const mark = { ok: '✓', note: '·', warn: '!', fail: '✗' } as const;

export function formatDoctorReport(checks: DoctorCheck[]): string {
  const lines = checks.map((check) => `${mark[check.status]} ${check.name.padEnd(13)} ${check.message}`);
  const failed = checks.filter((check) => check.status === 'fail').length;
  const warned = checks.filter((check) => check.status === 'warn').length;
  lines.push(
    '',
    failed
      ? `${failed} problem(s) to fix${warned ? `, ${warned} warning(s)` : ''}.`
      : `No problems found${warned ? ` (${warned} warning(s))` : ''}.`,
  );
  return lines.join('\n');
}
