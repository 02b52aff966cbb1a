import type { ReactNode } from 'react';
import { ui } from './styles';

// A card with a heading that names it: the heading's id labels the section (a landmark
// screen readers can jump to). `aside` sits beside the heading (a badge, a score).
export function CardSection({
  id,
  title,
  aside,
  className,
  testId,
  children,
}: {
  id: string;
  title: ReactNode;
  aside?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const heading = (
    <h2 id={id} className={ui.h2}>
      {title}
    </h2>
  );
  return (
    <section
      className={className ? `${ui.card} ${className}` : ui.card}
      aria-labelledby={id}
      data-testid={testId}
    >
      {aside ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {heading}
          {aside}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
