import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The scheduling commands as an operator types them: a real process against a real database,
// --json output, and a clear message with a non-zero exit for bad input.
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.rpc('admin_create_tenant', { p_slug: 'cli-dental', p_name: 'Dental CLI' });
});
afterAll(() => test.drop());

const cli = (...args: string[]) => runCli(test.url, args);

// Each case spawns the CLI (tsx) several times: on a busy 2-core machine one can pass 30 s.
describe('scheduling CLI', { timeout: 120_000 }, () => {
  it('creates a branch, a service and a resource, finds slots, books, refuses the same slot, lists and cancels', async () => {
    const branch = await cli(
      'branch',
      'create',
      '--tenant',
      'cli-dental',
      '--name',
      'Del Valle',
      '--timezone',
      'America/Mexico_City',
      '--hours',
      'mon-fri 09:00-19:00,sat 09:00-14:00',
      '--json',
    );
    expect(branch).toMatchObject({ code: 0 });
    expect(JSON.parse(branch.stdout)).toMatchObject({
      name: 'Del Valle',
      timezone: 'America/Mexico_City',
      weekly_hours: { mon: [['09:00', '19:00']], sat: [['09:00', '14:00']] },
    });

    const service = await cli(
      'service',
      'create',
      '--tenant',
      'cli-dental',
      '--name',
      'Limpieza',
      '--minutes',
      '45',
      '--price',
      '800',
    );
    expect(service).toMatchObject({ code: 0 });
    expect(service.stdout).toContain('Saved service Limpieza');
    expect(service.stdout).toContain('45 min');
    expect(service.stdout).toContain('800 MXN');

    const resource = await cli(
      'resource',
      'create',
      '--tenant',
      'cli-dental',
      '--branch',
      'Del Valle',
      '--name',
      'Dra. Ruiz',
      '--services',
      'Limpieza',
      '--json',
    );
    expect(resource).toMatchObject({ code: 0 });
    expect(JSON.parse(resource.stdout)).toMatchObject({ name: 'Dra. Ruiz', kind: 'person', capacity: 1 });

    const { rows } = await test.pool.query<{ day: string }>(
      "select to_char((now() at time zone 'America/Mexico_City')::date + 7, 'YYYY-MM-DD') as day",
    );
    const slots = await cli(
      'appointment',
      'slots',
      '--tenant',
      'cli-dental',
      '--service',
      'Limpieza',
      '--from',
      rows[0]!.day,
      '--days',
      '7',
      '--json',
    );
    expect(slots).toMatchObject({ code: 0 });
    const found = JSON.parse(slots.stdout) as { slots: Array<{ starts_at: string; local_start: string }> };
    expect(found.slots.length).toBeGreaterThan(0);
    const first = found.slots[0]!;

    const booked = await cli(
      'appointment',
      'book',
      '--tenant',
      'cli-dental',
      '--service',
      'Limpieza',
      '--start',
      first.local_start,
      '--resource',
      'Dra. Ruiz',
      '--lead-phone',
      '+52 55 8765 4321',
      '--json',
    );
    expect(booked).toMatchObject({ code: 0 });
    const appointment = JSON.parse(booked.stdout).appointment as {
      id: string;
      starts_at: string;
      status: string;
    };
    expect(new Date(appointment.starts_at).toISOString()).toBe(new Date(first.starts_at).toISOString());
    expect(appointment.status).toBe('confirmed');

    const again = await cli(
      'appointment',
      'book',
      '--tenant',
      'cli-dental',
      '--service',
      'Limpieza',
      '--start',
      first.starts_at,
      '--lead-phone',
      '5215511112222',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('That slot is taken');
    expect(again.stderr).toContain('Next free');

    const list = await cli('appointment', 'list', '--tenant', 'cli-dental');
    expect(list).toMatchObject({ code: 0 });
    expect(list.stdout).toContain(appointment.id);
    expect(list.stdout).toContain('confirmed');

    const cancelled = await cli(
      'appointment',
      'cancel',
      '--tenant',
      'cli-dental',
      '--id',
      appointment.id,
      '--json',
    );
    expect(cancelled).toMatchObject({ code: 0 });
    expect(JSON.parse(cancelled.stdout)).toMatchObject({
      outcome: 'updated',
      appointment: { status: 'cancelled' },
    });
  }, 240_000);

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['branch', 'create', '--tenant', 'cli-dental', '--name', 'X', '--timezone', 'Mars/Olympus'],
        /unknown time zone Mars\/Olympus/,
      ],
      [
        ['branch', 'create', '--tenant', 'cli-dental', '--name', 'X', '--hours', 'lun-vie 9-19'],
        /Cannot read hours/,
      ],
      [
        ['service', 'create', '--tenant', 'cli-dental', '--name', 'X', '--minutes', 'cuarenta'],
        /--minutes must be a number/,
      ],
      [['service', 'create', '--tenant', 'cli-dental', '--name', 'X', '--minutes', '2'], /Invalid service/],
      [
        [
          'resource',
          'create',
          '--tenant',
          'cli-dental',
          '--branch',
          'Nowhere',
          '--name',
          'Y',
          '--services',
          'Z',
        ],
        /no branch named Nowhere/,
      ],
      [['appointment', 'slots', '--tenant', 'cli-dental', '--service', 'Nada'], /no service named Nada/],
      [
        [
          'appointment',
          'book',
          '--tenant',
          'cli-dental',
          '--service',
          'Limpieza',
          '--start',
          'mañana',
          '--lead-phone',
          '5215511112222',
        ],
        /Invalid booking/,
      ],
      [['appointment', 'cancel', '--tenant', 'cli-dental', '--id', 'not-an-id'], /Invalid appointment id/],
      [['appointment', 'list', '--tenant', 'nobody-here'], /tenant nobody-here not found/],
      [['appointment', 'book', '--tenant', 'cli-dental'], /missing --service, --start, --lead-phone/],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    runs.forEach((run, i) => {
      expect({ args: cases[i]![0], failed: run.code !== 0 }).toEqual({ args: cases[i]![0], failed: true });
      expect(run.stderr).toMatch(cases[i]![1]);
    });
  }, 240_000);
});
