import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { formatHostPort, parseHostPort } from '../../../shared/host-port';
import { processFailureCode } from '../../../shared/process-failure';
import { fail, ok, type Result } from '../../../shared/result';
import { adbServerArgs, type AdbServer } from './adb-server';
import type { EndpointLink } from './endpoint-keeper';

const run = promisify(execFile);

/** A saved endpoint in canonical form (`[::1]:5555`), or why it is not a `HOST:PORT`. */
export function endpointAddress(text: string): Result<string> {
  const parsed = parseHostPort(text.trim());
  return parsed.ok ? ok(formatHostPort(parsed.value)) : parsed;
}

/**
 * `adb [-H host] -P port connect|disconnect HOST:PORT` with the adb binary, as an argument array
 * (never a shell string). The address is parsed again here: only a `HOST:PORT` (which cannot start
 * with `-`) ever reaches adb's argv.
 */
export function adbEndpointLink(adbPath: string, server: AdbServer): EndpointLink {
  const adb = async (verb: 'connect' | 'disconnect', text: string): Promise<Result<string>> => {
    const address = endpointAddress(text);
    if (!address.ok) return address;
    try {
      const args = [...adbServerArgs(server), verb, address.value];
      const { stdout, stderr } = await run(adbPath, args, { timeout: 20_000 });
      return ok(`${stdout}${stderr}`.trim());
    } catch (error) {
      const failed = error as { stderr?: string; message: string };
      return fail(processFailureCode(error), (failed.stderr || failed.message).trim());
    }
  };
  return {
    connect: (address) => adb('connect', address),
    disconnect: (address) => adb('disconnect', address),
  };
}
