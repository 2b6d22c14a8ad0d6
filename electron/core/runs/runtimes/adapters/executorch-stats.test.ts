import { describe, expect, it } from 'vitest';
import { runnerEventSchema } from '../../../../../shared/runner-events';
import type { AdapterOutput, SummaryEvent } from './adapter-output';
import { parseExecutorchStats } from './executorch-stats';
import { fixture } from './fixtures/read-fixture';

function parsed(text: string): AdapterOutput {
  const result = parseExecutorchStats(text);
  if (!result.ok) throw new Error(result.error.message);
  for (const event of result.value.events) runnerEventSchema.parse(event);
  return result.value;
}

function summaryOf(output: AdapterOutput): SummaryEvent {
  const summary = output.events.find((event) => event.ev === 'summary');
  if (summary?.ev !== 'summary') throw new Error('no summary');
  return summary;
}

const withoutObserver = (text: string) => text.replace(/^.*PyTorchObserver.*\n/m, '');

describe('ExecuTorch llama runner stats on real captures (fixtures/SOURCES.md)', () => {
  it('Android, KleidiAI: load, TTFT = first_token_ms − inference_start_ms, rates as the runner prints them', () => {
    const output = parsed(fixture('executorch-kleidiai-android.txt'));
    expect(output.events.slice(0, 2)).toEqual([
      { ev: 'load', ms: 3577 },
      { ev: 'first_token', rep: 0, ttft_ms: 185 },
    ]);
    expect(output.events.at(-1)).toEqual({ ev: 'done' });
    const summary = summaryOf(output);
    expect(summary).toMatchObject({ runs: 1, prompt_tokens: 54, gen_tokens: 53 });
    expect(summary.prefill_tok_s).toBeCloseTo(291.891892, 5);
    expect(summary.decode_tok_s).toBeCloseTo(38.629738, 5);
    expect(summary.tok_s).toBeCloseTo(34.03982, 5);
    expect(summary.latency_ms?.mean).toBe(1557);
    // 1269.320312 MiB, the largest (and every) "RSS after" line.
    expect(summary.rss_peak_kb).toBe(1299784);
    expect(summary.config).toEqual({ sampling_ms: 50 });
  });

  it('Android, October 2024 runner (stats lines before the observer line)', () => {
    const output = parsed(fixture('executorch-llama32-android.txt'));
    expect(output.events.slice(0, 2)).toEqual([
      { ev: 'load', ms: 3926 },
      { ev: 'first_token', rep: 0, ttft_ms: 102 },
    ]);
    const summary = summaryOf(output);
    expect(summary.prefill_tok_s).toBeCloseTo(49.019608, 5);
    expect(summary.decode_tok_s).toBeCloseTo(39.296794, 5);
    expect(summary.rss_peak_kb).toBe(1252508);
  });

  it('QNN hybrid on a Qualcomm device: no RSS lines, so no memory, and it says so', () => {
    const output = parsed(fixture('executorch-qnn-hybrid.txt'));
    expect(output.events[1]).toEqual({ ev: 'first_token', rep: 0, ttft_ms: 56 });
    const summary = summaryOf(output);
    expect(summary.prefill_tok_s).toBeCloseTo(553.571429, 5);
    expect(summary.decode_tok_s).toBeCloseTo(53.993251, 5);
    expect(summary.tok_s).toBeCloseTo(52.344602, 5);
    expect(summary.rss_peak_kb).toBeNull();
    expect(output.missing).toContain('mem: not reported');
  });

  it('Galaxy S24, Vulkan', () => {
    const output = parsed(fixture('executorch-vulkan-galaxy-s24.txt'));
    expect(output.events.slice(0, 2)).toEqual([
      { ev: 'load', ms: 2277 },
      { ev: 'first_token', rep: 0, ttft_ms: 164 },
    ]);
    expect(summaryOf(output).prefill_tok_s).toBeCloseTo(85.365854, 5);
    expect(summaryOf(output).decode_tok_s).toBeCloseTo(52.682927, 5);
  });

  it.each([
    ['executorch-vulkan-galaxy-s24.txt', 2277, 164, 52.682927],
    ['executorch-kleidiai-android.txt', 3577, 185, 38.629738],
    ['executorch-llama32-android.txt', 3926, 102, 39.296794],
  ])(
    '%s without its observer line gives the same from the stats lines',
    (name, load, ttft, decode) => {
      const output = parsed(withoutObserver(fixture(name)));
      expect(output.events.slice(0, 2)).toEqual([
        { ev: 'load', ms: load },
        { ev: 'first_token', rep: 0, ttft_ms: ttft },
      ]);
      expect(summaryOf(output).decode_tok_s).toBeCloseTo(decode, 5);
    },
  );
});

describe('ExecuTorch stats, other shapes', () => {
  const observer = fixture('executorch-qnn-hybrid.txt').split('\n')[0]!;

  it('each observer line is a repetition; load only once; unknown fields ignored', () => {
    const second = observer.replace('"prompt_tokens":31', '"future":1,"prompt_tokens":31');
    const output = parsed(`${observer}\n${second}\n`);
    expect(output.events.map((event) => event.ev)).toEqual([
      'load',
      'first_token',
      'summary',
      'first_token',
      'summary',
      'done',
    ]);
    expect(output.events[3]).toEqual({ ev: 'first_token', rep: 1, ttft_ms: 56 });
  });

  it('a runner that did not time loading (model_load_*_ms 0) has no load event', () => {
    const untimed = observer
      .replace('"model_load_start_ms":1736230916307', '"model_load_start_ms":0')
      .replace('"model_load_end_ms":1736230917194', '"model_load_end_ms":0');
    const output = parsed(untimed);
    expect(output.events[0]?.ev).toBe('first_token');
    expect(output.missing).toContain('load: the runner did not time model loading');
  });

  it.each([
    ['empty', ''],
    ['a truncated observer line', 'PyTorchObserver {"prompt_tokens":31,"generated'],
    ['an observer without first_token_ms', observer.replace('"first_token_ms"', '"first"')],
    [
      'a first token before inference start',
      observer.replace('"first_token_ms":1736230917250', '"first_token_ms":1736230917000'),
    ],
    ['stats lines without the token counts', 'Time to first generated token: 0.1 (seconds)\n'],
  ])('%s is a coded error, not a throw', (_, text) => {
    const result = parseExecutorchStats(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid-frame');
  });
});
