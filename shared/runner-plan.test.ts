import { describe, expect, it } from 'vitest';
import { runnerPlanSchema } from './runner-plan';

const plan = {
  version: 1,
  graphs: { prefill: { file: 'graph.onnx' } },
  inputs: { tokens: 'input_ids' },
  state: [],
  logits: 'logits',
  pad_token: 0,
  prompt: 'prompt.i32',
};

describe('runnerPlanSchema', () => {
  it('takes data_files (location → file) and a hold_file', () => {
    const parsed = runnerPlanSchema.safeParse({
      ...plan,
      data_files: { 'weights.data': 'cache/3f5a', 'other.data': '/abs/b' },
      hold_file: 'hold',
    });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ['data_files as a list', { data_files: ['weights.data'] }],
    ['a data file that is not a name', { data_files: { 'weights.data': '' } }],
    ['an empty location', { data_files: { '': 'cache/3f5a' } }],
    ['an empty hold_file', { hold_file: '' }],
    ['a misspelt field', { hold: 'hold' }],
  ])('refuses %s', (_, extra) => {
    expect(runnerPlanSchema.safeParse({ ...plan, ...extra }).success).toBe(false);
  });
});
