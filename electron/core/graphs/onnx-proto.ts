import { createRequire } from 'node:module';
import type * as OnnxProtoModule from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

// onnx-proto is CommonJS whose `onnx` export Node's ESM loader cannot see: require it.
const require = createRequire(import.meta.url);

/** The protobufjs classes of the ONNX schema (values); `Onnx` is the same namespace for types. */
export const onnx = (require('onnx-proto') as typeof OnnxProtoModule).onnx;
export type { Onnx };
export type ModelProto = Onnx.ModelProto;
export type ValueInfo = Onnx.IValueInfoProto;
export type Tensor = Onnx.ITensorProto;

/** Protobuf int64 fields arrive as Long objects or numbers; dims fit in a double. */
export function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** ONNX TensorProto.DataType → name and bytes per element (4-bit types count as 0.5). */
export const dataTypes: Record<number, { name: string; bytes: number }> = {
  1: { name: 'float32', bytes: 4 },
  2: { name: 'uint8', bytes: 1 },
  3: { name: 'int8', bytes: 1 },
  4: { name: 'uint16', bytes: 2 },
  5: { name: 'int16', bytes: 2 },
  6: { name: 'int32', bytes: 4 },
  7: { name: 'int64', bytes: 8 },
  9: { name: 'bool', bytes: 1 },
  10: { name: 'float16', bytes: 2 },
  11: { name: 'float64', bytes: 8 },
  12: { name: 'uint32', bytes: 4 },
  13: { name: 'uint64', bytes: 8 },
  16: { name: 'bfloat16', bytes: 2 },
  21: { name: 'uint4', bytes: 0.5 },
  22: { name: 'int4', bytes: 0.5 },
};

export function dataTypeName(type: number | null | undefined): string {
  return dataTypes[type ?? 0]?.name ?? `type${type ?? '?'}`;
}

/** A value's dims: numbers where fixed, the dim_param name where symbolic, null where unknown. */
export function shapeOf(info: ValueInfo): (number | string | null)[] {
  const dims = info.type?.tensorType?.shape?.dim ?? [];
  return dims.map((dim) => {
    if (dim.dimParam) return dim.dimParam;
    if (dim.dimValue !== null && dim.dimValue !== undefined) return toNumber(dim.dimValue);
    return null;
  });
}

/** Element count of an initializer. */
export function elementCount(tensor: Tensor): number {
  return (tensor.dims ?? []).reduce<number>((product, dim) => product * toNumber(dim), 1);
}

/** The external-data entries of a tensor stored outside the model file. */
export function externalDataOf(
  tensor: Tensor,
): { location: string; offset: number; length: number } | null {
  if (tensor.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) return null;
  const entries = new Map((tensor.externalData ?? []).map((entry) => [entry.key, entry.value]));
  return {
    location: entries.get('location') ?? '',
    offset: Number(entries.get('offset') ?? 0),
    length: Number(
      entries.get('length') ?? elementCount(tensor) * (dataTypes[tensor.dataType ?? 0]?.bytes ?? 0),
    ),
  };
}
