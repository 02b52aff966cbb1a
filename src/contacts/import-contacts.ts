import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { type BuiltImport, buildImportContacts } from './build-import-contacts';
import { type ColumnMapping, guessColumnMapping } from './contact-fields';
import { decodeCsvBytes } from './decode-csv-bytes';
import { knownCountry } from './normalise-phone';
import { parseCsvTable } from './parse-csv-table';

// One import, from the file's bytes to the database: decode, parse, map, clean and merge rows,
// then one SQL call (dashboard_import_contacts) that dry-runs or applies every contact atomically.

export const maxImportBytes = 8 * 1024 * 1024;
export const maxImportRows = 20_000;

export type ImportRequest = {
  tenantId: string;
  fileName: string;
  bytes: Uint8Array;
  /** Column index per field; guessed from the header row when absent. */
  mapping?: ColumnMapping;
  defaultCountry: string;
  dryRun: boolean;
};

export type ImportSummary = {
  dryRun: boolean;
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: ColumnMapping;
  rows: number;
  contacts: number;
  mergedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  newTags: number;
  errors: BuiltImport['errors'];
  matches: { row: number; lead_id: string; matched_by: string; outcome: string }[];
};

export function readImportFile(bytes: Uint8Array) {
  if (bytes.byteLength === 0)
    throw new AppError('bad_request', 'The file is empty', { reason: 'empty_file' });
  if (bytes.byteLength > maxImportBytes) {
    throw new AppError('payload_too_large', 'The file is larger than 8 MB', { reason: 'file_too_large' });
  }
  const decoded = decodeCsvBytes(bytes);
  const table = parseCsvTable(decoded.text);
  if (table.headers.length === 0 || table.rows.length === 0) {
    throw new AppError('bad_request', 'The file has no rows under its header', { reason: 'no_rows' });
  }
  if (table.rows.length > maxImportRows) {
    throw new AppError('bad_request', `At most ${maxImportRows} rows per file`, { reason: 'too_many_rows' });
  }
  return { ...table, encoding: decoded.encoding };
}

export async function importContacts(
  db: DbPort,
  request: ImportRequest,
  staff?: StaffIdentity,
): Promise<ImportSummary> {
  if (!knownCountry(request.defaultCountry)) {
    throw new AppError('bad_request', 'Unknown default country', { reason: 'unknown_country' });
  }
  const table = readImportFile(request.bytes);
  const mapping = request.mapping ?? guessColumnMapping(table.headers);
  const built = buildImportContacts(table.rows, mapping, request.defaultCountry);
  const applied = await db.rpc(
    'dashboard_import_contacts',
    {
      p_tenant_id: request.tenantId,
      p_file_name: request.fileName,
      p_contacts: built.contacts.map(({ rows: _rows, ...contact }) => contact),
      p_dry_run: request.dryRun,
    },
    staff ? { as: staff } : undefined,
  );
  return {
    dryRun: applied.dry_run,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headers: table.headers,
    mapping,
    rows: built.rows,
    contacts: built.contacts.length,
    mergedRows: built.mergedRows,
    created: applied.created,
    updated: applied.updated,
    unchanged: applied.unchanged,
    newTags: applied.new_tags,
    errors: built.errors,
    matches: applied.matches,
  };
}
