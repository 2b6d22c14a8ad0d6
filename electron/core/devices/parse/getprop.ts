/** A property's `[name]: [` at the start of a line: where each entry of `getprop` begins. */
const entryStart = /^\[([^\]\r\n]+)\]: \[/gm;
/** The `]` that ends a value, at the end of its line. */
const closing = /\][ \t\r]*$/;

/**
 * Parses `getprop` output: `[name]: [value]` per property, values may be empty. A value may span
 * lines (`persist.sys.boot.reason.history` holds one reboot a line), so an entry runs from its
 * `[name]: [` to the last line ending in `]` before the next entry; line ends inside a value are
 * kept as `\n` (CRLF from adb on Windows or a pty included), and lines after that `]` which start
 * no entry (a prompt) are not part of it. Pure.
 */
export function parseGetprop(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  const starts = [...text.matchAll(entryStart)];
  starts.forEach((start, i) => {
    const lines = text.slice(start.index + start[0].length, starts[i + 1]?.index).split(/\r?\n/);
    const last = lines.map((line) => closing.test(line)).lastIndexOf(true);
    if (last >= 0)
      properties[start[1]!] = lines
        .slice(0, last + 1)
        .join('\n')
        .replace(closing, '');
  });
  return properties;
}

/** The product fields that init derives from the partitions' build.prop files. */
export type ProductField = 'brand' | 'device' | 'manufacturer' | 'model' | 'name';

const allowedSources = ['odm', 'product', 'system_ext', 'system', 'vendor'];
const defaultSourceOrder = ['product', 'odm', 'vendor', 'system_ext', 'system'];

/**
 * `ro.product.<field>` as Android resolves it: init (property_service.cpp,
 * property_initialize_ro_product_props) fills an unset or empty `ro.product.model` from the first
 * non-empty `ro.product.<partition>.model`, in `ro.product.property_source_order` when every
 * source it names is valid, else product, odm, vendor, system_ext, system. A phone read before
 * init did so, or a GSI whose build leaves it unset, only has the partition values. Null when none
 * is set. Pure.
 */
export function productProperty(
  properties: Record<string, string>,
  field: ProductField,
): string | null {
  const own = properties[`ro.product.${field}`];
  if (own) return own;
  const order = properties['ro.product.property_source_order']?.split(',') ?? [];
  const valid = order.length > 0 && order.every((source) => allowedSources.includes(source));
  for (const source of valid ? order : defaultSourceOrder) {
    const value = properties[`ro.product.${source}.${field}`];
    if (value) return value;
  }
  return null;
}
