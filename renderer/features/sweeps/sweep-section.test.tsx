import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import ciYaml from '../../../profiles/ci.yaml?raw';
import { ok } from '../../../shared/result';
import { sampleFarm } from '../../../shared/testing/sample-devices';
import type { SweepDetails } from '../../../shared/sweep';
import { fakeProfiles } from '../../testing/fake-profiles';
import { renderApp } from '../../testing/render-app';
import { fakeSweep, progressOf } from './testing-sweep';

const ci = '/studio/profiles/ci.yaml';
const phones = sampleFarm.devices.slice(0, 2).map((phone) => phone.key);

afterEach(() => {
  window.location.hash = '';
});

/** The Profiles page with ci.yaml open, over a studio whose sweeps are recorded. */
async function launchCi() {
  let details: SweepDetails = fakeSweep('sweep-1', phones, [16, 32]);
  const calls: string[] = [];
  const profiles = fakeProfiles({ [ci]: ciYaml });
  window.location.hash = '#/profiles';
  const view = renderApp({
    ...profiles.handlers,
    'sweep:start': async (args) => (calls.push(`start ${args.file}`), ok({ sweepId: 'sweep-1' })),
    'sweep:get': async () => ok(details),
    'sweep:list': async () => ok({ sweeps: calls.length ? [details.sweep] : [] }),
    'sweep:stop': async ({ sweepId }) => (calls.push(`stop ${sweepId}`), ok({ stopped: true })),
    'sweep:resume': async ({ sweepId }) => (calls.push(`resume ${sweepId}`), ok({ sweepId })),
  });
  const list = await screen.findByRole('list', { name: 'Profile files' });
  await act(async () => fireEvent.click(await within(list).findByRole('button', { name: 'ci' })));
  const editor = await screen.findByLabelText('Profile YAML');
  await screen.findByTestId('grid-size');
  await act(async () => fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true }));
  const progress = await screen.findByRole('region', { name: 'Sweep progress' });
  const step = async (index: number, status: Parameters<typeof progressOf>[2], reason?: string) => {
    const next = progressOf(details, index, status, reason ?? null);
    details = next.details;
    await act(async () => view.events.emit('sweep:onDidProgress', next.progress));
  };
  return { ...view, calls, progress, step };
}

const count = (progress: HTMLElement, phone: string, what: string) =>
  progress.querySelector(`tr[data-phone="${phone}"] td[data-count="${what}"]`)?.textContent;

describe('sweep launch and progress', () => {
  it('launches with Ctrl+Enter and follows the emitted progress per phone to the end', async () => {
    const { calls, progress, step } = await launchCi();
    expect(calls).toEqual([`start ${ci}`]);
    expect(within(progress).getByTestId('sweep-settled').textContent).toBe('0 / 4 points');
    expect(within(progress).getByTestId('concurrency-note').textContent).toContain('at most 2');
    expect(progress.textContent).toContain('ETA after the first run');

    await step(0, 'running');
    expect(count(progress, phones[0]!, 'running')).toBe('1');
    await step(0, 'finished');
    await step(2, 'failed', 'device-lost: the phone went away');
    expect(count(progress, phones[0]!, 'done')).toBe('1');
    expect(count(progress, phones[1]!, 'failed')).toBe('1');
    expect(within(progress).getByTestId('sweep-settled').textContent).toBe('2 / 4 points');
    expect(progress.textContent).toMatch(/ETA \d+ s/);
    expect(progress.textContent).toContain('device-lost: the phone went away');
    const link = within(progress).getAllByRole('link', { name: 'open run' })[0]!;
    expect(link.getAttribute('href')).toBe('#/runs?run=run-0');

    await step(1, 'infeasible', 'weights 900 MiB over the budget');
    await step(3, 'finished');
    expect(progress.dataset.state).toBe('failed');
    expect(count(progress, phones[0]!, 'infeasible')).toBe('1');
    expect(within(progress).getByTestId('sweep-settled').textContent).toBe('4 / 4 points');
    expect(within(progress).queryByRole('button', { name: 'Stop sweep' })).toBeNull();
    const past = screen.getByRole('list', { name: 'Sweeps' });
    expect(await within(past).findByText('ci')).toBeTruthy();
  });

  it('stops a running sweep, and resumes it once it has stopped', async () => {
    const { calls, progress, step, events } = await launchCi();
    await step(0, 'finished');
    await act(async () =>
      fireEvent.click(within(progress).getByRole('button', { name: 'Stop sweep' })),
    );
    expect(calls).toContain('stop sweep-1');
    expect(within(progress).queryByRole('button', { name: 'Resume sweep' })).toBeNull();
    const { details } = progressOf(fakeSweep('sweep-1', phones, [16, 32]), 0, 'finished');
    const stopped = { ...details.sweep, state: 'cancelled' as const };
    await act(async () =>
      events.emit('sweep:onDidProgress', {
        sweepId: 'sweep-1',
        state: 'cancelled',
        counts: stopped.counts,
        perPhone: stopped.perPhone,
        concurrency: stopped.concurrency,
        concurrencyNote: stopped.concurrencyNote,
        point: null,
      }),
    );
    await act(async () =>
      fireEvent.click(within(progress).getByRole('button', { name: 'Resume sweep' })),
    );
    expect(calls).toEqual([`start ${ci}`, 'stop sweep-1', 'resume sweep-1']);
  });
});
