import adbkit from '@devicefarmer/adbkit';
import type { Client, ClientOptions } from '@devicefarmer/adbkit';

/**
 * adbkit is CommonJS with `exports.default`: Node's ESM loader (tsx, the CLI) gives the whole
 * exports object as the default import while bundlers and Vitest give `exports.default`. This
 * resolves the Adb class either way.
 */
const AdbClass = ((adbkit as unknown as { Adb?: typeof adbkit }).Adb ?? adbkit) as typeof adbkit;

/**
 * An adbkit client of one adb server. adbkit re-emits every connection's socket error on the
 * client, and an EventEmitter with no 'error' listener throws: a late EPIPE from a phone that
 * dropped mid-push crashed the process that way. Each operation already reports its own failure
 * (a rejected promise, a transfer 'error'), so the client-level copy is only noted here.
 */
export function createAdbClient(options: ClientOptions): Client {
  const client = AdbClass.createClient(options);
  client.on('error', () => undefined);
  return client;
}

/** Reads a whole adbkit stream. */
export function readAll(stream: Parameters<typeof adbkit.util.readAll>[0]): Promise<Buffer> {
  return AdbClass.util.readAll(stream);
}
