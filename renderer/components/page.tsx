import type { ReactNode } from 'react';

/** The frame of every page: a heading, a one-line purpose, then the content. */
export function Page({
  title,
  lead,
  children,
}: {
  title: string;
  lead: string;
  children: ReactNode;
}) {
  return (
    <article className="page">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
      </header>
      {children}
    </article>
  );
}
