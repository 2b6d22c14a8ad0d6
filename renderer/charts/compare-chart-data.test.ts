import { describe, expect, it } from 'vitest';
import { inSlice, windowSeries, windowSlices } from './compare-chart-data';
import { configuration } from './compare-testing';

const grid = [32, 64].flatMap((chunk) =>
  [128, 256].flatMap((window) =>
    (['on', 'off'] as const).flatMap((memory) =>
      ['float', 'int8-channel'].map((quant) =>
        configuration({ scenario: { chunk, window, memory }, quant, ttftMs: chunk + window }),
      ),
    ),
  ),
);

describe('the TTFT-vs-window chart, one slice at a time', () => {
  it('names a slice by what varies besides chunk and window, and draws a line per chunk in it', () => {
    const slices = windowSlices(grid);
    expect(slices).toEqual([
      'memory on · float',
      'memory on · int8-channel',
      'memory off · float',
      'memory off · int8-channel',
    ]);
    const one = inSlice(grid, 'memory off · int8-channel');
    expect(one).toHaveLength(4);
    expect(one.every((c) => c.quant === 'int8-channel' && c.scenario.memory === 'off')).toBe(true);
    const lines = windowSeries(one);
    expect(lines.map((line) => [line.chunk, line.points.map((point) => point.window)])).toEqual([
      [32, [128, 256]],
      [64, [128, 256]],
    ]);
  });

  it('has one slice when only the chunk and window vary, and keeps every configuration for null', () => {
    const plain = grid.filter((c) => c.quant === 'float' && c.scenario.memory === 'on');
    expect(windowSlices(plain)).toEqual(['every configuration']);
    expect(inSlice(grid, null)).toHaveLength(grid.length);
  });
});
