import type { ModelInspection } from '../../../shared/graph';
import { fail, ok, type Result } from '../../../shared/result';
import { inspectModel } from './inspect';
import { resolveModelPath } from './model-source';
import { readOnnx, type LoadedModel } from './onnx-io';

/** Reads a model given as a path or `builtin:NAME`, and inspects it. */
export async function loadModel(
  model: string,
): Promise<Result<{ loaded: LoadedModel; inspection: ModelInspection }>> {
  const path = resolveModelPath(model);
  if (typeof path !== 'string') {
    return fail('not-found', `No built-in model "${path.unknownBuiltin}"`);
  }
  const loaded = await readOnnx(path);
  if (!loaded.ok) return loaded;
  return ok({ loaded: loaded.value, inspection: await inspectModel(loaded.value) });
}

/** What `graph inspect` reports for a path or `builtin:NAME`. */
export async function inspectGraphFile(model: string): Promise<Result<ModelInspection>> {
  const found = await loadModel(model);
  return found.ok ? ok(found.value.inspection) : found;
}
