import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';

// The calendar's two sections: the appointments and their settings.
export function CalendarTabs({
  tenantSlug,
  t,
  current,
}: {
  tenantSlug: string;
  t: Messages;
  current: 'calendar' | 'settings';
}) {
  const c = t.calendar;
  const tabs = [
    { key: 'calendar', href: `/t/${tenantSlug}/calendar`, label: c.calendarTab },
    { key: 'settings', href: `/t/${tenantSlug}/calendar/settings`, label: c.settingsTab },
  ] as const;
  return (
    <nav aria-label={c.tabs} className="flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${ui.focus} ${
            tab.key === current
              ? 'border-teal-700 text-teal-800'
              : 'border-transparent text-slate-700 hover:text-slate-900'
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
