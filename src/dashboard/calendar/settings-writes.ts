import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

// The calendar settings forms (flat strings, as browsers post them) → the dashboard_save_*
// functions, as the signed-in admin (SQL refuses agents). A field that does not parse is named,
// so the form can list it in plain words.

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Form = Record<string, string>;

function invalid(fields: string[]): AppError {
  return new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
}

function refuse(reason: string): never {
  throw new AppError('bad_request', `settings ${reason}`, { reason });
}

function pick<T>(form: Form, schemas: { [K in keyof T]: z.ZodType<T[K]> }): T {
  const bad: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(schemas) as Array<[string, z.ZodType]>) {
    const parsed = schema.safeParse((form[key] ?? '').trim());
    if (parsed.success) out[key] = parsed.data;
    else bad.push(key);
  }
  if (bad.length > 0) throw invalid(bad);
  return out as T;
}

const optionalId = z.union([z.literal('').transform(() => null), z.uuid()]);
const name = z.string().min(1).max(200);
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value || null);
const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

const range = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*(([01]?\d|2[0-3]):([0-5]\d)|24:00)\s*$/;
const pad = (time: string) => (time.length === 4 ? `0${time}` : time);

/** "09:00-14:00, 16:00-19:00" → [["09:00","14:00"],["16:00","19:00"]]; null when unreadable. */
export function parseDayHours(text: string): [string, string][] | null {
  if (text.trim() === '') return [];
  const windows: [string, string][] = [];
  for (const part of text.split(',')) {
    const match = range.exec(part);
    if (!match) return null;
    const [from, to] = part.split('-').map((time) => pad(time.trim())) as [string, string];
    if (from >= to) return null;
    windows.push([from, to]);
  }
  windows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return windows.some((w, i) => i > 0 && w[0] < windows[i - 1]![1]) ? null : windows;
}

export function formatDayHours(windows: [string, string][] | undefined): string {
  return (windows ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}

function weeklyHours(form: Form): Record<string, [string, string][]> {
  const bad = weekDays.filter((day) => parseDayHours(form[`hours.${day}`] ?? '') === null);
  if (bad.length > 0) throw invalid(bad.map((day) => `hours.${day}`));
  return Object.fromEntries(weekDays.map((day) => [day, parseDayHours(form[`hours.${day}`] ?? '')!]));
}

function timeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

async function saving<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { code?: string }).code === 'conflict') refuse('duplicate');
    throw error;
  }
}

export async function saveBranchSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Form,
) {
  const fields = pick(form, {
    branchId: optionalId,
    name,
    address: optionalText(500),
    mapsUrl: z.union([z.literal('').transform(() => null), z.url({ protocol: /^https$/ }).max(500)]),
    timezone: z.string().max(64).refine(timeZone),
  });
  const hours = weeklyHours(form);
  return saving(
    db.rpc(
      'dashboard_save_branch',
      {
        p_tenant_id: tenant.id,
        p_branch_id: fields.branchId,
        p_fields: {
          name: fields.name,
          address: fields.address,
          maps_url: fields.mapsUrl,
          timezone: fields.timezone,
          weekly_hours: hours,
        },
      },
      { as: staff },
    ),
  );
}

export async function saveServiceSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Form,
) {
  const fields = pick(form, {
    serviceId: optionalId,
    name,
    minutes: wholeNumber(5, 720),
    buffer: z.union([z.literal('').transform(() => 0), wholeNumber(0, 240)]),
    price: z.union([
      z.literal('').transform(() => null),
      z
        .string()
        .regex(/^\d{1,9}(\.\d{1,2})?$/)
        .transform(Number),
    ]),
  });
  return saving(
    db.rpc(
      'dashboard_save_service',
      {
        p_tenant_id: tenant.id,
        p_service_id: fields.serviceId,
        p_fields: {
          name: fields.name,
          duration_minutes: fields.minutes,
          buffer_minutes: fields.buffer,
          price_min: fields.price,
          price_max: fields.price,
          active: form.active === 'on',
        },
      },
      { as: staff },
    ),
  );
}

export async function saveResourceSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Form,
) {
  const fields = pick(form, { resourceId: optionalId, branchId: z.uuid(), name });
  // One checkbox per service: service.<id> = on.
  const serviceIds = Object.entries(form)
    .filter(([key, value]) => key.startsWith('service.') && value === 'on')
    .map(([key]) => key.slice('service.'.length))
    .filter((id) => z.uuid().safeParse(id).success);
  return saving(
    db.rpc(
      'dashboard_save_resource',
      {
        p_tenant_id: tenant.id,
        p_resource_id: fields.resourceId,
        p_fields: {
          branch_id: fields.branchId,
          name: fields.name,
          service_ids: serviceIds,
          active: form.active === 'on',
        },
      },
      { as: staff },
    ),
  );
}

const date = z.iso.date();

export async function addClosureSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Form,
) {
  const fields = pick(form, {
    branchId: z.uuid(),
    resourceId: optionalId,
    date,
    until: z.union([z.literal('').transform(() => null), date]),
    reason: optionalText(200),
  });
  if (fields.until && fields.until < fields.date) throw invalid(['until']);
  return db.rpc(
    'dashboard_add_closure',
    {
      p_tenant_id: tenant.id,
      p_fields: {
        branch_id: fields.branchId,
        ...(fields.resourceId && { resource_id: fields.resourceId }),
        date: fields.date,
        ...(fields.until && { until: fields.until }),
        ...(fields.reason && { reason: fields.reason }),
      },
    },
    { as: staff },
  );
}

export async function removeClosureSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Form,
) {
  const { closureId } = pick(form, { closureId: z.uuid() });
  return db.rpc(
    'dashboard_remove_closure',
    { p_tenant_id: tenant.id, p_closure_id: closureId },
    { as: staff },
  );
}
