import type { Command } from 'commander';
import type { RuntimeBundle } from '../../shared/runtime';
import { call, withStudio } from './cli-studio';

/**
 * `edge-studio runtime list|add|remove`: the runtime bundles per ABI, the built ones and those a
 * user registered (an NDK build with NNAPI or QNN), through the same channels as every host.
 */
export function registerRuntimeCommand(program: Command): void {
  const runtime = program
    .command('runtime')
    .description('list, register and forget edge-runner runtime bundles');
  runtime
    .command('list')
    .description('list the built bundles and the registered ones')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { bundles } = await withStudio(command, ({ studio }) =>
        call(studio, 'runtime:list', {}),
      );
      console.log(options.json ? JSON.stringify(bundles, null, 2) : formatBundles(bundles));
    });
  runtime
    .command('add')
    .description('register the bundle in DIR (its bundle.json and every file it lists are checked)')
    .argument('<dir>', 'folder holding bundle.json and the files it lists')
    .option('--label <label>', 'name shown for the bundle (default "NDK <abi> (user)")')
    .action(async (dir: string, options: { label?: string }, command: Command) => {
      const bundle = await withStudio(command, ({ studio }) =>
        call(studio, 'runtime:add', { dir, label: options.label }),
      );
      console.log(`registered ${formatBundle(bundle)}`);
    });
  runtime
    .command('remove')
    .description('forget a registered bundle (its folder is left alone)')
    .argument('<id>', 'id shown by runtime list')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStudio(command, ({ studio }) => call(studio, 'runtime:remove', { id }));
      console.log(`removed runtime ${id}`);
    });
}

/** One line per bundle. Pure. */
export function formatBundles(bundles: readonly RuntimeBundle[]): string {
  return bundles.length > 0 ? bundles.map(formatBundle).join('\n') : '(no runtime bundles)';
}

function formatBundle(bundle: RuntimeBundle): string {
  return `${bundle.id}  ${bundle.abi}  ${bundle.label}  ${bundle.hash.slice(0, 12)}  ${bundle.dir}`;
}
