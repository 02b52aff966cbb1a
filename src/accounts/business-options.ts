// Countries offered at sign-up and the time zone each one starts with (the person can change it).
export const countryTimeZones: Record<string, string> = {
  MX: 'America/Mexico_City',
  CO: 'America/Bogota',
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  PE: 'America/Lima',
  EC: 'America/Guayaquil',
  VE: 'America/Caracas',
  GT: 'America/Guatemala',
  CR: 'America/Costa_Rica',
  PA: 'America/Panama',
  DO: 'America/Santo_Domingo',
  UY: 'America/Montevideo',
  PY: 'America/Asuncion',
  BO: 'America/La_Paz',
  SV: 'America/El_Salvador',
  HN: 'America/Tegucigalpa',
  NI: 'America/Managua',
  ES: 'Europe/Madrid',
  US: 'America/New_York',
};

export const timeZones = [
  ...new Set([
    ...Object.values(countryTimeZones),
    'America/Tijuana',
    'America/Cancun',
    'America/Monterrey',
    'America/Chihuahua',
    'America/Hermosillo',
    'Atlantic/Canary',
    'America/Los_Angeles',
    'America/Chicago',
    'America/Denver',
    'UTC',
  ]),
].sort();

export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}
