import { createHash } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { fail, ok, type Result } from '../../../shared/result';
import { hashFile } from '../hash-file';
import { errorMessage } from '../log';
import { externalDataOf, onnx, type ModelProto } from './onnx-proto';

/** A decoded model with where it came from (external data paths are relative to `dir`). */
export interface LoadedModel {
  path: string;
  dir: string;
  model: ModelProto;
  externalFiles: string[];
}

/**
 * Reads and decodes an ONNX file, checking that every external-data file it names exists inside
 * the model's folder and is long enough. Bad input comes back as an `invalid-model` error saying
 * what and where.
 */
export async function readOnnx(path: string): Promise<Result<LoadedModel>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return fail('not-found', `Cannot read model ${path}: ${errorMessage(error)}`);
  }
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return fail(
      'invalid-model',
      `${path} is not a valid ONNX file (truncated or corrupt?): ${errorMessage(error)}`,
    );
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) {
    return fail('invalid-model', `${path} holds no graph: not an ONNX model, or an empty one`);
  }
  const external = await checkExternalData(model, dirname(path), path);
  return external.ok
    ? ok({ path, dir: dirname(path), model, externalFiles: external.value })
    : external;
}

async function checkExternalData(
  model: ModelProto,
  dir: string,
  path: string,
): Promise<Result<string[]>> {
  const needed = new Map<string, { tensor: string; end: number }>();
  for (const tensor of model.graph?.initializer ?? []) {
    const external = externalDataOf(tensor);
    if (!external) continue;
    const location = normalize(external.location);
    if (!location || isAbsolute(location) || location.startsWith('..')) {
      return fail(
        'invalid-model',
        `${path}: tensor ${tensor.name} points outside the model folder (${external.location})`,
      );
    }
    const end = external.offset + external.length;
    if ((needed.get(location)?.end ?? 0) < end)
      needed.set(location, { tensor: tensor.name ?? '?', end });
  }
  for (const [location, { tensor, end }] of needed) {
    const size = await stat(join(dir, location)).then(
      (s) => s.size,
      () => -1,
    );
    if (size < 0)
      return fail(
        'invalid-model',
        `${path}: external data file ${location} (tensor ${tensor}) is missing`,
      );
    if (size < end)
      return fail(
        'invalid-model',
        `${path}: external data file ${location} is truncated (${size} < ${end} bytes, tensor ${tensor})`,
      );
  }
  return ok([...needed.keys()]);
}

/** Encodes a model and writes it atomically (temporary name, then rename). */
export async function writeOnnx(model: ModelProto, path: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, onnx.ModelProto.encode(model).finish());
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Content hash of a model: its file and every external-data file it names, in order. */
export async function hashModel(loaded: LoadedModel): Promise<string> {
  const parts = [(await hashFile(loaded.path)).sha256];
  for (const file of loaded.externalFiles)
    parts.push(`${file}:${(await hashFile(join(loaded.dir, file))).sha256}`);
  return parts.length === 1
    ? (parts[0] as string)
    : createHash('sha256').update(parts.join('\n')).digest('hex');
}
