import { bookAppointmentByPhone } from '@/src/appointments/book-appointment';
import { findSlotsByName } from '@/src/appointments/find-slots';
import { listAppointments } from '@/src/appointments/list-appointments';
import { saveBranch, saveResource, saveService } from '@/src/appointments/save-scheduling';
import { parseWeeklyHours } from '@/src/appointments/weekly-hours';
import type { DbPort } from '@/src/db/rpc-port';
import { demoTenant } from './demo-tenant';

// The demo clinic's calendar: its branch in Mexico City with hours and a maps link, three
// services (the AI knowledge's own prices), two dentists and three appointments in the coming
// days. Every write is an upsert by name; the appointments are booked only while the clinic has
// none, so seeding again never adds more.

const branch = 'Sucursal Del Valle';

const services = [
  { name: 'Consulta de valoración', minutes: 30, price: 350 },
  { name: 'Limpieza dental profesional', minutes: 45, bufferMinutes: 15, price: 800 },
  { name: 'Blanqueamiento dental', minutes: 90, bufferMinutes: 15, price: 3500, priceMax: 4500 },
];

const dentists = [
  { name: 'Dra. Mariana Ruiz', services: services.map((s) => s.name), hours: undefined },
  {
    name: 'Dr. Carlos Soto',
    services: ['Consulta de valoración', 'Blanqueamiento dental'],
    hours: 'tue 10:00-19:00,thu 10:00-19:00,sat 09:00-14:00',
  },
];

// Ana's number is the README's curl example: her message lands in the conversation of the
// customer who already has an appointment.
const bookings = [
  { service: 'Limpieza dental profesional', leadPhone: '5215587654321', leadName: 'Ana López', pick: 2 },
  {
    service: 'Consulta de valoración',
    leadPhone: '5215512340001',
    leadName: 'Luis Hernández',
    pick: 5,
    requested: true,
  },
  {
    service: 'Blanqueamiento dental',
    leadPhone: '5215512340002',
    leadName: 'María Fernández',
    pick: 8,
    resource: 'Dr. Carlos Soto',
  },
];

function tomorrowIn(timeZone: string): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short' }).format(new Date());
  const next = new Date(`${today}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export async function hasDemoAppointments(db: DbPort): Promise<boolean> {
  const rows = await listAppointments(db, demoTenant.slug, { from: '2000-01-01T00:00:00Z', limit: 1 });
  return rows.length > 0;
}

export async function seedDemoScheduling(db: DbPort): Promise<void> {
  const slug = demoTenant.slug;
  await saveBranch(db, slug, {
    name: branch,
    timezone: demoTenant.timezone,
    // The AI settings' hours.
    weeklyHours: parseWeeklyHours('mon-fri 09:00-19:00,sat 09:00-14:00'),
    address: 'Av. Insurgentes Sur 1234, Col. Del Valle, CDMX',
    mapsUrl: 'https://maps.google.com/?q=Av.+Insurgentes+Sur+1234,+Del+Valle,+CDMX',
  });
  for (const service of services) await saveService(db, slug, { ...service, branches: [branch] });
  for (const dentist of dentists) {
    await saveResource(db, slug, {
      branch,
      name: dentist.name,
      services: dentist.services,
      weeklyHours: dentist.hours ? parseWeeklyHours(dentist.hours) : undefined,
    });
  }
  if (await hasDemoAppointments(db)) return;
  for (const booking of bookings) {
    const found = await findSlotsByName(db, slug, {
      service: booking.service,
      resource: booking.resource,
      from: tomorrowIn(demoTenant.timezone),
      days: 14,
      stepMinutes: 30,
      limit: 20,
    });
    const slot = found.slots[Math.min(booking.pick, found.slots.length - 1)];
    if (!slot) continue;
    await bookAppointmentByPhone(db, slug, {
      service: booking.service,
      resource: slot.resource_name,
      start: slot.starts_at,
      leadPhone: booking.leadPhone,
      leadName: booking.leadName,
      status: booking.requested ? 'requested' : 'confirmed',
    });
  }
}
