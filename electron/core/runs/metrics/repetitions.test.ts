import { describe, expect, it } from 'vitest';
import { splitRepetitions } from './repetitions';
import { SampleLog } from './testing-samples';

const shape = {
  chunks: [
    [10, 2],
    [20, 3],
  ] as [number, number][],
  steps: [4, 5],
};

describe('splitRepetitions', () => {
  it('finds each repetition with its window, TTFT, chunks and decode steps', () => {
    const log = new SampleLog().runner(0, { ev: 'load', ms: 50 });
    log.repetition(0, 100, shape);
    log.repetition(1, 200, shape);
    const split = splitRepetitions(log.samples, false);
    expect(split.measured.map((rep) => rep.rep)).toEqual([0, 1]);
    const [first] = split.counted;
    // First chunk printed at 112 after 10 + 2 ms: fed at 100. Output after 35 ms prefill + 9 decode.
    expect(first).toMatchObject({ startMs: 100, firstTokenMs: 135, endMs: 144, ttftMs: 35 });
    expect(first!.chunks).toEqual([
      { tokens: 16, computeMs: 10, stateMs: 2 },
      { tokens: 16, computeMs: 20, stateMs: 3 },
    ]);
    expect(first!.decodeMs).toEqual([4, 5]);
    expect(split.excludedThrottled).toBe(0);
  });

  it('leaves a repetition with a throttled sample in its window out, and counts it', () => {
    const log = new SampleLog();
    log.repetition(0, 100, shape);
    log.device(120, {}, true);
    log.repetition(1, 200, shape);
    log.device(150, {}, true); // between the repetitions: neither window holds it
    log.device(210, {}, false);
    const split = splitRepetitions(log.samples, false);
    expect(split.counted.map((rep) => rep.rep)).toEqual([1]);
    expect(split.measured.map((rep) => rep.throttled)).toEqual([true, false]);
    expect(split.excludedThrottled).toBe(1);
    const included = splitRepetitions(log.samples, true);
    expect(included.counted.map((rep) => rep.rep)).toEqual([0, 1]);
    expect(included.excludedThrottled).toBe(0);
  });

  it('keeps warm-up repetitions apart even when their rep numbers repeat the measured ones', () => {
    const log = new SampleLog();
    log.repetition(0, 0, { ...shape, warmup: true });
    log.repetition(0, 100, shape);
    const split = splitRepetitions(log.samples, false);
    expect(split.warmup).toHaveLength(1);
    expect(split.warmup[0]).toMatchObject({ warmup: true, startMs: 0, ttftMs: 35 });
    expect(split.counted).toHaveLength(1);
    expect(split.counted[0]).toMatchObject({ warmup: false, startMs: 100 });
  });

  it('does not count a repetition cut off before its output', () => {
    const log = new SampleLog();
    log.repetition(0, 0, shape);
    log.runner(112, { ev: 'chunk', rep: 1, i: 0, tokens: 16, compute_ms: 10, state_ms: 2 });
    const split = splitRepetitions(log.samples, false);
    expect(split.measured).toHaveLength(2);
    expect(split.counted.map((rep) => rep.rep)).toEqual([0]);
    expect(split.measured[1]).toMatchObject({ startMs: 100, endMs: null, ttftMs: null });
  });

  it("starts a window no earlier than the previous repetition's last line", () => {
    const log = new SampleLog();
    log.repetition(0, 0, shape); // output at 44
    // Its first chunk arrives late (50) after 10 ms of compute: 40 would reach back into rep 0.
    log.runner(50, { ev: 'chunk', rep: 1, i: 0, tokens: 16, compute_ms: 10, state_ms: 0 });
    log.runner(50, { ev: 'first_token', rep: 1, ttft_ms: 10 });
    log.runner(51, { ev: 'output', rep: 1, tokens: [1], rows: 1, vocab: 256 });
    log.device(42, {}, true);
    const split = splitRepetitions(log.samples, false);
    expect(split.measured[1]!.startMs).toBe(44);
    expect(split.measured.map((rep) => rep.throttled)).toEqual([true, false]);
  });
});
