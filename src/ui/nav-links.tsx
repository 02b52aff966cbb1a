'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ui } from './styles';

/** A count beside a link: short visible text, the full words for screen readers. */
export type NavBadge = { text: string; label: string; tone: 'info' | 'bad' };

export type NavLink = {
  href: string;
  label: string;
  badges?: NavBadge[];
  /** Set-up pages: on a phone they wait behind "Más" so daily work fits on one or two rows. */
  more?: boolean;
};

export function NavLinks({
  links,
  label,
  moreLabel,
}: {
  links: NavLink[];
  label: string;
  moreLabel: string;
}) {
  const pathname = usePathname();
  const isActive = (link: NavLink) => {
    // A link that prefixes others (the overview) is active on its own page only.
    const exact = links.some((other) => other !== link && other.href.startsWith(`${link.href}/`));
    return exact ? pathname === link.href : pathname === link.href || pathname.startsWith(`${link.href}/`);
  };
  const more = links.filter((link) => link.more);
  const moreActive = more.some(isActive);
  return (
    // Wrapped, not scrolled: on a phone a sideways-scrolling menu hid three items with no hint.
    <nav aria-label={label} className="relative -mx-1 flex flex-wrap gap-1 pb-1">
      {links.map((link) => (
        // Set-up links show inline from the small breakpoint up; below it they live in "Más".
        <NavItem
          key={link.href}
          link={link}
          active={isActive(link)}
          className={link.more ? 'hidden sm:inline-flex' : 'inline-flex'}
        />
      ))}
      {more.length > 0 && (
        // Keyed by the page so the menu closes once a link in it is followed.
        <details key={pathname} className="sm:hidden">
          <summary
            className={`inline-flex cursor-pointer list-none items-center gap-1 rounded-lg px-3 py-1.5 text-sm font-medium ${ui.focus} ${
              moreActive ? 'bg-teal-700 text-white' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            {moreLabel}
            <span aria-hidden="true">▾</span>
          </summary>
          {/* Under the whole bar, its full width: wherever "Más" wraps to, the panel stays on screen. */}
          <div className="absolute inset-x-1 top-full z-20 grid grid-cols-2 gap-1 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
            {more.map((link) => (
              <NavItem key={link.href} link={link} active={isActive(link)} className="flex w-full" />
            ))}
          </div>
        </details>
      )}
    </nav>
  );
}

function NavItem({ link, active, className }: { link: NavLink; active: boolean; className: string }) {
  return (
    <Link
      href={link.href}
      aria-current={active ? 'page' : undefined}
      // The display class comes from the caller: one display utility per link, or hidden loses.
      className={`items-center gap-1.5 whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium ${ui.focus} ${
        active ? 'bg-teal-700 text-white' : 'text-slate-700 hover:bg-slate-100'
      } ${className}`}
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
}
