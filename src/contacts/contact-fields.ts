// The fields a CSV column can fill, and the header names that suggest each one (lower case,
// accents and punctuation folded). The first group is the previous provider's export (seed 003).

export const contactFields = [
  'name',
  'phone',
  'email',
  'instagram',
  'vambe_contact_id',
  'platform',
  'tags',
  'notes',
] as const;

export type ContactField = (typeof contactFields)[number];

/** Column index → field; columns not listed are ignored. */
export type ColumnMapping = Partial<Record<ContactField, number>>;

const headerAliases: Record<ContactField, string[]> = {
  name: [
    'name',
    'nombre',
    'nombre completo',
    'full name',
    'contact name',
    'contacto',
    'cliente',
    'nombre del contacto',
  ],
  phone: [
    'phone',
    'telefono',
    'tel',
    'celular',
    'movil',
    'whatsapp',
    'phone number',
    'numero',
    'mobile',
    'cel',
    'numero de telefono',
    'numero de whatsapp',
  ],
  email: ['email', 'e mail', 'correo', 'mail', 'correo electronico'],
  instagram: [
    'instagram',
    'instagram username',
    'instagram user',
    'usuario de instagram',
    'usuario instagram',
    'ig',
    'ig username',
  ],
  vambe_contact_id: ['vambe contact id', 'vambe id', 'contact id', 'id contacto', 'id de contacto', 'id'],
  platform: ['platform', 'plataforma', 'canal', 'channel'],
  tags: ['tags', 'etiquetas', 'labels', 'etiqueta', 'tag'],
  notes: ['notes', 'notas', 'nota', 'comentarios', 'observaciones', 'note'],
};

export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A sensible first mapping from the header row: exact alias matches, each field at most once. */
export function guessColumnMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const folded = headers.map(foldHeader);
  for (const field of contactFields) {
    const index = folded.findIndex(
      (header, i) => headerAliases[field].includes(header) && !Object.values(mapping).includes(i),
    );
    if (index >= 0) mapping[field] = index;
  }
  return mapping;
}
