import { join, resolve } from 'node:path';
import type { InvokeHandlers } from '../../../../shared/contract';
import { fail, ok } from '../../../../shared/result';
import type { RuntimeBundle } from '../../../../shared/runtime';
import type { RuntimeRepo } from '../../store/runtime-repo';
import { bundleAbis, readBundle } from './runtime-bundle';
import { verifyBundle } from './verify-bundle';

/**
 * Handlers of the `runtime:*` channels: the bundles the setup step built under `builtRoot`
 * (`out/runtime/<abi>`, listed, never stored) and those users registered in the store.
 */
export function runtimeHandlers(
  repo: RuntimeRepo,
  builtRoot: string,
): Pick<InvokeHandlers, 'runtime:list' | 'runtime:add' | 'runtime:remove'> {
  return {
    'runtime:list': async () =>
      ok({ bundles: [...(await builtBundles(builtRoot)), ...repo.list()] }),
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

async function builtBundles(root: string): Promise<RuntimeBundle[]> {
  const found = await Promise.all(
    bundleAbis.map(async (abi): Promise<RuntimeBundle | null> => {
      const dir = join(root, abi);
      const manifest = await readBundle(dir);
      if (!manifest.ok) return null;
      const { hash } = manifest.value;
      return {
        id: `built:${abi}`,
        source: 'built',
        abi,
        dir,
        hash,
        label: `built ${abi}`,
        addedAt: null,
      };
    }),
  );
  return found.filter((bundle) => bundle !== null);
}
