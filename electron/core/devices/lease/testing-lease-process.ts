import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Starts another process (its own adb client) holding the lease of the phone at `address` on
 * the adb server at `port` as `owner` (testing-lease-holder.ts); resolves once it holds it.
 * SIGTERM makes it release the lease and exit.
 */
export async function startLeaseHolder(
  port: number,
  address: string,
  owner: string,
): Promise<ChildProcess> {
  const script = join(import.meta.dirname, 'testing-lease-holder.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(port), address, owner], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line === 'held') return child;
    throw new Error(`holder said ${line}`);
  }
  throw new Error('holder exited');
}
