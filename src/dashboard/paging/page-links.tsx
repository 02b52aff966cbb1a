import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import { listHref } from './list-href';

// Below a list: "Ver más" (the next page by cursor), "Volver al principio" on later pages, and
// "Descargar CSV" of everything the filters match.
export function PageLinks({
  path,
  params,
  next,
  exportHref,
  t,
}: {
  path: string;
  params: Record<string, string | undefined>;
  next: string | null;
  exportHref: string;
  t: Messages;
}) {
  const f = t.finding;
  const { after, ...filters } = params;
  return (
    <nav aria-label={f.pagination} className="flex flex-wrap items-center gap-3">
      {next && (
        <Link href={listHref(path, { ...filters, after: next })} className={ui.button} data-testid="more">
          {f.more}
        </Link>
      )}
      {after && (
        <Link href={listHref(path, filters)} className={ui.buttonSecondary}>
          {f.firstPage}
        </Link>
      )}
      <a
        href={listHref(exportHref, filters)}
        className={ui.buttonSecondary}
        download
        data-testid="download-csv"
      >
        {f.download}
      </a>
      <span className={ui.muted}>{f.downloadHint}</span>
    </nav>
  );
}
