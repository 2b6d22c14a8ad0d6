import adbkit from '@devicefarmer/adbkit';
import type { Client, ClientOptions } from '@devicefarmer/adbkit';

/**
 * adbkit is CommonJS with `exports.default`: Node's ESM loader (tsx, the CLI) gives the whole
 * exports object as the default import while bundlers and Vitest give `exports.default`. This
 * resolves the Adb class either way.
 */
const AdbClass = ((adbkit as unknown as { Adb?: typeof adbkit }).Adb ?? adbkit) as typeof adbkit;

/** An adbkit client of one adb server. */
export function createAdbClient(options: ClientOptions): Client {
  return AdbClass.createClient(options);
}

/** Reads a whole adbkit stream. */
export function readAll(stream: Parameters<typeof adbkit.util.readAll>[0]): Promise<Buffer> {
  return AdbClass.util.readAll(stream);
}
