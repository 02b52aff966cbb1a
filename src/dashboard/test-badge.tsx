import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';

// "Prueba": a lead or conversation that came from the simulator or a signed test send (a
// sandbox connection). It counts in no overview or report, and staff can delete it.
export function TestBadge({ t }: { t: Messages }) {
  return (
    <Badge tone="neutral" title={t.testTraffic.badgeTitle}>
      {t.testTraffic.badge}
    </Badge>
  );
}
