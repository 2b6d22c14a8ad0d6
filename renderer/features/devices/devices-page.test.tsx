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

describe('the endpoint form of the Devices page', () => {
  it('validates HOST:PORT inline, connects on submit and follows each endpoint status', async () => {
    window.location.hash = '#/devices';
    const saved: string[][] = [];
    const { events } = renderApp({
      'farm:setEndpoints': async ({ saved: next }) => {
        saved.push(next);
        const endpoints = next.map((address) => ({
          address,
          status: 'connecting' as const,
          message: null,
        }));
        events.emit('farm:onDidChangeEndpoints', { endpoints });
        return ok({ endpoints });
      },
    });
    const input = await screen.findByLabelText('Add endpoint');
    const connect = screen.getByRole('button', { name: 'Connect' });
    fireEvent.change(input, { target: { value: '::1:5555' } });
    expect(screen.getByRole('alert').textContent).toContain('put IPv6 in brackets');
    expect(connect).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: ' [0:0::1]:5555 ' } });
    expect(screen.queryByRole('alert')).toBeNull();
    // Enter in the field submits the form: what a keyboard user does.
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(saved).toEqual([['[::1]:5555']]));
    expect((input as HTMLInputElement).value).toBe('');
    const row = await screen.findByTestId('farm-endpoint');
    expect(row.textContent).toContain('connecting');
    act(() =>
      events.emit('farm:onDidChangeEndpoints', {
        endpoints: [
          {
            address: '[::1]:5555',
            status: 'refused',
            message: "failed to connect to '[::1]:5555': Connection refused; retrying in 2 s",
          },
        ],
      }),
    );
    await waitFor(() => expect(row.dataset.status).toBe('refused'));
    expect(row.textContent).toContain('Connection refused; retrying in 2 s');
    fireEvent.click(within(row).getByRole('button', { name: 'Remove [::1]:5555' }));
    await waitFor(() => expect(saved.at(-1)).toEqual([]));
    await waitFor(() => expect(screen.queryByTestId('farm-endpoint')).toBeNull());
  });

  it('lists the endpoints saved before the page opened, with their status', async () => {
    window.location.hash = '#/devices';
    renderApp({
      'farm:getEndpoints': async () =>
        ok({
          endpoints: [{ address: '10.0.0.7:7401', status: 'connected', message: null }],
        }),
    });
    const row = await screen.findByTestId('farm-endpoint');
    expect(row.textContent).toContain('10.0.0.7:7401');
    expect(row.dataset.status).toBe('connected');
  });
});
