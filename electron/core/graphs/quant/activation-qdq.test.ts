import { describe, expect, it } from 'vitest';
import { onnx } from '../onnx-proto';
import { insertActivationQdq, matmulActivations } from './activation-qdq';
import { rawTensor } from './tensor-data';

/** y = softmax(a · b) · w: one MatMul of two activations, one with a weight. */
function attentionLike() {
  return onnx.ModelProto.create({
    irVersion: 10,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      node: [
        { name: 'scores', opType: 'MatMul', input: ['a', 'b'], output: ['s'] },
        { name: 'softmax', opType: 'Softmax', input: ['s'], output: ['p'] },
        { name: 'proj', opType: 'MatMul', input: ['p', 'w'], output: ['y'] },
      ],
      initializer: [rawTensor('w', 1, [2, 2], Float32Array.of(1, 0, 0, 1))],
    },
  });
}

describe('activation Q/DQ', () => {
  it('finds both activation inputs of a MatMul but never a weight', () => {
    expect(matmulActivations(attentionLike())).toEqual(['a', 'b', 'p']);
  });

  it('skips weights that weight PTQ already dequantises', () => {
    const model = attentionLike();
    const graph = model.graph as NonNullable<typeof model.graph>;
    graph.node?.unshift(
      onnx.NodeProto.create({
        opType: 'DequantizeLinear',
        input: ['w_q', 'w_s'],
        output: ['w_dq'],
      }),
    );
    graph.node?.forEach((node) => node.name === 'proj' && (node.input = ['p', 'w_dq']));
    expect(matmulActivations(model)).toEqual(['a', 'b', 'p']);
  });

  it('puts a Q/DQ pair on each activation, in topological order, and rewires its MatMuls', () => {
    const model = attentionLike();
    const params = new Map(['a', 'b', 'p'].map((name) => [name, { scale: 0.1, zeroPoint: 128 }]));
    insertActivationQdq(model, params, 8);
    const nodes = model.graph?.node ?? [];
    const order = nodes.map((node) => node.name);
    expect(nodes.find((node) => node.name === 'scores')?.input).toEqual(['a_dq', 'b_dq']);
    expect(nodes.find((node) => node.name === 'proj')?.input).toEqual(['p_dq', 'w']);
    expect(order.indexOf('p_QuantizeLinear')).toBeGreaterThan(order.indexOf('softmax'));
    expect(order.indexOf('p_DequantizeLinear')).toBeLessThan(order.indexOf('proj'));
    expect(order.indexOf('a_DequantizeLinear')).toBeLessThan(order.indexOf('scores'));
  });

  it('uses uint16 zero points and opset 21 for A16', () => {
    const model = attentionLike();
    insertActivationQdq(model, new Map([['p', { scale: 0.1, zeroPoint: 30000 }]]), 16);
    const zero = model.graph?.initializer?.find((tensor) => tensor.name === 'p_act_zero_point');
    expect(zero?.dataType).toBe(onnx.TensorProto.DataType.UINT16);
    expect(Number(model.opsetImport?.[0]?.version)).toBe(21);
  });
});
