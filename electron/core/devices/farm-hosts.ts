import { fail, ok, type Result } from '../../../shared/result';
import { adbServerAt, type AdbServer } from './adb-server';

const defaultPort = 5037;

/**
 * The default adb server, by adb's own conventions: `ADB_SERVER_SOCKET=tcp:HOST:PORT`, else
 * `ANDROID_ADB_SERVER_PORT` on 127.0.0.1, else 127.0.0.1:5037. A variable that is set but says
 * no address is an error: the farm it meant is not the default one.
 */
export function defaultAdbServer(env: NodeJS.ProcessEnv = process.env): Result<AdbServer> {
  const socket = env.ADB_SERVER_SOCKET;
  if (socket) {
    const server = adbServerAt(socket.startsWith('tcp:') ? socket.slice(4) : socket);
    if (server.ok) return server;
    return fail('invalid-args', `ADB_SERVER_SOCKET="${socket}" is not tcp:HOST:PORT`);
  }
  const portText = env.ANDROID_ADB_SERVER_PORT;
  if (portText) {
    const server = adbServerAt(`127.0.0.1:${portText}`);
    if (server.ok) return server;
    return fail('invalid-args', `ANDROID_ADB_SERVER_PORT="${portText}" is not a port`);
  }
  return adbServerAt(`127.0.0.1:${defaultPort}`);
}

/** The farm: every `--adb` given (the first occurrence of each), or the default server when none is. */
export function resolveFarm(
  options: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Result<AdbServer[]> {
  if (options.length === 0) {
    const fallback = defaultAdbServer(env);
    return fallback.ok ? ok([fallback.value]) : fallback;
  }
  const servers = new Map<string, AdbServer>();
  for (const option of options) {
    const server = adbServerAt(option);
    if (!server.ok) return fail('invalid-args', `--adb ${server.error.message}`);
    if (!servers.has(server.value.address)) servers.set(server.value.address, server.value);
  }
  return ok([...servers.values()]);
}
