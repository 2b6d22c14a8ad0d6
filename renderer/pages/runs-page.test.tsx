import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { RunSample } from '../../shared/run';
import { sampleFarm } from '../../shared/testing/sample-devices';
import { fakeRecord, fakeRuns, fakeSummary } from '../features/runs/testing-run-page';
import { syntheticRun } from '../features/runs/testing-run-samples';
import { renderApp } from '../testing/render-app';

const [phoneA, phoneB] = sampleFarm.devices.map((device) => device.key) as [string, string];
const demo = (device: string, quant = 'float') => ({
  device,
  model: 'builtin:edge-infinite-tiny',
  scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' as const },
  quant,
});

function openRuns(runs: ReturnType<typeof fakeRuns>) {
  window.location.hash = '#/runs';
  const app = renderApp(runs.handlers);
  runs.bind(app.events);
  return app;
}

const firstTokens = (samples: RunSample[]) =>
  samples.filter((sample) => sample.kind === 'runner' && sample.event.ev === 'first_token');

/** The rows of a chart card's table view (switched to it). */
function tableRows(card: string): HTMLElement[] {
  const section = screen.getByRole('region', { name: card });
  fireEvent.click(within(section).getByRole('button', { name: 'Table' }));
  return within(section).getAllByRole('row').slice(1);
}

