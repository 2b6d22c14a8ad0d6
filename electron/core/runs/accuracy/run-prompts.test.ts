import { describe, expect, it } from 'vitest';
import { runRequestSchema, type RunRequestInput } from '../../../../shared/run';
import { inspectModel } from '../../graphs/inspect';
import { resolveModelPath } from '../../graphs/model-source';
import { readOnnx } from '../../graphs/onnx-io';
import { fitPrompt, runPrompts } from './run-prompts';

const model = 'builtin:edge-infinite-tiny';

async function demoInspection() {
  const loaded = await readOnnx(resolveModelPath(model) as string);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return inspectModel(loaded.value);
}

async function promptsOf(request: Partial<RunRequestInput>) {
  const parsed = runRequestSchema.parse({
    device: 'h:5037/phone',
    model,
    scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
    ...request,
  });
  const prompts = await runPrompts(parsed, await demoInspection());
  if (!prompts.ok) throw new Error(prompts.error.message);
  return prompts.value;
}

describe('fitPrompt', () => {
  const prompt = { tokens: [1, 2, 3, 4, 5], answer: '42' };

  it('cuts a longer prompt to its first tokens, and repeats a shorter one to the length', () => {
    expect(fitPrompt(prompt, 3)).toEqual({ tokens: [1, 2, 3], answer: null });
    expect(fitPrompt(prompt, 12)).toEqual({
      tokens: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2],
      answer: null,
    });
  });

  it('keeps the prompt and its answer without a length, or at its own', () => {
    expect(fitPrompt(prompt, undefined)).toBe(prompt);
    expect(fitPrompt(prompt, 5)).toBe(prompt);
  });
});

describe('runPrompts on the demo model and its eval set', () => {
  it('times a prompt of each asked length, taken from the eval set', async () => {
    const plain = await promptsOf({});
    const own = plain.timed.tokens;
    expect(plain.timed.answer).not.toBeNull();
    // 256 cuts the eval prompt, three times its length repeats it.
    expect(own.length).toBeGreaterThan(256);
    const lengths = [256, 512, 3 * own.length];
    const fitted = await Promise.all(lengths.map((promptTokens) => promptsOf({ promptTokens })));
    expect(fitted.map((prompts) => prompts.timed.tokens.length)).toEqual(lengths);
    for (const prompts of fitted) {
      const { tokens } = prompts.timed;
      // The eval prompt's own tokens, from its start, repeated where it is shorter.
      expect(tokens.slice(0, Math.min(own.length, tokens.length))).toEqual(
        own.slice(0, tokens.length),
      );
      // What is scored first is what was timed; decode steps stay the dataset answer's.
      expect(prompts.scored[0]).toBe(prompts.timed);
      expect(prompts.decodeTokens).toBe(plain.decodeTokens);
    }
    const long = fitted[2]!.timed.tokens;
    expect(long.slice(own.length, 2 * own.length)).toEqual(own);
  });

  it('keeps the rest of the scored prompts as the dataset has them', async () => {
    const plain = await promptsOf({ accuracyPrompts: 3 });
    const fitted = await promptsOf({ accuracyPrompts: 3, promptTokens: 100 });
    expect(fitted.scored).toHaveLength(3);
    expect(fitted.scored[0]!.tokens).toHaveLength(100);
    expect(fitted.scored.slice(1)).toEqual(plain.scored.slice(1));
  });
});
