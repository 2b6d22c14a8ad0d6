import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecoderGeometry, ModelInspection, TensorInfo } from '../../../shared/graph';
import type { LoadedModel } from './onnx-io';
import { findQueryProjection } from './graph-structure';
import { detectConvention, pastKeyNames } from './io-convention';
import { dataTypeName, dataTypes, elementCount, shapeOf, type ValueInfo } from './onnx-proto';
import { findTokenizer } from './tokenizer';

/** Inputs, outputs, ops, parameters, convention and decoder geometry of a loaded model. */
export async function inspectModel(loaded: LoadedModel): Promise<ModelInspection> {
  const graph = loaded.model.graph;
  const initializers = new Set((graph?.initializer ?? []).map((tensor) => tensor.name));
  const inputs = (graph?.input ?? [])
    .filter((input) => !initializers.has(input.name))
    .map(tensorInfo);
  const outputs = (graph?.output ?? []).map(tensorInfo);
  const convention = detectConvention(
    inputs.map((i) => i.name),
    outputs.map((o) => o.name),
  );
  return {
    path: loaded.path,
    opset: defaultOpset(loaded),
    producer: `${loaded.model.producerName ?? ''} ${loaded.model.producerVersion ?? ''}`.trim(),
    inputs,
    outputs,
    opHistogram: opHistogram(loaded),
    parameters: { ...parameterStats(loaded), externalFiles: loaded.externalFiles },
    convention,
    decoder: convention === 'unknown' ? null : await decoderGeometry(loaded, inputs, outputs),
    tokenizer: await findTokenizer(convention, loaded.path),
  };
}

function tensorInfo(info: ValueInfo): TensorInfo {
  return {
    name: info.name ?? '',
    dtype: dataTypeName(info.type?.tensorType?.elemType),
    shape: shapeOf(info),
  };
}

/** Version of the default ONNX domain the graph imports. */
export function defaultOpset(loaded: LoadedModel): number {
  const entry = loaded.model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx');
  return Number(entry?.version ?? 0);
}

function opHistogram(loaded: LoadedModel): Record<string, number> {
  const histogram: Record<string, number> = {};
  for (const node of loaded.model.graph?.node ?? []) {
    const op =
      node.domain && node.domain !== 'ai.onnx'
        ? `${node.domain}.${node.opType}`
        : (node.opType ?? '?');
    histogram[op] = (histogram[op] ?? 0) + 1;
  }
  return histogram;
}

function parameterStats(loaded: LoadedModel) {
  let count = 0;
  const bytesByDtype: Record<string, number> = {};
  for (const tensor of loaded.model.graph?.initializer ?? []) {
    const elements = elementCount(tensor);
    const type = dataTypes[tensor.dataType ?? 0];
    count += elements;
    const name = type?.name ?? dataTypeName(tensor.dataType);
    bytesByDtype[name] = (bytesByDtype[name] ?? 0) + Math.ceil(elements * (type?.bytes ?? 0));
  }
  return { count, bytesByDtype };
}

async function decoderGeometry(
  loaded: LoadedModel,
  inputs: TensorInfo[],
  outputs: TensorInfo[],
): Promise<DecoderGeometry> {
  const keys = pastKeyNames(inputs.map((input) => input.name));
  const firstKey = inputs.find((input) => input.name === keys[0]) as TensorInfo;
  const memory = inputs.find((input) => input.name === 'memory.0.matrix');
  const norm = inputs.find((input) => input.name === 'memory.0.norm');
  const numeric = (dim: unknown) => (typeof dim === 'number' ? dim : null);
  const vocab = numeric(outputs.find((output) => output.name === 'logits')?.shape.at(-1));
  const memoryElements =
    memory && norm ? product(memory.shape.slice(1)) + product(norm.shape.slice(1)) : null;
  const kvHeads = numeric(firstKey.shape[1]) ?? 0;
  const headDim = numeric(firstKey.shape[3]) ?? 0;
  const read = numeric(memory?.shape[1]) ?? (await configHeads(loaded.dir));
  const derived = read === null ? derivedHeads(loaded, firstKey.name, kvHeads, headDim) : null;
  return {
    layers: keys.length,
    heads: read ?? derived,
    kvHeads,
    headDim,
    vocab,
    cacheDtype: firstKey.dtype,
    memoryElementsPerLayer: memoryElements,
    derived: derived === null ? [] : ['heads'],
  };
}

/** Heads as the first layer's q projection width over the head dim, when the graph shows it. */
function derivedHeads(
  loaded: LoadedModel,
  pastKey: string,
  kvHeads: number,
  headDim: number,
): number | null {
  if (!loaded.model.graph || headDim === 0) return null;
  const presentKey = pastKey.replace(/^past_key_values\./, 'present.');
  const query = findQueryProjection(loaded.model.graph, presentKey, kvHeads * headDim);
  return query && query.width % headDim === 0 ? query.width / headDim : null;
}

function product(dims: (number | string | null)[]): number {
  return dims.reduce<number>((total, dim) => total * (typeof dim === 'number' ? dim : 1), 1);
}

/** `num_attention_heads` of a config.json next to the model, when there is one. */
async function configHeads(dir: string): Promise<number | null> {
  try {
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as {
      num_attention_heads?: unknown;
    };
    return typeof config.num_attention_heads === 'number' ? config.num_attention_heads : null;
  } catch {
    return null;
  }
}
