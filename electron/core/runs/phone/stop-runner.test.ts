import { afterAll, describe, expect, it } from 'vitest';
import { EmulatedPhone } from '../../../emulator/emulated-phone';
import { phoneTransport } from '../../devices/shell/testing-shell';
import { findRunnerProcesses, isAlive, stopRunner } from './stop-runner';
import {
  fakeRunnerSource,
  installProgram,
  untilIgnoringTerm,
  waitForChild,
} from './testing-phone-program';

const phone = new EmulatedPhone();
const device = phoneTransport(phone);
const program = '/data/local/tmp/edge-studio/fake-runner.js';
afterAll(() => phone.stop());

/** Starts the fake runner on the phone; its pid and the promise of its exit status. */
async function start(...args: string[]) {
  await installProgram(phone, program, fakeRunnerSource);
  const exit = phone.runShell([program, ...args].join(' '));
  const pid = await waitForChild(phone);
  if (args.includes('ignore-term')) await untilIgnoringTerm(phone, pid);
  else await new Promise((resolve) => setTimeout(resolve, 150));
  return { pid, exit };
}

describe('stopRunner', () => {
  it('stops a runner with SIGTERM and finds no process left', async () => {
    const { pid, exit } = await start('/runs/a/plan.json');
    expect(await findRunnerProcesses(device, '/runs/a/plan.json')).toEqual({
      ok: true,
      value: [pid],
    });
    expect(await findRunnerProcesses(device, '/runs/b/plan.json')).toEqual({ ok: true, value: [] });
    const stopped = await stopRunner(device, pid);
    expect(stopped.ok && stopped.value.how).toBe('terminated');
    expect((await exit).status).toBe(143);
    expect(await isAlive(device, pid)).toEqual({ ok: true, value: false });
    expect(await findRunnerProcesses(device, '/runs/a/plan.json')).toEqual({ ok: true, value: [] });
  });

  it('escalates to SIGKILL when the runner ignores SIGTERM', async () => {
    const { pid, exit } = await start('/runs/c/plan.json', 'ignore-term');
    const stopped = await stopRunner(device, pid, { graceMs: 300 });
    expect(stopped.ok && stopped.value).toMatchObject({ how: 'killed' });
    if (stopped.ok) expect(stopped.value.waitedMs).toBeGreaterThanOrEqual(300);
    expect((await exit).status).toBe(137);
    expect(phone.processes.children()).toEqual([]);
  });

  it('says gone for a process that exited, and refuses a pid that is not one', async () => {
    expect(await stopRunner(device, 999_999)).toEqual({
      ok: true,
      value: { how: 'gone', waitedMs: 0 },
    });
    expect((await stopRunner(device, -1)).ok).toBe(false);
    expect((await stopRunner(device, 1.5)).ok).toBe(false);
  });
});
