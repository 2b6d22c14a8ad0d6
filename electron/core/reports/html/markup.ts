/**
 * HTML built from template strings: every interpolated value is escaped unless it is `Markup`
 * (a fragment built here, or a chart's SVG from the chart worker). Pure.
 */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value a template may hold: text (escaped), numbers, markup, lists of them, or nothing. */
export type Interpolation = string | number | Markup | null | undefined | false | Interpolation[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof Markup) return value.text;
  return escapeHtml(String(value));
}

/** The `html` template tag. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  return new Markup(strings.reduce((out, part, k) => out + render(values[k - 1]!) + part));
}

/** Markup trusted as it is (the chart worker's SVG, the inline CSS). */
export function raw(text: string): Markup {
  return new Markup(text);
}
