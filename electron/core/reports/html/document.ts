import { html, raw, type Markup } from './markup';
import { reportCss } from './report-css';

/** What every HTML report's page holds around its sections. */
export interface ReportPage {
  title: string;
  lede: Markup;
  /** Section ids and their headings, for the table of contents. */
  contents: readonly (readonly [string, string])[];
  body: Markup;
  footer: string;
}

/**
 * A whole self-contained HTML document: inline CSS and SVG, no script, no external URL, so it
 * opens offline from a file and forwards as one attachment. The CSP says as much to the browser.
 */
export function reportDocument(page: ReportPage): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return `<!doctype html>\n${html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta http-equiv="Content-Security-Policy" content="${csp}" />
      <meta name="generator" content="Edge Studio" />
      <title>${page.title}</title>
      <style>
        ${raw(reportCss)}
      </style>
    </head>
    <body>
      <main>
        <header>
          <h1>${page.title}</h1>
          <p class="lede">${page.lede}</p>
          <nav class="toc" aria-label="Contents">
            ${page.contents.map(([id, heading]) => html`<a href="#${id}">${heading}</a>`)}
          </nav>
        </header>
        ${page.body}
        <footer>${page.footer}</footer>
      </main>
    </body>
  </html> `}`;
}

/** A report section with its id (the table of contents links to it) and heading. */
export function section(id: string, heading: string, body: Markup): Markup {
  return html`<section id="${id}" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">${heading}</h2>
    ${body}
  </section> `;
}

/** A table in a horizontally scrolling wrapper; `numeric` columns are right-aligned. */
export function table(
  headings: readonly string[],
  rows: readonly (readonly (Markup | string | number)[])[],
  numeric: ReadonlySet<number> = new Set(),
): Markup {
  const cls = (k: number) => (numeric.has(k) ? raw(' class="num"') : '');
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${headings.map((heading, k) => html`<th scope="col" ${cls(k)}>${heading}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${row.map((cell, k) => html`<td${cls(k)}>${cell}</td>`)}
            </tr> `,
        )}
      </tbody>
    </table>
  </div>`;
}

/** A phone's key with its `emulated` label where it is one. */
export function phoneLabel(deviceKey: string | null, emulated: boolean): Markup {
  return html`${deviceKey ?? 'farm (all phones)'}${emulated ? html`<span class="badge emulated">emulated</span>` : ''}`;
}
