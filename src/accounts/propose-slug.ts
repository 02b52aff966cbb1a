// The address part of a new business (/t/<slug>), proposed from its name: "Clínica Dental Sonrisa"
// → "clinica-dental-sonrisa". The person can still change it.
export function proposeSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : 'mi-negocio';
}
