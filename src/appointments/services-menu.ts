import type { ChoicesRequest } from '@/src/channels/fit-choices';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';

// The "menú de servicios" (issue 16 §2, seed 001's sendServicesMenu): the tenant's active
// services as a list the customer taps, each with its duration and price. Built from the
// services table (appointments), never from what a model wrote. The AI attaches it when it
// answers "¿qué servicios tienen?"; staff send it with one click from the reply box.

export type MenuService = {
  id: string;
  name: string;
  description: string | null;
  duration_minutes: number;
  price_min: number | null;
  price_max: number | null;
  currency: string;
};

export function loadServicesMenuForAi(db: DbPort, tenantId: string): Promise<MenuService[]> {
  return db.rpc('ai_services_menu', { p_tenant_id: tenantId });
}

export function loadServicesMenuForStaff(
  db: DbPort,
  staff: StaffIdentity,
  tenantId: string,
): Promise<MenuService[]> {
  return db.rpc('dashboard_services_menu', { p_tenant_id: tenantId }, { as: staff });
}

function amount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** "45 min · MXN 800" or "60 min · MXN 500–900": what a row says under the service's name. */
export function describeMenuService(service: MenuService): string {
  const parts = [`${service.duration_minutes} min`];
  if (service.price_min !== null) {
    const max =
      service.price_max !== null && service.price_max !== service.price_min
        ? `–${amount(service.price_max)}`
        : '';
    parts.push(`${service.currency} ${amount(service.price_min)}${max}`);
  }
  return parts.join(' · ');
}

const texts = {
  es: { intro: 'Estos son nuestros servicios. Elige uno para saber más:', button: 'Ver servicios' },
  en: { intro: 'These are our services. Choose one to learn more:', button: 'See services' },
};

export function servicesMenuTexts(locale: string) {
  return locale.startsWith('en') ? texts.en : texts.es;
}

/** The menu as choices (the first 10 services: a WhatsApp list's most rows). */
export function servicesMenuRequest(services: readonly MenuService[], locale: string): ChoicesRequest {
  return {
    style: 'list',
    listButton: servicesMenuTexts(locale).button,
    choices: services.slice(0, 10).map((service) => ({
      id: `service:${service.id}`,
      title: service.name,
      description: describeMenuService(service),
    })),
  };
}
