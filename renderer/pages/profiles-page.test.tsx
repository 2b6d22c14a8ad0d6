import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import { sampleFarm } from '../../shared/testing/sample-devices';
import { fakeProfiles } from '../testing/fake-profiles';
import { renderApp } from '../testing/render-app';
import { fakeSweep } from '../features/sweeps/testing-sweep';

afterEach(() => {
  window.location.hash = '';
});

describe('the Profiles page', () => {
  it('opens on the sweep its address names (#/profiles?sweep=ID), as the demo links it', async () => {
    const phones = sampleFarm.devices.slice(0, 2).map((phone) => phone.key);
    const asked: string[] = [];
    window.location.hash = '#/profiles?sweep=sweep-7';
    renderApp({
      ...fakeProfiles({}).handlers,
      'sweep:get': async ({ sweepId }) => (
        asked.push(sweepId),
        ok(fakeSweep(sweepId, phones, [16]))
      ),
      'sweep:list': async () => ok({ sweeps: [] }),
    });
    const progress = await screen.findByRole('region', { name: 'Sweep progress' });
    expect(asked).toContain('sweep-7');
    expect(within(progress).getByTestId('sweep-settled').textContent).toBe('0 / 2 points');
  });
});
