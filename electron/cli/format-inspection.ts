import { missingTokenizerNote, type ModelInspection, type TensorInfo } from '../../shared/graph';

const formatTensor = (tensor: TensorInfo) =>
  `  ${tensor.name}  ${tensor.dtype}[${tensor.shape.map((d) => d ?? '?').join(', ')}]`;

/** `graph inspect` as text: what a person reads first, then the details. */
export function formatInspection(inspection: ModelInspection): string {
  const { decoder, parameters } = inspection;
  const bytes = Object.entries(parameters.bytesByDtype).map(
    ([dtype, n]) => `${dtype} ${(n / 2 ** 20).toFixed(2)} MiB`,
  );
  const ops = Object.entries(inspection.opHistogram).sort((a, b) => b[1] - a[1]);
  return [
    `${inspection.path}`,
    `  opset ${inspection.opset}, producer ${inspection.producer || 'unknown'}, convention ${inspection.convention}`,
    `  ${parameters.count.toLocaleString('en')} parameters (${bytes.join(', ') || 'none'})`,
    decoder
      ? `  decoder: ${decoder.layers} layers, ${decoder.heads ?? '?'} heads${decoder.derived.includes('heads') ? ' (derived from the graph)' : ''}, ${decoder.kvHeads} kv heads, head dim ${decoder.headDim}, vocab ${decoder.vocab ?? '?'}`
      : '  not a decoder the studio recognises',
    ...(decoder && inspection.tokenizer === null ? [`  ${missingTokenizerNote}`] : []),
    'inputs:',
    ...inspection.inputs.map(formatTensor),
    'outputs:',
    ...inspection.outputs.map(formatTensor),
    'ops:',
    ...ops.map(([op, count]) => `  ${op} ${count}`),
  ].join('\n');
}
