import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/result';
import type { RunnerEvent } from '../../../../shared/runner-events';
import { classifyRunnerExit, lowMemoryKill, type RunnerEnding } from './runner-exit';

const done: RunnerEvent = { ev: 'done' };
const exited = (exitCode: number, stderrTail: string[] = []) => ok({ exitCode, stderrTail });
const base: RunnerEnding = {
  launch: exited(0),
  events: [done],
  pid: 4242,
  logcat: [],
  lastMemory: null,
};
// lmkd's line on Android 12+ (system/memory/lmkd), and the kernel LMK's of Android ≤ 9.
const lmkd =
  "12-02 00:41:07.123   560   560 I lowmemorykiller: Kill 'ld-linux-x86-64.so.2' (4242), uid 2000, oom_score_adj 0 to free 524288kB rss, 0kB swap; reason: low watermark is breached";
const kernelLmk =
  "<6>[ 1234.5678] lowmemorykiller: Killing 'edge-runner' (4242), adj 0,\n to free 302100kB on behalf of 'kswapd0' (91)";

describe('classifyRunnerExit', () => {
  it('is success for done and exit 0 only', () => {
    expect(classifyRunnerExit(base)).toBeNull();
    expect(classifyRunnerExit({ ...base, events: [] })?.error.code).toBe('command-failed');
    expect(classifyRunnerExit({ ...base, launch: exited(1) })?.error.code).toBe('command-failed');
  });

  it('takes an error line as its code and message', () => {
    const events: RunnerEvent[] = [{ ev: 'error', code: 'plan-invalid', message: 'no graphs' }];
    const failure = classifyRunnerExit({ ...base, events, launch: exited(2) });
    expect(failure).toMatchObject({
      error: { code: 'invalid-args', message: 'no graphs' },
      runnerCode: 'plan-invalid',
    });
    const oom: RunnerEvent[] = [{ ev: 'error', code: 'out-of-memory', message: 'bad_alloc' }];
    expect(classifyRunnerExit({ ...base, events: oom, launch: exited(3) })?.runnerCode).toBe(
      'out-of-memory',
    );
  });

  it('reads SIGKILL with a low-memory kill of its pid as out-of-memory with the RSS reached', () => {
    const killed = {
      ...base,
      events: [],
      launch: exited(137),
      logcat: ['other line', lmkd],
      lastMemory: { vmRssKb: 600_000, vmHwmKb: 610_000 },
    };
    expect(classifyRunnerExit(killed)).toMatchObject({
      error: { code: 'out-of-memory', message: expect.stringContaining('596 MiB') },
      runnerCode: 'out-of-memory',
      rssKb: 610_000,
    });
    // The kill line's RSS is later than a smaller last sample, and stands in for none.
    const sampled = { vmRssKb: 400_000, vmHwmKb: 410_000 };
    expect(classifyRunnerExit({ ...killed, lastMemory: sampled })?.rssKb).toBe(524_288);
    expect(classifyRunnerExit({ ...killed, lastMemory: null })?.rssKb).toBe(524_288);
    // A kill line for another pid is not this runner's: a crash.
    const other = classifyRunnerExit({ ...killed, pid: 777 });
    expect(other).toMatchObject({ runnerCode: null, error: { code: 'command-failed' } });
    expect(other?.error.message).toContain('SIGKILL');
  });

  it('finds the kernel LMK and OOM-killer wordings', () => {
    expect(lowMemoryKill(kernelLmk.split('\n'), 4242)).not.toBeNull();
    expect(
      lowMemoryKill(['Out of memory: Killed process 4242 (edge-runner)'], 4242),
    ).not.toBeNull();
    expect(lowMemoryKill([lmkd], 424)).toBeNull();
  });

  it('is device-lost for a dropped or stalled link, cancelled for an abort or a stop', () => {
    expect(classifyRunnerExit({ ...base, launch: fail('disconnected', 'gone') })?.error.code).toBe(
      'device-lost',
    );
    expect(classifyRunnerExit({ ...base, launch: fail('timeout', 'slow') })?.error.code).toBe(
      'device-lost',
    );
    expect(classifyRunnerExit({ ...base, launch: fail('cancelled', 'x') })?.error.code).toBe(
      'cancelled',
    );
    const stopped = { ...base, events: [], launch: exited(143), stopped: true };
    expect(classifyRunnerExit(stopped)?.error.code).toBe('cancelled');
    expect(classifyRunnerExit({ ...stopped, stopped: false })?.error.code).toBe('command-failed');
  });

  it('keeps the last stderr and logcat lines of a crash', () => {
    const stderr = Array.from({ length: 30 }, (_, i) => `err ${i}`);
    const failure = classifyRunnerExit({
      ...base,
      events: [],
      launch: exited(139, stderr),
      logcat: ['F DEBUG: backtrace'],
    });
    expect(failure?.stderrTail).toHaveLength(20);
    expect(failure?.stderrTail.at(-1)).toBe('err 29');
    expect(failure?.logcatTail).toEqual(['F DEBUG: backtrace']);
    expect(failure?.error.message).toBe('the runner exited 139 (SIGSEGV): err 29');
  });
});
