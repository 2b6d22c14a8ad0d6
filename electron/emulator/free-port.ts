import { createServer } from 'node:net';
import { reservedPorts } from './emulated-phone';

/** A free TCP port on loopback, outside adb's auto-attached emulator range. */
export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    await new Promise((resolve) => server.close(resolve));
    if (port < reservedPorts.first || port > reservedPorts.last) return port;
  }
}
