import { AppError } from '@/src/shared/app-error';
import { type ColumnMapping, type ContactField, contactFields, foldHeader } from './contact-fields';

// The CLI's --mapping: "phone=Celular,name=Nombre completo,tags=3" — each field names a header
// (any case and accents) or a 1-based column number. Fields not named are not imported.

export function parseMappingOption(option: string, headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const folded = headers.map(foldHeader);
  for (const pair of option.split(',')) {
    const [field = '', column = ''] = pair.split('=').map((part) => part.trim());
    if (!contactFields.includes(field as ContactField)) {
      throw new AppError('bad_request', `Unknown field "${field}" (fields: ${contactFields.join(', ')})`);
    }
    const index = /^\d+$/.test(column) ? Number(column) - 1 : folded.indexOf(foldHeader(column));
    if (index < 0 || index >= headers.length) {
      throw new AppError('bad_request', `No column "${column}" in the file (columns: ${headers.join(', ')})`);
    }
    mapping[field as ContactField] = index;
  }
  return mapping;
}
