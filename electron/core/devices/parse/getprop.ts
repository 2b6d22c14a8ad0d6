/** Parses `getprop` output (`[key]: [value]` per line; values may be empty). Pure. */
export function parseGetprop(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const match of text.matchAll(/^\[([^\]]+)\]: \[(.*)\]\r?$/gm)) {
    properties[match[1]!] = match[2]!;
  }
  return properties;
}
