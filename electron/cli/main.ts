import { Command, CommanderError } from 'commander';
import { studioVersion } from '../core/paths';
import { registerDevicesCommand } from './devices-command';
import { registerEmulateCommand } from './emulate-command';
import { addGlobalOptions, UsageError } from './global-options';
import { CommandFailure } from './command-output';
import { registerGraphCommand } from './graph-command';
import { registerInfoCommand } from './info-command';
import { registerReportCommand } from './report-command';
import { registerRunCommand } from './run-command';
import { registerRunsCommand } from './runs-command';
import { registerRuntimeCommand } from './runtime-command';
import { registerServeCommand } from './serve-command';
import { registerSweepCommand } from './sweep-command';

/** Builds the `edge-studio` program: a table of its commands. */
export function createProgram(): Command {
  const program = addGlobalOptions(
    new Command('edge-studio')
      .description('Profile on-device LLM deployments across a farm of Android phones')
      .version(studioVersion()),
  );
  registerServeCommand(program);
  registerInfoCommand(program);
  registerEmulateCommand(program);
  registerDevicesCommand(program);
  registerGraphCommand(program);
  registerRuntimeCommand(program);
  registerRunCommand(program);
  registerRunsCommand(program);
  registerSweepCommand(program);
  registerReportCommand(program);
  program.showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the CLI; usage mistakes print one line and exit 2. */
export async function runCli(argv: readonly string[]): Promise<void> {
  const program = createProgram().exitOverride();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof CommandFailure) {
      console.error(`edge-studio: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof UsageError) {
      console.error(`edge-studio: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
