import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { derivations, missingTokenizerNote } from '../../../shared/graph';
import { ok } from '../../../shared/result';
import { renderApp } from '../../testing/render-app';
import { sampleInspection } from '../../testing/sample-graphs';

afterEach(() => {
  window.location.hash = '';
});

async function openProfiles(overrides: Parameters<typeof renderApp>[0] = {}) {
  window.location.hash = '#/profiles';
  const view = renderApp(overrides);
  fireEvent.change(screen.getByLabelText('ONNX file'), { target: { value: '/models/llama.onnx' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Inspect' }));
  });
  return view;
}

describe('model panel', () => {
  it('shows what inspect found, with the op histogram as a chart', async () => {
    await openProfiles();
    const inspection = await screen.findByTestId('inspection');
    expect(within(inspection).getByText('optimum')).toBeTruthy();
    expect(within(inspection).getByText('past_key_values.0.key')).toBeTruthy();
    expect(inspection.querySelector('svg.recharts-surface')).not.toBeNull();
  });

  it('says which geometry it derived, and what a model without a tokenizer cannot do', async () => {
    const decoder = { ...sampleInspection.decoder!, derived: ['heads' as const] };
    await openProfiles({
      'graph:inspect': async ({ model }) =>
        ok({ ...sampleInspection, path: model, decoder, tokenizer: null }),
    });
    const inspection = await screen.findByTestId('inspection');
    expect(within(inspection).getByText('4 (derived) / 2')).toBeTruthy();
    expect(
      within(inspection)
        .getAllByRole('note')
        .map((note) => note.textContent),
    ).toEqual([derivations.heads, missingTokenizerNote]);
  });

  it('validates the scenario as you type and shows its cache bytes', async () => {
    await openProfiles();
    expect(screen.getByTestId('cache-bytes').textContent).toBe('KV cache 516.0 KiB, memory 0 B'); // 2·2·2·(4+512)·32·4 bytes;
    fireEvent.change(screen.getByLabelText('Window'), { target: { value: '64' } });
    expect(screen.getByLabelText('Window').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('window (64) must be at least the chunk size (128)')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Build graphs' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('validates the quant spec with the shared grammar', async () => {
    await openProfiles();
    fireEvent.change(screen.getByLabelText('Quantisation'), { target: { value: 'int3-g32' } });
    expect(screen.getByText(/Unknown quant spec "int3-g32"/)).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Build graphs' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.change(screen.getByLabelText('Quantisation'), { target: { value: 'int4-g32' } });
    expect(
      (screen.getByRole('button', { name: 'Build graphs' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it('measures fidelity on a dataset and charts where it is lost', async () => {
    await openProfiles();
    fireEvent.change(screen.getByLabelText('Dataset (JSONL)'), {
      target: { value: '/data/prompts.jsonl' },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Measure fidelity' }));
    });
    const result = await screen.findByTestId('fidelity-result');
    expect(result.textContent).toContain('2 prompts, 200 tokens, int8-channel');
    expect(result.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);
  });

  it('builds the graphs and shows what was written', async () => {
    await openProfiles();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Build graphs' }));
    });
    const result = await screen.findByTestId('build-result');
    expect(result.textContent).toContain('/data/artifacts/abc123');
    expect(result.textContent).toContain('prefill.onnx: input_ids [1, 128]');
    expect(result.textContent).toContain('decode.onnx: input_ids [1, 1]');
  });

  it('follows a build of this model that was in flight before the window opened, and cancels it', async () => {
    const running = {
      id: 'job-early',
      kind: 'graph-build' as const,
      subject: '/models/llama.onnx',
      label: 'Graph build float',
      state: 'building' as const,
      progress: { fraction: 3 / 7, message: 'specialising the prefill graph' },
      startedAt: 1,
      endedAt: null,
      error: null,
      result: null,
    };
    const cancelled: string[] = [];
    await openProfiles({
      'job:list': async () => ok({ jobs: [running] }),
      'job:cancel': async ({ jobId }) => (cancelled.push(jobId), ok({ cancelled: true })),
    });
    expect(await screen.findByText('specialising the prefill graph')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    });
    expect(cancelled).toEqual(['job-early']);
  });
});
