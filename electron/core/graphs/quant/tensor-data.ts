import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../../shared/result';
import { elementCount, externalDataOf, onnx, toNumber, type Onnx } from '../onnx-proto';

/** Where a float32 tensor's values are: a range of an external data file, or in memory. */
export type FloatSource =
  { path: string; offset: number; count: number } | { values: Float32Array };

/**
 * Where an initializer's float32 values are (raw_data, float_data or an external file beside the
 * model), without reading an external file: whoever needs the values reads them by offset.
 */
export function floatSource(tensor: Onnx.ITensorProto, modelDir: string): Result<FloatSource> {
  if (tensor.dataType !== onnx.TensorProto.DataType.FLOAT) {
    return fail('invalid-model', `Tensor ${tensor.name} is not float32`);
  }
  const count = elementCount(tensor);
  const external = externalDataOf(tensor);
  if (external)
    return ok({ path: join(modelDir, external.location), offset: external.offset, count });
  if (tensor.rawData && tensor.rawData.length > 0) {
    // Copy: raw_data is often a Buffer view into the whole model file (Buffer#slice shares memory).
    const bytes = new Uint8Array(tensor.rawData);
    return ok({ values: new Float32Array(bytes.buffer, 0, count) });
  }
  return ok({ values: Float32Array.from(tensor.floatData ?? []) });
}

/** The values of a float source; an external range is read now, by offset. */
export function readFloatSource(source: FloatSource): Float32Array {
  if ('values' in source) return source.values;
  const values = new Float32Array(source.count);
  readRange(source.path, source.offset, new Uint8Array(values.buffer));
  return values;
}

/**
 * The float32 values of an initializer, wherever they are stored. Always a fresh, aligned array
 * the caller may keep.
 */
export function readFloat32(tensor: Onnx.ITensorProto, modelDir: string): Result<Float32Array> {
  const source = floatSource(tensor, modelDir);
  return source.ok ? ok(readFloatSource(source.value)) : source;
}

/** Fills `into` from `path` at `offset`; one read() returns at most ~2 GiB, so it loops. */
export function readRange(path: string, offset: number, into: Uint8Array): void {
  const fd = openSync(path, 'r');
  try {
    for (let done = 0; done < into.length;) {
      const read = readSync(fd, into, done, into.length - done, offset + done);
      if (read === 0) throw new Error(`${path} ends before byte ${offset + into.length}`);
      done += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** A new initializer holding `bytes` as raw data. */
export function rawTensor(
  name: string,
  dataType: number,
  dims: readonly number[],
  bytes: ArrayBufferView,
): Onnx.TensorProto {
  return onnx.TensorProto.create({
    name,
    dataType,
    dims: [...dims],
    rawData: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
}

/** Dims of a tensor as plain numbers. */
export function dimsOf(tensor: Onnx.ITensorProto): number[] {
  return (tensor.dims ?? []).map((dim) => toNumber(dim));
}
