import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveModelPath } from './model-source';
import { findOutputHead, findQueryProjection } from './graph-structure';
import { onnx, type Onnx } from './onnx-proto';
import { dynamoModels, fixtureModels } from './testing-models';

const graphOf = (path: string) =>
  onnx.ModelProto.decode(readFileSync(path)).graph as Onnx.GraphProto;

describe('graph structure', () => {
  it.each([
    [fixtureModels.llama, '/lm_head/MatMul', 'onnx::MatMul_691'],
    [dynamoModels.llama, 'node_linear_14', 'val_415'],
    [dynamoModels.llamaExternal, 'node_linear_14', 'val_415'],
    // Tied to the embedding: a MatMul on the transposed embedding table.
    [dynamoModels.qwen2, 'node_linear_14', 'val_421'],
  ])('finds the output head of %s by structure: %s', (path, node, weight) => {
    const head = findOutputHead(graphOf(path));
    expect([head?.name, head?.input?.[1]]).toEqual([node, weight]);
  });

  it('finds no head where logits come from no weight MatMul', () => {
    const graph = graphOf(dynamoModels.llama);
    const head = graph.node.find((node) => node.output?.includes('logits')) as Onnx.NodeProto;
    head.input = ['mul_814', 'mul_814'];
    expect(findOutputHead(graph)).toBeNull();
  });

  it.each([
    [fixtureModels.qwen2, 'present.1.key', '/layers.1/self_attn/q_proj/MatMul'],
    [dynamoModels.llama, 'present.0.key', 'node_linear'],
    [dynamoModels.qwen2, 'present.1.key', 'node_MatMul_266'],
  ])('finds the q projection of %s feeding the scores of %s', (path, key, node) => {
    expect(findQueryProjection(graphOf(path), key, 2 * 32)).toMatchObject({
      node: { name: node },
      width: 128,
    });
  });

  it('does not take a fused QKV projection, or a key of another width, for the query', () => {
    // The demo model's full-context export projects q, k and v with one MatMul.
    const full = graphOf(
      (resolveModelPath('builtin:edge-infinite-tiny') as string).replace(
        /_stream\.onnx$/,
        '_full.onnx',
      ),
    );
    expect(findQueryProjection(full, 'present.0.key', 4 * 64)).toBeNull();
    expect(findQueryProjection(graphOf(dynamoModels.llama), 'present.0.key', 3 * 32)).toBeNull();
  });
});
