import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runnerEventSchema } from '../../../../../shared/runner-events';
import { parseRuntimeOutput, runtimeTools, type RuntimeTool } from './runtime-output';
import { fixture } from './fixtures/read-fixture';

const captures: Record<RuntimeTool, string> = {
  onnxruntime_perf_test: 'ort-pixel6-lutnn.txt',
  'llama-bench': 'llama-bench-md-hexagon-android.txt',
  'executorch-llama': 'executorch-kleidiai-android.txt',
};

describe('parseRuntimeOutput', () => {
  it.each(runtimeTools)('%s: contract events ending in done, and what is missing', (tool) => {
    const result = parseRuntimeOutput(tool, fixture(captures[tool]));
    if (!result.ok) throw new Error(result.error.message);
    for (const event of result.value.events)
      expect(runnerEventSchema.safeParse(event).success).toBe(true);
    expect(result.value.events.at(-1)).toEqual({ ev: 'done' });
    expect(result.value.missing.length).toBeGreaterThan(0);
  });

  it.each(
    runtimeTools.flatMap((tool) =>
      runtimeTools.filter((other) => other !== tool).map((other) => [tool, other] as const),
    ),
  )('%s refuses the output of %s with a coded error', (tool, other) => {
    const result = parseRuntimeOutput(tool, fixture(captures[other]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid-frame');
  });

  it.each(runtimeTools)(
    '%s never throws on cut or spliced captures, and what it returns is contract',
    (tool) => {
      const text = fixture(captures[tool]);
      fc.assert(
        fc.property(fc.nat(text.length), fc.nat(text.length), fc.string(), (cut, at, junk) => {
          // The capture up to `at`, junk, then the capture on to `cut` (nothing more when cut <= at).
          const mangled = text.slice(0, at) + junk + text.slice(at, Math.max(at, cut));
          const result = parseRuntimeOutput(tool, mangled);
          if (result.ok) for (const event of result.value.events) runnerEventSchema.parse(event);
          else expect(result.error.code).toBe('invalid-frame');
        }),
        { numRuns: 300 },
      );
    },
  );
});
