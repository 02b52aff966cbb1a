'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ui } from './styles';

/** A count beside a link: short visible text, the full words for screen readers. */
export type NavBadge = { text: string; label: string; tone: 'info' | 'bad' };

export function NavLinks({
  links,
  label,
}: {
  links: { href: string; label: string; badges?: NavBadge[] }[];
  label: string;
}) {
  const pathname = usePathname();
  return (
    // Wrapped, not scrolled: on a phone a sideways-scrolling menu hid three items with no hint.
    <nav aria-label={label} className="-mx-1 flex flex-wrap gap-1 pb-1">
      {links.map((link) => {
        // A link that prefixes others (the overview) is active on its own page only.
        const exact = links.some((other) => other !== link && other.href.startsWith(`${link.href}/`));
        const active = exact
          ? pathname === link.href
          : pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? 'page' : undefined}
            className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium ${ui.focus} ${
              active ? 'bg-teal-700 text-white' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            {link.label}
            {link.badges?.map((badge) => (
              <span
                key={badge.label}
                data-testid="nav-badge"
                className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
                  badge.tone === 'bad' ? 'bg-red-700 text-white' : 'bg-teal-100 text-teal-900'
                }`}
              >
                <span aria-hidden="true">{badge.text}</span>
                <span className="sr-only">{badge.label}</span>
              </span>
            ))}
          </Link>
        );
      })}
    </nav>
  );
}
