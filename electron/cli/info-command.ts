import type { Command } from 'commander';
import type { AppInfo } from '../../shared/app-info';
import { call, withStudio } from './cli-studio';

/** `edge-studio info`: versions, adb and the data dir, as the Environment view shows them. */
export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('print studio, Node, onnxruntime-node and adb versions, the data dir and the farm')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const info = await withStudio(command, ({ studio }) => call(studio, 'app:info', {}));
      console.log(options.json ? JSON.stringify(info, null, 2) : formatInfo(info));
    });
}

function formatInfo(info: AppInfo): string {
  const found = (probe: { found: boolean; reason?: string }, text: string) =>
    probe.found ? text : `not found (${probe.reason})`;
  return [
    `studio       ${info.studioVersion}`,
    `node         ${info.node} (${info.platform})`,
    `onnxruntime  ${found(info.onnxruntime, info.onnxruntime.found ? info.onnxruntime.version : '')}`,
    `adb          ${found(info.adb, info.adb.found ? `${info.adb.version} at ${info.adb.path}` : '')}`,
    `data dir     ${info.dataDir}`,
    `farm         ${info.farm.join(', ')}`,
  ].join('\n');
}
