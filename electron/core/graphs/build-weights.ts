import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ok, type Result } from '../../../shared/result';
import type { LoadedModel } from './onnx-io';
import { onnx, type ModelProto, type Onnx } from './onnx-proto';
import type { TensorQuantReport } from './quant/quant-report';
import { WeightsFile, weightsFileName } from './weights-file';

/** Where quantised tensors go as they are made: the option a quantiser is handed. */
export interface WeightSink {
  store: (tensor: Onnx.ITensorProto) => Promise<Onnx.ITensorProto>;
}

/** Quantises a model's weights in place into a sink (the build decides which and how). */
export type QuantizeInto = (
  model: ModelProto,
  sink: WeightSink,
) => Promise<Result<TensorQuantReport[]>>;

export interface WrittenWeights {
  /** The model, its large initializers pointing at the artifact's weights file (in `dir`). */
  loaded: LoadedModel;
  quantization: TensorQuantReport[];
}

/**
 * Writes an artifact's weights once, for both of its graphs: `quantize` replaces the weights it
 * quantises, each stored in `weights.data` as it is made; then every other initializer a node
 * reads is copied there by range from wherever the model keeps it (small ones stay inline), and
 * those no node reads are dropped. The model is copied first: `loaded` is left as it was. Nothing
 * is ever held whole: not the float weights, nor the quantised ones, nor the encoded graph.
 */
export async function writeWeights(
  loaded: LoadedModel,
  dir: string,
  quantize: QuantizeInto,
): Promise<Result<WrittenWeights>> {
  const model = copyModel(loaded.model);
  const weights = await WeightsFile.create(dir);
  let quantization: Result<TensorQuantReport[]>;
  try {
    quantization = await quantize(model, { store: (tensor) => weights.store(tensor, loaded.dir) });
    if (quantization.ok) await storeInitializers(model.graph as Onnx.GraphProto, weights, loaded);
  } finally {
    await weights.close();
  }
  if (!quantization.ok) return quantization;
  if (!weights.used) await rm(join(dir, weightsFileName));
  const externalFiles = weights.used ? [weightsFileName] : [];
  return ok({
    loaded: { path: loaded.path, dir, model, externalFiles },
    quantization: quantization.value,
  });
}

/** The model with its own node and initializer lists (tensors are shared, never written). */
function copyModel(model: ModelProto): ModelProto {
  const graph = model.graph as Onnx.GraphProto;
  return onnx.ModelProto.create({
    ...model,
    opsetImport: (model.opsetImport ?? []).map((entry) =>
      onnx.OperatorSetIdProto.create({ ...entry }),
    ),
    graph: onnx.GraphProto.create({
      ...graph,
      node: graph.node.map((node) => onnx.NodeProto.decode(onnx.NodeProto.encode(node).finish())),
      initializer: [...graph.initializer],
      input: [...graph.input],
    }),
  });
}

/** Moves the initializers of a graph and its subgraphs into the weights file, dropping unread ones. */
async function storeInitializers(
  graph: Onnx.GraphProto,
  weights: WeightsFile,
  loaded: LoadedModel,
): Promise<void> {
  const read = namesRead(graph);
  const unread = new Set(
    graph.initializer.map((tensor) => tensor.name ?? '').filter((name) => !read.has(name)),
  );
  graph.initializer = graph.initializer.filter((tensor) => !unread.has(tensor.name ?? ''));
  // Old exports list initializers among the inputs too; an unread one must not become an input.
  graph.input = graph.input.filter((input) => !unread.has(input.name ?? ''));
  for (const [index, tensor] of graph.initializer.entries())
    graph.initializer[index] = await weights.store(tensor, loaded.dir);
  for (const subgraph of subgraphsOf(graph)) {
    for (const [index, tensor] of subgraph.initializer.entries())
      subgraph.initializer[index] = await weights.store(tensor, loaded.dir);
  }
}

/** Every name a node of the graph (or of a subgraph of it) reads, and the graph's outputs. */
function namesRead(graph: Onnx.IGraphProto, names = new Set<string>()): Set<string> {
  for (const node of graph.node ?? []) for (const input of node.input ?? []) names.add(input);
  for (const output of graph.output ?? []) names.add(output.name ?? '');
  for (const subgraph of subgraphsOf(graph)) namesRead(subgraph, names);
  return names;
}

/** The subgraphs (If/Loop/Scan bodies) of a graph's nodes, nested ones included. */
function subgraphsOf(graph: Onnx.IGraphProto): Onnx.GraphProto[] {
  const found: Onnx.GraphProto[] = [];
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) {
      for (const subgraph of [attribute.g, ...(attribute.graphs ?? [])]) {
        if (!subgraph) continue;
        found.push(subgraph as Onnx.GraphProto, ...subgraphsOf(subgraph));
      }
    }
  }
  return found;
}
