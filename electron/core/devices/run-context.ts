import { studioVersion } from '../paths';
import { readDeviceDetails } from './device-details';
import type { ShellTransport } from './shell/device-shell';

/** What is saved with every run: the phone's build and state, and the software that ran it. */
export interface RunContext {
  deviceKey: string;
  capturedAt: string;
  fingerprint: string | null;
  kernel: string | null;
  governor: string | null;
  thermal: string | null;
  batteryPercent: number | null;
  batteryCelsius: number | null;
  emulated: boolean;
  studioVersion: string;
  runtime: { name: string; version: string };
}

/** Captures the run context of a phone just before a run. */
export async function captureRunContext(
  device: ShellTransport,
  deviceKey: string,
  runtime: RunContext['runtime'],
  now = new Date(),
): Promise<RunContext> {
  const details = await readDeviceDetails(device, deviceKey);
  return {
    deviceKey,
    capturedAt: now.toISOString(),
    fingerprint: details.fingerprint,
    kernel: details.kernel,
    governor: details.governor,
    thermal: details.thermal,
    batteryPercent: details.batteryPercent,
    batteryCelsius: details.batteryCelsius,
    emulated: details.emulated,
    studioVersion: studioVersion(),
    runtime,
  };
}
