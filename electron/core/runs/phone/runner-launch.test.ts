import { describe, expect, it } from 'vitest';
import type { RunnerEvent } from '../../../../shared/runner-events';
import { LineSplitter } from './line-splitter';
import { launchRunner } from './runner-launch';
import { scriptedTransport } from './testing-stream-shell';

const hello = JSON.stringify({
  ev: 'hello',
  runner: 'edge-runner',
  version: '1',
  pid: 4242,
  runtime: 'onnxruntime',
  ort: '1.20.0',
  ep: 'cpu',
  threads: 1,
});

describe('LineSplitter', () => {
  it('joins pieces of a line, splits several, keeps an unterminated last one', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('{"ev":')).toEqual([]);
    expect(splitter.push('"done"}\r\nsecond\n\nthi')).toEqual(['{"ev":"done"}', 'second']);
    expect(splitter.end()).toEqual(['thi']);
    expect(splitter.end()).toEqual([]);
  });
});

describe('launchRunner', () => {
  it('streams events as they arrive, counts malformed lines, takes the pid from hello', async () => {
    const events: [RunnerEvent, number][] = [];
    const malformed: string[] = [];
    let clock = 0;
    let sent = '';
    const device = scriptedTransport((shell) => {
      sent = shell.line;
      shell.write(hello.slice(0, 20));
      setTimeout(() => {
        shell.write(`${hello.slice(20)}\n{"ev":"load","ms":12}\nWARNING from ORT\n{"ev":`);
        // The last line comes without a newline: the exit marker follows it directly.
        setTimeout(() => {
          shell.write('"done"}');
          shell.exit(0, 'stderr one\nstderr two\nstderr three\n');
        }, 5);
      }, 5);
    });
    const result = await launchRunner(device, "exec '/rt/edge-runner' '/runs/a/plan.json'", {
      onEvent: (event, at) => events.push([event, at]),
      onMalformed: (line) => malformed.push(line),
      stderrLines: 2,
      now: () => ++clock,
    });
    expect(sent).toMatch(/^'sh' '-c' 'exec '\\''\/rt\/edge-runner'\\''/);
    expect(result).toEqual({
      ok: true,
      value: { exitCode: 0, stderrTail: ['stderr two', 'stderr three'], pid: 4242, malformed: 1 },
    });
    expect(events.map(([event]) => event.ev)).toEqual(['hello', 'load', 'done']);
    // hello and load arrived in the same piece: one arrival time; done came later.
    expect(events[0]![1]).toBe(events[1]![1]);
    expect(events[2]![1]).toBeGreaterThan(events[1]![1]);
    expect(malformed).toEqual(['WARNING from ORT']);
  });

  it('a non-zero exit is an exit; a dropped link is disconnected; an abort cancels', async () => {
    const crashed = await launchRunner(
      scriptedTransport((shell) => shell.exit(139, 'Segmentation fault\n')),
      'x',
      { onEvent: () => undefined },
    );
    expect(crashed.ok && crashed.value).toMatchObject({ exitCode: 139, pid: null });
    const dropped = await launchRunner(
      scriptedTransport((shell) => {
        shell.write(`${hello}\n`);
        shell.drop();
      }),
      'x',
      { onEvent: () => undefined },
    );
    expect(!dropped.ok && dropped.error.code).toBe('disconnected');
    const controller = new AbortController();
    const events: string[] = [];
    const aborted = launchRunner(
      scriptedTransport((shell) => shell.write(`${hello}\n`)),
      'x',
      {
        onEvent: (event) => {
          events.push(event.ev);
          controller.abort();
        },
        signal: controller.signal,
      },
    );
    const cancelled = await aborted;
    expect(!cancelled.ok && cancelled.error.code).toBe('cancelled');
    expect(events).toEqual(['hello']);
  });
});
