import type { ModelInspection } from '../../../shared/graph';
import { fail, ok, type Result } from '../../../shared/result';
import { inspectModel } from './inspect';
import { resolveModelPath } from './model-source';
import { readOnnx } from './onnx-io';

/** Reads and inspects a model given as a path or `builtin:NAME`. */
export async function inspectGraphFile(model: string): Promise<Result<ModelInspection>> {
  const path = resolveModelPath(model);
  if (typeof path !== 'string')
    return fail('not-found', `No built-in model "${path.unknownBuiltin}"`);
  const loaded = await readOnnx(path);
  return loaded.ok ? ok(await inspectModel(loaded.value)) : loaded;
}