describe('the Runs page', () => {
  it('validates the form at the field with the shared schema and starts a run on Enter', async () => {
    const runs = fakeRuns();
    openRuns(runs);
    const form = await screen.findByRole('form', { name: 'Start a run' });
    await within(form).findByRole('option', { name: /SM-S928B · ES000 \(emulated\)/ });
    const window = within(form).getByLabelText('Window');
    fireEvent.change(window, { target: { value: '16' } });
    expect(window.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('window (16) must be at least the chunk size (32)');
    fireEvent.change(within(form).getByLabelText('Quant spec'), { target: { value: 'int3' } });
    expect(within(form).getByLabelText('Quant spec').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('button', { name: 'Start run' })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.change(window, { target: { value: '96' } });
    fireEvent.change(within(form).getByLabelText('Quant spec'), {
      target: { value: 'int8-channel' },
    });
    fireEvent.change(within(form).getByLabelText('Phone'), { target: { value: phoneB } });
    fireEvent.submit(within(form).getByLabelText('Repetitions'));
    await screen.findByTestId('run-view');
    const started = [...runs.records.values()];
    expect(started).toHaveLength(1);
    expect(started[0]!.request).toMatchObject({
      device: phoneB,
      model: 'builtin:edge-infinite-tiny',
      scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
      quant: 'int8-channel:qdq',
      repetitions: 5,
      warmup: 1,
    });
  });

  it('charts a started run live from run:metrics, then stops it', async () => {
    const runs = fakeRuns();
    openRuns(runs);
    const form = await screen.findByRole('form', { name: 'Start a run' });
    await within(form).findByRole('option', { name: /SM-S928B/ });
    fireEvent.submit(form);
    const view = await screen.findByTestId('run-view');
    const runId = [...runs.records.keys()][0]!;
    const samples = syntheticRun({ repetitions: 3, seed: 7 });
    act(() => runs.setState(runId, 'running'));
    act(() => {
      for (let at = 0; at < samples.length; at += 10) runs.emit(runId, samples.slice(at, at + 10));
    });
    await waitFor(() => expect(view.getAttribute('data-state')).toBe('running'));
    await waitFor(() =>
      expect(screen.getByTestId('run-state').textContent).toContain(`${samples.length} samples`),
    );
    // A live run's charts follow within a pace (liveChartPaceMs), each card in its turn.
    await waitFor(
      () => expect(screen.getByTestId('memory-peak').textContent).toMatch(/Peak RSS [\d.]+ MiB/),
      { timeout: 5_000 },
    );
    await waitFor(
      () => expect(tableRows('Time to first token')).toHaveLength(firstTokens(samples).length),
      { timeout: 5_000 },
    );
    expect(within(view).getByRole('region', { name: 'Runner log' }).textContent).toContain(
      'pushing the runner',
    );
    fireEvent.click(within(view).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(view.getAttribute('data-state')).toBe('cancelled'));
    expect(runs.records.get(runId)!.state).toBe('cancelled');
    expect(within(view).getByRole('button', { name: 'Stop' })).toHaveProperty('disabled', true);
  });

  it("shows a failed run's error with its hint, not the last step it reported", async () => {
    const runs = fakeRuns();
    openRuns(runs);
    const form = await screen.findByRole('form', { name: 'Start a run' });
    await within(form).findByRole('option', { name: /SM-S928B/ });
    fireEvent.submit(form);
    const view = await screen.findByTestId('run-view');
    const runId = [...runs.records.keys()][0]!;
    const error = { code: 'device-lost' as const, message: 'the phone went away mid-push' };
    act(() => runs.setState(runId, 'failed', null, { error, message: 'build: wrote /tmp/a' }));
    await waitFor(() => expect(view.getAttribute('data-state')).toBe('failed'));
    const state = screen.getByTestId('run-state');
    expect(within(state).getByRole('alert').textContent).toContain(
      'the phone went away mid-push (device-lost: check the phone is connected',
    );
    expect(state.textContent).not.toContain('build: wrote');
  });

  it('refills a dropped batch from the store, so the charts hold every sample', async () => {
    const runs = fakeRuns([fakeRecord('r1', demo(phoneA), 'running', 1)]);
    openRuns(runs);
    fireEvent.click(await screen.findByRole('option', { name: /running/ }));
    const samples = syntheticRun({ repetitions: 2, seed: 3 });
    act(() => {
      runs.emit('r1', samples.slice(0, 20));
      runs.emit('r1', samples.slice(20, 40), { drop: true });
      runs.emit('r1', samples.slice(40));
    });
    await waitFor(() =>
      expect(screen.getByTestId('run-state').textContent).toContain(`${samples.length} samples`),
    );
    await waitFor(
      () => expect(tableRows('Time to first token')).toHaveLength(firstTokens(samples).length),
      { timeout: 5_000 },
    );
  });

  it('filters the list, deletes a finished run after confirming, and reopens one with its charts', async () => {
    const samples = syntheticRun({ repetitions: 4, seed: 11 });
    const runs = fakeRuns([
      fakeRecord('old', demo(phoneA, 'int8-channel'), 'finished', 1, fakeSummary(40)),
      fakeRecord('new', demo(phoneB, 'int4-g32'), 'finished', 2, fakeSummary(30)),
    ]);
    runs.store('old', samples);
    openRuns(runs);
    const list = await screen.findByRole('listbox', { name: 'Runs' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Quant'), { target: { value: 'int8-channel:qdq' } });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    fireEvent.click(within(list).getByRole('option'));
    const view = await screen.findByTestId('run-view');
    await waitFor(() =>
      expect(screen.getByTestId('run-state').textContent).toContain(`${samples.length} samples`),
    );
    expect(tableRows('Time to first token')).toHaveLength(firstTokens(samples).length);
    expect(within(view).getByTestId('run-accuracy').textContent).toContain('Quantisation');
    expect(within(view).getByTestId('run-summary').textContent).toContain('40.0 ms');
    fireEvent.change(screen.getByLabelText('Quant'), { target: { value: '' } });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    fireEvent.click(within(list).getByRole('option', { name: /int4-g32/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete run' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete the run?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    expect([...runs.records.keys()]).toEqual(['old']);
  });

  it('switches runs with the arrow keys and stops the selected one with s', async () => {
    const runs = fakeRuns([
      fakeRecord('a', demo(phoneA), 'running', 1),
      fakeRecord('b', demo(phoneB), 'running', 2),
    ]);
    openRuns(runs);
    const list = await screen.findByRole('listbox', { name: 'Runs' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(within(list).getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list.getAttribute('aria-activedescendant')).toBe('run-a');
    fireEvent.keyDown(document.body, { key: 's' });
    await waitFor(() => expect(runs.records.get('a')!.state).toBe('cancelled'));
    expect(runs.records.get('b')!.state).toBe('running');
    fireEvent.keyDown(document.body, { key: '[' });
    expect(list.getAttribute('aria-activedescendant')).toBe('run-b');
    fireEvent.keyDown(document.body, { key: 'n' });
    const form = screen.getByRole('form', { name: 'Start a run' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Phone'));
  });
});
