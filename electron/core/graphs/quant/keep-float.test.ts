import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onnx, type Onnx } from '../onnx-proto';
import { dynamoModels, fixtureModels } from '../testing-models';
import { keptInFloat } from './keep-float';

const graphOf = (path: string) =>
  onnx.ModelProto.decode(readFileSync(path)).graph as Onnx.GraphProto;
const kept = (path: string, options: Parameters<typeof keptInFloat>[1] = {}) => [
  ...keptInFloat(graphOf(path), options).values(),
];

describe('keptInFloat', () => {
  it.each([
    [fixtureModels.llama, 'onnx::MatMul_691', '/lm_head/MatMul'],
    [dynamoModels.llama, 'val_415', 'node_linear_14'],
  ])('keeps the output head of %s float, whatever it is called', (path, tensor, node) => {
    expect(kept(path)).toEqual([{ tensor, node, reason: 'output head' }]);
    expect(kept(path, { quantizeHead: true })).toEqual([]);
  });

  it('keeps a head tied to the embedding float, and says why when asked to quantise it', () => {
    const head = { tensor: 'lm_head.weight', node: 'node_linear_14' };
    expect(kept(dynamoModels.qwen2)).toEqual([{ ...head, reason: 'output head' }]);
    expect(kept(dynamoModels.qwen2, { quantizeHead: true })).toEqual([
      { ...head, reason: 'computed weight' },
    ]);
  });

  it('keeps the MatMuls named by exclude, and a weight read twice', () => {
    const graph = graphOf(dynamoModels.llama);
    const [first, second] = graph.node.filter((node) => node.opType === 'MatMul');
    (second as Onnx.NodeProto).input = [second?.input?.[0] ?? '', first?.input?.[1] ?? ''];
    const reasons = [...keptInFloat(graph, { exclude: ['node_linear_4'] }).values()];
    expect(reasons).toEqual([
      { tensor: 'val_106', node: 'node_linear', reason: 'shared weight' },
      { tensor: 'val_106', node: 'node_linear_1', reason: 'shared weight' },
      { tensor: 'val_254', node: 'node_linear_4', reason: 'keep-float' },
      { tensor: 'val_415', node: 'node_linear_14', reason: 'output head' },
    ]);
  });
});
