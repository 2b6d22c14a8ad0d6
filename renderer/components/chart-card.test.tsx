import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunPrefillTimelineChart } from '../charts/run-prefill-timeline-chart';
import { RunTtftChart, ttftTable } from '../charts/run-ttft-chart';
import { ChartCard } from './chart-card';

const points = [
  { rep: 0, ttftMs: 130, warmup: true },
  { rep: 1, ttftMs: 121, warmup: false },
  { rep: 2, ttftMs: 124, warmup: false },
];

/** Captures what the card downloads: the blobs handed to object URLs, and the file names. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => (blobs.push(blob), `blob:${blobs.length}`),
      revokeObjectURL: () => undefined,
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return { blobs, names };
}

/** jsdom's Blob has no text(); its FileReader reads one. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

function ttftCard() {
  return render(
    <ChartCard title="TTFT per repetition" table={ttftTable({ points })}>
      <RunTtftChart points={points} />
    </ChartCard>,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('chart card', () => {
  it('toggles between the chart and its table with pressed buttons', () => {
    const { container } = ttftCard();
    const chart = screen.getByRole('button', { name: 'Chart' });
    const table = screen.getByRole('button', { name: 'Table' });
    expect(chart.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('.recharts-wrapper')).not.toBeNull();
    fireEvent.click(table);
    expect(table.getAttribute('aria-pressed')).toBe('true');
    expect(chart.getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelector('.recharts-wrapper')).toBeNull();
    expect(screen.getByRole('table').querySelectorAll('tbody tr')).toHaveLength(points.length);
    expect(screen.getByRole('button', { name: 'SVG' })).toHaveProperty('disabled', true);
    fireEvent.click(chart);
    expect(container.querySelector('.recharts-wrapper')).not.toBeNull();
  });

  it('exports the chart as a standalone SVG file', async () => {
    const { blobs, names } = captureDownloads();
    ttftCard();
    fireEvent.click(screen.getByRole('button', { name: 'SVG' }));
    expect(names).toEqual(['ttft-per-repetition.svg']);
    const svg = await readText(blobs[0]!);
    expect(blobs[0]!.type).toBe('image/svg+xml');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('recharts-scatter-symbol');
    expect(svg).toContain(' ms');
  });

  it('lays charts drawn side by side out in one SVG', async () => {
    const { blobs } = captureDownloads();
    render(
      <ChartCard title="Prefill" table={{ columns: [], rows: [] }}>
        <RunPrefillTimelineChart
          chunks={[{ rep: 0, i: 0, computeMs: 5, stateMs: 1 }]}
          width={500}
        />
      </ChartCard>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'SVG' }));
    const svg = await readText(blobs[0]!);
    expect(svg).toContain('width="500"');
    expect(svg.match(/class="recharts-surface"/g)).toHaveLength(2);
  });

  it('rasterises the SVG on a canvas for PNG', async () => {
    const { blobs, names } = captureDownloads();
    const sources: string[] = [];
    vi.stubGlobal(
      'Image',
      class {
        onload: (() => void) | null = null;
        set src(value: string) {
          sources.push(value);
          queueMicrotask(() => this.onload?.());
        }
      },
    );
    const drawImage = vi.fn();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
      fillRect: vi.fn(),
      drawImage,
    } as never);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((done) =>
      done(new Blob(['png'], { type: 'image/png' })),
    );
    ttftCard();
    fireEvent.click(screen.getByRole('button', { name: 'PNG' }));
    await waitFor(() => expect(names).toEqual(['ttft-per-repetition.png']));
    expect(decodeURIComponent(sources[0]!)).toContain('recharts-scatter-symbol');
    expect(drawImage).toHaveBeenCalledWith(expect.anything(), 0, 0, 1120, 480);
    expect(blobs[0]!.type).toBe('image/png');
  });

  it('exports the table as CSV', async () => {
    const { blobs, names } = captureDownloads();
    ttftCard();
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    expect(names).toEqual(['ttft-per-repetition.csv']);
    const lines = (await readText(blobs[0]!)).trim().split('\n');
    expect(lines).toHaveLength(points.length + 1);
    expect(lines[2]).toBe('1,121,no,no,,,');
  });
});
