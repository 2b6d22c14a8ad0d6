import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderCharts } from './chart-svg';

const chunks = [0, 1, 2].map((i) => ({ rep: 0, i, computeMs: 10 + i, stateMs: 2 }));

describe('renderCharts', () => {
  it('draws the charts as SVG in a worker, none of its DOM globals leaking here', async () => {
    const [prefill] = await renderCharts([
      { kind: 'prefill-timeline', props: { chunks, width: 600, height: 200 } },
    ]);
    const page = new JSDOM(`<body>${prefill}</body>`).window.document;
    const svgs = page.querySelectorAll('svg.recharts-surface[width]');
    expect([...svgs].map((svg) => svg.getAttribute('width'))).toContain('360');
    // A bar per chunk and kind (compute, state update) in the per-chunk chart.
    expect(page.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThanOrEqual(6);
    expect(page.body.textContent).toContain('state update (ms)');
    expect(page.querySelector('.recharts-tooltip-wrapper')).toBeNull();
    expect('document' in globalThis).toBe(false);
  });

  it('draws nothing without starting a worker for no charts', async () => {
    expect(await renderCharts([])).toEqual([]);
  });
});
