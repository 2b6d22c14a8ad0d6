import fc from 'fast-check';
import { settingKeys } from '../../shared/settings';

/** Random values, plus near-misses of real payloads (right keys, wrong or missing values). */
export const payloads = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: false }),
  fc.record(
    { key: fc.oneof(fc.constantFrom(...settingKeys), fc.string()), value: fc.anything() },
    { requiredKeys: [] },
  ),
);

/** What the payload becomes on the wire (JSON drops undefined and functions). */
export function onWire(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}
