import { deviceStates, type DeviceState } from '../../../shared/device';

/** adb's state word as one of the known states (adb may add new ones). Pure. */
export function toDeviceState(type: string): DeviceState {
  if (type === 'emulator') return 'device';
  if (type.startsWith('no permissions')) return 'no permissions';
  return (deviceStates as readonly string[]).includes(type) ? (type as DeviceState) : 'unknown';
}

/** What a user can do about a state that blocks the phone, or null. Pure. */
export function stateHint(state: DeviceState): string | null {
  switch (state) {
    case 'unauthorized':
      return 'Unlock the phone and accept "Allow USB debugging"; if no prompt shows, revoke USB debugging authorisations on the phone and replug it.';
    case 'no permissions':
      return 'This user may not open the USB device: add a udev rule for the phone (plugdev group, see developer.android.com/studio/run/device) and replug it.';
    case 'offline':
      return 'adb lost the link: the studio reconnects it when it is reachable again.';
    case 'authorizing':
    case 'connecting':
      return 'adb is still attaching the phone.';
    default:
      return null;
  }
}
