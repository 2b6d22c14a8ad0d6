import type { Command } from 'commander';
import type { InvokeArgs, InvokeChannel, InvokeValue, StudioApi } from '../../shared/contract';
import { createLocalStudio } from '../../shared/local-studio';
import type { HostContext } from '../core/app/app-info';
import { createStudioCore, type StudioCore } from '../core/studio-core';
import { CommandFailure } from './command-output';
import { hostContextFrom, UsageError, type GlobalOptions } from './global-options';

/** What a command holds while the core is open: the contract's API, and where it runs. */
export interface CliStudio {
  studio: StudioApi;
  context: HostContext;
}

/**
 * Opens the core for the command's global options, runs `use` against it through the contract
 * (the same dispatch and schemas as Electron and the web host) and closes it however `use` ends.
 */
export async function withStudio<T>(
  command: Command,
  use: (opened: CliStudio) => Promise<T>,
): Promise<T> {
  const { core, context } = openCore(command.optsWithGlobals<GlobalOptions>(), 'cli');
  try {
    // No window shows the log here: a handler's throw (a bug) goes to stderr, stack and all.
    const logError = (message: string) => console.error(`edge-studio: ${message}`);
    const studio = createLocalStudio(core.handlers, core.events, logError);
    return await use({ studio, context });
  } finally {
    core.close();
  }
}

/** The core itself, for the one command that hosts it for others (`serve`). */
export function openCore(
  globals: GlobalOptions,
  host: HostContext['host'],
): { core: StudioCore; context: HostContext } {
  const context = hostContextFrom(globals, host);
  return { core: createStudioCore(context), context };
}

/**
 * Invokes a channel and returns its value. Arguments the channel's schema refuses are a usage
 * error (exit 2) with the schema's message; any other failure ends the command (exit 1).
 */
export async function call<C extends InvokeChannel>(
  studio: StudioApi,
  channel: C,
  args: InvokeArgs<C>,
): Promise<InvokeValue<C>> {
  const result = await studio.invoke(channel, args);
  if (result.ok) return result.value;
  const { code, message } = result.error;
  throw code === 'invalid-args' ? new UsageError(message) : new CommandFailure(message);
}
