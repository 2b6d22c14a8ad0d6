import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../../shared/result';
import { elementCount, externalDataOf, onnx, toNumber, type Onnx } from '../onnx-proto';

/**
 * The float32 values of an initializer, wherever they are stored (raw_data, float_data or an
 * external file beside the model). Always a fresh, aligned array the caller may keep.
 */
export function readFloat32(tensor: Onnx.ITensorProto, modelDir: string): Result<Float32Array> {
  if (tensor.dataType !== onnx.TensorProto.DataType.FLOAT) {
    return fail('invalid-model', `Tensor ${tensor.name} is not float32`);
  }
  const count = elementCount(tensor);
  const external = externalDataOf(tensor);
  if (external) return ok(readExternal(join(modelDir, external.location), external.offset, count));
  if (tensor.rawData && tensor.rawData.length > 0) {
    // Copy: raw_data is often a Buffer view into the whole model file (Buffer#slice shares memory).
    const bytes = new Uint8Array(tensor.rawData);
    return ok(new Float32Array(bytes.buffer, 0, count));
  }
  return ok(Float32Array.from(tensor.floatData ?? []));
}

function readExternal(path: string, offset: number, count: number): Float32Array {
  const values = new Float32Array(count);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, new Uint8Array(values.buffer), 0, count * 4, offset);
  } finally {
    closeSync(fd);
  }
  return values;
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
