import type { DeviceSelector } from '../../../shared/profile';

/** What the scheduler knows of one phone of the farm (its list row and its details). */
export interface SweepPhone {
  /** Farm key, `HOST:PORT/ro.serialno`. */
  key: string;
  host: string;
  serialno: string | null;
  transport: string;
  model: string | null;
  soc: string | null;
  abi: string | null;
  emulated: boolean;
  /** MemTotal of the phone, KiB (null when unreadable). */
  ramKb: number | null;
}

const anyIncludes = (value: string | null, wanted: readonly string[] | undefined) =>
  wanted === undefined ||
  (value !== null && wanted.some((each) => value.toLowerCase().includes(each.toLowerCase())));

/** Whether a phone matches every field the selector gives (all phones for an empty one). Pure. */
export function matchesSelector(phone: SweepPhone, selector: DeviceSelector): boolean {
  const serial = selector.serial;
  return (
    anyIncludes(phone.model, selector.model) &&
    anyIncludes(phone.soc, selector.soc) &&
    // An ABI is a name, not a substring: `arm64-v8a` must not pick `armeabi-v7a`-ish lookalikes.
    (selector.abi === undefined || (phone.abi !== null && selector.abi.includes(phone.abi))) &&
    (selector.host === undefined || selector.host.includes(phone.host)) &&
    (selector.emulated === undefined || selector.emulated === phone.emulated) &&
    (serial === undefined ||
      serial.some(
        (each) => each === phone.key || each === phone.serialno || each === phone.transport,
      ))
  );
}

/** The phones a sweep runs on, in farm-key order (so a sweep plans the same way each time). */
export function selectPhones(
  phones: readonly SweepPhone[],
  selector: DeviceSelector,
): SweepPhone[] {
  return phones
    .filter((phone) => matchesSelector(phone, selector))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The phones a point lost on `lost` may move to, best first: eligible (in `eligible`, not
 * `lost`) and fitting, the same model and SoC before any other (its numbers stay comparable).
 */
export function retryPhones(
  lost: SweepPhone,
  eligible: readonly SweepPhone[],
  fits: (phone: SweepPhone) => boolean,
): SweepPhone[] {
  const twin = (phone: SweepPhone) => phone.model === lost.model && phone.soc === lost.soc;
  const others = eligible.filter((phone) => phone.key !== lost.key && fits(phone));
  return [...others.filter(twin), ...others.filter((phone) => !twin(phone))];
}
