import { join } from 'node:path';
import { fail, ok, type Result } from '../../../../shared/result';
import type { RuntimeBundle } from '../../../../shared/runtime';
import type { RuntimeRepo } from '../../store/runtime-repo';
import { bundleAbis, readBundle, type BundleManifest } from './runtime-bundle';

/**
 * The runtime bundles this studio can run: those the setup step built under `builtRoot`
 * (`out/runtime/<abi>`, never stored, ids `built:<abi>`), then those users registered.
 */
export class RuntimeCatalog {
  constructor(
    readonly repo: RuntimeRepo,
    private readonly builtRoot: string,
  ) {}

  async list(): Promise<RuntimeBundle[]> {
    return [...(await this.#built()), ...this.repo.list()];
  }

  /**
   * The bundle a run on a phone of `abi` uses: the one named by `id`, which must be of that ABI,
   * else the built bundle of the ABI. Its manifest is read (and so checked) again here.
   */
  async pick(
    abi: string,
    id: string | undefined,
  ): Promise<Result<{ bundle: RuntimeBundle; manifest: BundleManifest }>> {
    const bundles = await this.list();
    const bundle = bundles.find((candidate) => (id ? candidate.id === id : candidate.abi === abi));
    if (!bundle) {
      const known = bundles.map((candidate) => `${candidate.id} (${candidate.abi})`).join(', ');
      return fail(
        'not-installed',
        id
          ? `No runtime bundle ${id}; known: ${known || 'none'}`
          : `No runtime bundle for ${abi} phones (known: ${known || 'none'}); build one with npm run setup or register an NDK build with runtime add`,
      );
    }
    if (bundle.abi !== abi) {
      return fail('invalid-args', `Runtime ${bundle.id} is for ${bundle.abi}; the phone is ${abi}`);
    }
    const manifest = await readBundle(bundle.dir);
    return manifest.ok ? ok({ bundle, manifest: manifest.value }) : manifest;
  }

  async #built(): Promise<RuntimeBundle[]> {
    const found = await Promise.all(
      bundleAbis.map(async (abi): Promise<RuntimeBundle | null> => {
        const dir = join(this.builtRoot, abi);
        const manifest = await readBundle(dir);
        if (!manifest.ok) return null;
        const { hash } = manifest.value;
        const label = `built ${abi}`;
        return { id: `built:${abi}`, source: 'built', abi, dir, hash, label, addedAt: null };
      }),
    );
    return found.filter((bundle) => bundle !== null);
  }
}
