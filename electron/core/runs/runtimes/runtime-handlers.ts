import { resolve } from 'node:path';
import type { InvokeHandlers } from '../../../../shared/contract';
import { fail, ok } from '../../../../shared/result';
import type { RuntimeCatalog } from './runtime-catalog';
import { verifyBundle } from './verify-bundle';

/**
 * Handlers of the `runtime:*` channels: the bundles the setup step built (listed, never stored)
 * and those users registered in the store.
 */
export function runtimeHandlers(
  catalog: RuntimeCatalog,
): Pick<InvokeHandlers, 'runtime:list' | 'runtime:add' | 'runtime:remove'> {
  const { repo } = catalog;
  return {
    'runtime:list': async () => ok({ bundles: await catalog.list() }),
    'runtime:add': async ({ dir, label }) => {
      const folder = resolve(dir);
      const manifest = await verifyBundle(folder);
      if (!manifest.ok) return manifest;
      const same = repo.list().find((bundle) => bundle.dir === folder);
      if (same) return fail('invalid-args', `${folder} is already registered (id ${same.id})`);
      const { abi, hash } = manifest.value;
      return ok(repo.add({ abi, dir: folder, hash, label: label ?? `NDK ${abi} (user)` }));
    },
    'runtime:remove': async ({ id }) => {
      if (id.startsWith('built:')) {
        return fail('invalid-args', `${id} is built by the setup step and cannot be removed`);
      }
      const removed = /^\d+$/.test(id) && repo.remove(Number(id));
      return removed ? ok({ removed: true }) : fail('not-found', `no registered runtime ${id}`);
    },
  };
}
