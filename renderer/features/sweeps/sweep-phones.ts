import type { DeviceSummary } from '../../../shared/device';
import type { DeviceSelector } from '../../../shared/profile';

const anyIncludes = (value: string | null, wanted: readonly string[] | undefined) =>
  wanted === undefined ||
  (value !== null && wanted.some((each) => value.toLowerCase().includes(each.toLowerCase())));

/**
 * The ready phones of the farm a profile's selector picks, in farm-key order, as the scheduler
 * picks them. The farm list carries no ABI: an `abi` selector is checked by the scheduler at
 * launch (`abiUnchecked`). Pure.
 */
export function pickPhones(
  devices: readonly DeviceSummary[],
  selector: DeviceSelector,
): { phones: DeviceSummary[]; abiUnchecked: boolean } {
  const phones = devices
    .filter(
      (phone) =>
        phone.state === 'device' &&
        anyIncludes(phone.model, selector.model) &&
        anyIncludes(phone.soc, selector.soc) &&
        (selector.host === undefined || selector.host.includes(phone.host)) &&
        (selector.emulated === undefined || selector.emulated === phone.emulated) &&
        (selector.serial === undefined ||
          selector.serial.some(
            (each) => each === phone.key || each === phone.serialno || each === phone.transport,
          )),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
  return { phones, abiUnchecked: selector.abi !== undefined };
}
