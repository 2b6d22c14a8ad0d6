import type { Command } from 'commander';
import { isLoopbackHost } from '../core/devices/loopback-host';
import { startWebHost } from '../web/web-host';
import { createLogger } from '../core/log';
import { rendererDir } from '../core/paths';
import { UsageError, type GlobalOptions } from './global-options';
import { openCore } from './cli-studio';
import { numberOption } from './cli-options';
import { untilInterrupted } from './interrupt';
import { CommandFailure } from './command-output';
import type { EmulatedFarm } from './emulated-farm';
import { formatHostPort } from '../../shared/host-port';
import type { StudioError } from '../../shared/result';
import type { AdbServer } from '../core/devices/adb-server';

interface ServeOptions {
  port: string;
  host: string;
  emulate?: string;
  emulateIfNone?: string;
}

/** `edge-studio serve`: the web host, until interrupted. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the studio in a browser (web host) until interrupted')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option(
      '--host <address>',
      'address to bind; anything but loopback is reachable by others',
      '127.0.0.1',
    )
    .option(
      '--emulate <n>',
      'start N emulated phones on the local adb server (SIGUSR1 toggles the first offline/online)',
    )
    .option('--emulate-if-none <n>', 'start N emulated phones only when adb lists no phone')
    .action(async (options: ServeOptions, command: Command) => {
      await serve(options, command.optsWithGlobals<GlobalOptions>());
    });
}

async function serve(options: ServeOptions, globals: GlobalOptions): Promise<void> {
  const port = numberOption('--port', options.port, { max: 65535, whole: true });
  const { core, context } = openCore(globals, 'web');
  const emulated = await maybeEmulate(options, context.farm[0]!).catch(async (error: unknown) => {
    core.close();
    throw error;
  });
  const log = createLogger(core.events, 'web');
  const started = await startWebHost(
    { host: options.host, port, rendererDir: rendererDir() },
    { ...core, log },
  );
  if (!started.ok) {
    core.close();
    await emulated?.stop();
    throw refusal(started.error);
  }
  const host = started.value;
  if (!isLoopbackHost(options.host)) {
    console.warn(
      `warning: serving on ${options.host}: anyone who can reach it and has the token can drive your phones`,
    );
  }
  console.log(`Edge Studio at ${host.url}`);
  const address = formatHostPort({ host: options.host, port: host.port });
  log.info(`Web host listening on ${address}, data in ${context.dataDir}`);
  core.warmCompare();
  const toggle = () => void emulated?.toggleFirst();
  process.on('SIGUSR1', toggle);
  await untilInterrupted();
  process.off('SIGUSR1', toggle);
  await host.close();
  core.close();
  await emulated?.stop();
}

/** Why the web host did not start: a bad --host or --port is a usage error, else a failure. */
function refusal(error: StudioError): Error {
  return error.code === 'invalid-args'
    ? new UsageError(error.message)
    : new CommandFailure(error.message);
}

/** Starts the emulated phones `--emulate` / `--emulate-if-none` ask for, labelled as such. */
async function maybeEmulate(options: ServeOptions, local: AdbServer): Promise<EmulatedFarm | null> {
  const text = options.emulate ?? options.emulateIfNone;
  if (text === undefined) return null;
  const count = numberOption('--emulate', text, { min: 1, max: 64, whole: true });
  // The emulator loads only when asked for, keeping it off the web host's start-up path.
  const { hasNoPhones, localTarget, startEmulatedFarm } = await import('./emulated-farm');
  const target = localTarget(local);
  if (!target.ok) throw new UsageError(target.error.message);
  if (options.emulate === undefined && !(await hasNoPhones(target.value))) return null;
  const farm = await startEmulatedFarm(target.value, count);
  if (!farm.ok) throw new CommandFailure(farm.error.message);
  for (const phone of farm.value.phones) {
    console.log(
      `Emulated phone ${phone.serial} ${phone.preset.model} at ${phone.address} (emulated)`,
    );
  }
  return farm.value;
}
