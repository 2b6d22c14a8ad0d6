import type { Command } from 'commander';
import { isLoopbackHost } from '../web/auth';
import { startWebHost } from '../web/web-host';
import { createLogger } from '../core/log';
import { createStudioCore } from '../core/studio-core';
import { rendererDir } from '../core/paths';
import { hostContextFrom, UsageError, type GlobalOptions } from './global-options';

interface ServeOptions {
  port: string;
  host: string;
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
    .action(async (options: ServeOptions, command: Command) => {
      await serve(options, command.optsWithGlobals<GlobalOptions>());
    });
}

async function serve(options: ServeOptions, globals: GlobalOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${options.port}"`);
  }
  if (!isLoopbackHost(options.host)) {
    console.warn(
      `warning: serving on ${options.host}: anyone who can reach it and has the token can drive your phones`,
    );
  }
  const context = hostContextFrom(globals, 'web');
  const core = createStudioCore(context);
  const log = createLogger(core.events, 'web');
  const host = await startWebHost(
    { host: options.host, port, rendererDir: rendererDir() },
    { ...core, log },
  );
  console.log(`Edge Studio at ${host.url}`);
  log.info(`Web host listening on ${options.host}:${host.port}, data in ${context.dataDir}`);
  await untilInterrupted();
  await host.close();
  core.close();
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
