import { describe, expect, it } from 'vitest';
import { buildRequestSchema, fidelityRequestSchema } from './build-request';
import { describeZodError } from './result';

const scenario = { chunk: 8, sink: 2, window: 16, memory: 'off' } as const;

describe('build requests', () => {
  it('fills every option a build has, so each command that builds gets them all', () => {
    expect(buildRequestSchema.parse({ model: 'm.onnx', scenario })).toEqual({
      model: 'm.onnx',
      scenario,
      quant: 'float',
      calibration: { method: { kind: 'minmax' } },
      keepFloat: [],
      quantizeHead: false,
    });
    const fidelity = fidelityRequestSchema.parse({
      model: 'm.onnx',
      scenario,
      dataset: 'd.jsonl',
      keepFloat: ['mlp'],
    });
    expect(fidelity.keepFloat).toEqual(['mlp']);
  });

  it.each([
    ['int4-g32', 'int4-g32:nbits'],
    ['int4-g32:nbits', 'int4-g32:nbits'],
    ['int8-channel', 'int8-channel:qdq'],
    ['int8-g64-asym+a16', 'int8-g64-asym+a16:qdq'],
    ['float', 'float'],
  ])('carries the spec %s on as %s', (quant, canonical) => {
    expect(buildRequestSchema.parse({ model: 'm.onnx', scenario, quant }).quant).toBe(canonical);
  });

  it('names each bad field, and refuses fields it does not know', () => {
    const parsed = buildRequestSchema.safeParse({
      model: 'm.onnx',
      scenario: { ...scenario, chunk: 0 },
      quant: 'int4-g48',
      calibration: { method: { kind: 'percentile', percent: 20 } },
    });
    expect(!parsed.success && describeZodError(parsed.error)).toMatch(
      /^scenario\.chunk: chunk must be at least 1; quant: Unknown quant spec "int4-g48": expected .*; calibration\.method\.percent: the percentile must be above 50$/,
    );
    expect(
      buildRequestSchema.safeParse({ model: 'm.onnx', scenario, keepfloat: ['x'] }).success,
    ).toBe(false);
  });
});
