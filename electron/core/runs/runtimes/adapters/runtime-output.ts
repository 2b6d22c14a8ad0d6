import { assertNever, fail, type Result } from '../../../../../shared/result';
import { runnerEventSchema } from '../../../../../shared/runner-events';
import type { AdapterOutput } from './adapter-output';
import { parseExecutorchStats } from './executorch-stats';
import { parseLlamaBench } from './llama-bench';
import { parseOrtPerfTest } from './ort-perf-test';

export type { AdapterOutput, SummaryEvent } from './adapter-output';

/** Runtimes users already have whose output the studio reads (DESIGN.md "The device runner"). */
export const runtimeTools = ['onnxruntime_perf_test', 'llama-bench', 'executorch-llama'] as const;
export type RuntimeTool = (typeof runtimeTools)[number];

/**
 * Turns the captured output of another runtime's benchmark into edge-runner's events, so its
 * numbers land in the same tables. `onnxruntime_perf_test`: its text summary; `llama-bench`: any
 * of `-o md|csv|json|jsonl`; `executorch-llama`: the llama runner's stats (`PyTorchObserver` line
 * or the "Prompt Tokens …" lines). Output that is not the tool's is a coded error. Pure.
 */
export function parseRuntimeOutput(tool: RuntimeTool, text: string): Result<AdapterOutput> {
  const output = adapt(tool, text);
  if (!output.ok) return output;
  // The text is untrusted: a value no tool prints (a negative time) must not leave as an event.
  for (const event of output.value.events) {
    const checked = runnerEventSchema.safeParse(event);
    if (!checked.success) return fail('invalid-frame', `${tool}: out-of-range ${event.ev} event`);
  }
  return output;
}

function adapt(tool: RuntimeTool, text: string): Result<AdapterOutput> {
  switch (tool) {
    case 'onnxruntime_perf_test':
      return parseOrtPerfTest(text);
    case 'llama-bench':
      return parseLlamaBench(text);
    case 'executorch-llama':
      return parseExecutorchStats(text);
    default:
      return assertNever(tool);
  }
}
