import type { ReactNode } from 'react';

/** What a page shows before it has data: what will appear, and how to get it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
