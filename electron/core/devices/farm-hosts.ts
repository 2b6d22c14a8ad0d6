import { formatHostPort, parseHostPort, type HostPort } from '../../../shared/host-port';
import { fail, ok, type Result } from '../../../shared/result';

const defaultPort = 5037;

/**
 * The default adb server, by adb's own conventions: `ADB_SERVER_SOCKET=tcp:HOST:PORT`, else
 * `ANDROID_ADB_SERVER_PORT` on 127.0.0.1, else 127.0.0.1:5037.
 */
export function defaultAdbServer(env: NodeJS.ProcessEnv = process.env): Result<HostPort> {
  const socket = env.ADB_SERVER_SOCKET;
  if (socket) {
    const address = socket.startsWith('tcp:') ? socket.slice(4) : socket;
    const parsed = parseHostPort(address);
    return parsed.ok ? parsed : fail('invalid-args', `ADB_SERVER_SOCKET: ${parsed.error.message}`);
  }
  const portText = env.ANDROID_ADB_SERVER_PORT;
  if (portText) return parseHostPort(`127.0.0.1:${portText}`);
  return ok({ host: '127.0.0.1', port: defaultPort });
}

/** The farm: every `--adb` given, or the default server when none is. */
export function resolveFarm(
  options: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Result<string[]> {
  if (options.length === 0) {
    const fallback = defaultAdbServer(env);
    return fallback.ok ? ok([formatHostPort(fallback.value)]) : fallback;
  }
  const hosts: string[] = [];
  for (const option of options) {
    const parsed = parseHostPort(option);
    if (!parsed.ok) return fail('invalid-args', `--adb ${parsed.error.message}`);
    hosts.push(formatHostPort(parsed.value));
  }
  return ok([...new Set(hosts)]);
}
