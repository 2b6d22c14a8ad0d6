import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render-app';
import { pushJob } from '../../testing/fake-jobs';
import type { PushProgress } from '../../../shared/device';
import { ok } from '../../../shared/result';
import { sampleFarm, sampleVitals } from '../../../shared/testing/sample-devices';

describe('the Devices page', () => {
  it('lists the phones by host with an emulated badge, and follows device:onDidChange', async () => {
    window.location.hash = '#/devices';
    const { events } = renderApp();
    expect(await screen.findAllByTestId('device-row')).toHaveLength(3);
    expect(screen.getAllByTestId('emulated-badge')).toHaveLength(3);
    const offline = sampleFarm.devices.map((d, i) =>
      i === 0 ? { ...d, state: 'offline' as const } : d,
    );
    act(() =>
      events.emit('device:onDidChange', { seq: 1, items: [{ ...sampleFarm, devices: offline }] }),
    );
    await waitFor(() => {
      const row = screen.getAllByTestId('device-row')[0]!;
      expect(within(row).getByText('offline')).toBeTruthy();
    });
  });

  it('shows details of a selected phone and validates a farm host inline', async () => {
    window.location.hash = '#/devices';
    renderApp();
    fireEvent.click((await screen.findAllByTestId('device-row'))[0]!);
    expect(await screen.findByText('QNN (Qualcomm HTP), OpenCL')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Add farm host'), { target: { value: 'farm-box' } });
    expect(screen.getByRole('alert').textContent).toContain('host:port');
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
  });

  it('charts the live vitals of a selected phone, sampled while its panel is open', async () => {
    window.location.hash = '#/devices';
    const { events } = renderApp();
    fireEvent.click((await screen.findAllByTestId('device-row'))[1]!);
    const latest = await screen.findByTestId('vitals-latest');
    expect(latest.textContent).toContain('light');
    expect(latest.textContent).toContain('4 samples');
    const vitals = screen.getByTestId('device-vitals');
    expect(vitals.querySelectorAll('.recharts-line')).toHaveLength(3);
    act(() => events.emit('device:onDidSample', sampleVitals(sampleFarm.devices[0]!.key, 9)));
    expect(screen.getByTestId('vitals-latest').textContent).toContain('4 samples');
  });

  it('shows the progress of pushes in flight', async () => {
    window.location.hash = '#/devices';
    const { events } = renderApp();
    await screen.findAllByTestId('device-row');
    act(() =>
      events.emit(
        'job:onDidChange',
        pushJob({
          pushId: 'p1',
          deviceKey: sampleFarm.devices[0]!.key,
          bytes: 1024 * 1024,
          total: 4 * 1024 * 1024,
          phase: 'pushing',
        }),
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('pushes').textContent).toContain('pushing 1.0 MiB / 4.0 MiB'),
    );
  });

  it('keeps a push going while another page is open: it shows again on return', async () => {
    window.location.hash = '#/devices';
    const { events } = renderApp();
    await screen.findAllByTestId('device-row');
    const progress = (bytes: number) =>
      events.emit(
        'job:onDidChange',
        pushJob({
          pushId: 'p1',
          deviceKey: sampleFarm.devices[0]!.key,
          bytes,
          total: 4 * 1024 * 1024,
          phase: 'pushing',
        }),
      );
    act(() => progress(1024 * 1024));
    await screen.findByTestId('pushes');
    act(() => void (window.location.hash = '#/runs'));
    await waitFor(() => expect(screen.queryByTestId('pushes')).toBeNull());
    act(() => progress(3 * 1024 * 1024));
    act(() => void (window.location.hash = '#/devices'));
    await waitFor(() =>
      expect(screen.getByTestId('pushes').textContent).toContain('pushing 3.0 MiB / 4.0 MiB'),
    );
  });

  it('cancels a push in flight by its id; a finished push has no Cancel', async () => {
    window.location.hash = '#/devices';
    const cancelled: string[] = [];
    const { events } = renderApp({
      'job:cancel': async ({ jobId }) => (cancelled.push(jobId), ok({ cancelled: true })),
    });
    await screen.findAllByTestId('device-row');
    const progress = (pushId: string, phase: PushProgress['phase']) =>
      events.emit(
        'job:onDidChange',
        pushJob({
          pushId,
          deviceKey: sampleFarm.devices[0]!.key,
          bytes: 0,
          total: 1024,
          phase,
        }),
      );
    act(() => (progress('running', 'pushing'), progress('over', 'done')));
    const buttons = await screen.findAllByRole('button', { name: 'Cancel' });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(cancelled).toEqual(['running']));
    act(() => progress('running', 'cancelled'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull());
  });
});
