import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { phoneTransport } from '../../devices/shell/testing-shell';
import { presentCpus, readRunSample } from './run-sampler';
import { launchRunner } from './runner-launch';
import { findRunnerProcesses, stopRunner } from './stop-runner';
import {
  fakeRunnerSource,
  installProgram,
  untilIgnoringTerm,
  waitForChild,
} from './testing-phone-program';

const phone = new EmulatedPhone();
afterAll(() => phone.stop());

/**
 * Every shell line the run's phone pieces emit (launch, sampling, stop, leftover check) is
 * replayed on an emulated phone: each names a command real phones have (toybox, mksh, dumpsys),
 * parses, and reaches the exit marker, so the pieces cannot lean on what only the emulator does.
 * logcat streams and is covered by phone-run.int.test.ts.
 */
describe('replaying the run pieces on the emulator', () => {
  it('runs every command line they emit', async () => {
    const lines: string[] = [];
    const device = phoneTransport(phone, lines);
    const program = '/data/local/tmp/edge-studio/quick.js';
    await installProgram(phone, program, "console.log(JSON.stringify({ ev: 'done' }));\n");
    const launched = await launchRunner(device, `mkdir -p /data/local/tmp/h && exec ${program}`, {
      onEvent: () => undefined,
    });
    expect(launched.ok && launched.value.exitCode).toBe(0);
    const cpus = await presentCpus(device);
    expect(cpus).toHaveLength(8);
    await readRunSample(device, 1400, cpus === 'lost' ? [] : cpus, { thermal: true, slow: true });
    const runner = '/data/local/tmp/edge-studio/fake-runner.js';
    await installProgram(phone, runner, fakeRunnerSource);
    const running = phone.runShell(`${runner} ignore-term`);
    const pid = await waitForChild(phone);
    await untilIgnoringTerm(phone, pid);
    const stopped = await stopRunner(device, pid, { graceMs: 200 });
    expect(stopped.ok && stopped.value.how).toBe('killed');
    await running;
    await findRunnerProcesses(device, '/data/local/tmp/edge-studio/runs/a/plan.json');
    const programs = new Set(lines.map((line) => /^'([^']+)'/.exec(line)?.[1]));
    expect([...programs].sort()).toEqual(['cat', 'kill', 'ps', 'sh'].sort());
    for (const line of lines) {
      const { stdout, stderr } = await phone.runShell(line);
      expect(stdout, line).toMatch(/__edge_studio_exit_[0-9a-f]+:\d+\n/);
      expect(stdout + stderr, line).not.toMatch(/not found|syntax error|unsupported/);
    }
  });
});
