import type { FidelityReport, GraphArtifact, ModelInspection } from '../../shared/graph';

/** An inspection shaped like the Llama fixture's, for renderer tests. */
export const sampleInspection: ModelInspection = {
  path: '/models/llama-tiny/model.onnx',
  opset: 17,
  producer: 'pytorch 1.13.0',
  inputs: [
    { name: 'input_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
    {
      name: 'past_key_values.0.key',
      dtype: 'float32',
      shape: ['batch_size', 2, 'past_sequence_length', 32],
    },
  ],
  outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch_size', 'sequence_length', 512] }],
  opHistogram: { MatMul: 18, Add: 12, Mul: 20 },
  parameters: { count: 426112, bytesByDtype: { float32: 1704448 }, externalFiles: [] },
  convention: 'optimum',
  decoder: {
    layers: 2,
    heads: 4,
    kvHeads: 2,
    headDim: 32,
    vocab: 512,
    cacheDtype: 'float32',
    memoryElementsPerLayer: null,
    derived: [],
  },
  tokenizer: 'tokenizer.json',
};

/** The artifact a build of `sampleInspection` returns. */
export function sampleArtifact(
  scenario: GraphArtifact['scenario'],
): GraphArtifact & { dir: string } {
  const graph = (tokens: number) => ({
    file: tokens === 1 ? 'decode.onnx' : 'prefill.onnx',
    inputs: [{ name: 'input_ids', dtype: 'int64', shape: [1, tokens] }],
    outputs: [{ name: 'logits', dtype: 'float32', shape: [1, tokens, 512] }],
  });
  return {
    key: 'abc123',
    dir: '/data/artifacts/abc123',
    model: sampleInspection.path,
    modelHash: 'f00d',
    quant: 'float',
    scenario,
    toolVersion: '0.1.0/graphs-1',
    prefill: graph(scenario.chunk),
    decode: graph(1),
    quantization: [],
    keptFloat: [],
    activations: null,
    kvCacheBytes: 2 * 2 * 2 * (scenario.sink + scenario.window) * 32 * 4,
    memoryStateBytes: 0,
    tokenizer: 'tokenizer.json',
  };
}

const summary = (top1: number) => ({
  tokens: 200,
  cosineMean: 0.99,
  top1Agreement: top1,
  klMean: 0.01,
  klP95: 0.05,
});

/** A fidelity report of the sample model. */
export const sampleFidelity: FidelityReport = {
  model: sampleInspection.path,
  quant: 'int8-channel',
  scenario: { chunk: 128, sink: 4, window: 512, memory: 'off' },
  prompts: 2,
  cache: summary(0.97),
  quantization: summary(0.995),
  total: summary(0.96),
  tasks: null,
};
