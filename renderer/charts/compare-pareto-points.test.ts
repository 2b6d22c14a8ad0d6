import { describe, expect, it } from 'vitest';
import { niceAxis } from './compare-pareto-points';

describe('niceAxis', () => {
  it('rounds the span of the values out to nice ticks', () => {
    const axis = niceAxis([103, 187, 150]);
    expect(axis.domain).toEqual([100, 200]);
    expect(axis.ticks).toEqual([100, 120, 140, 160, 180, 200]);
  });

  it('gives a single value a span around it', () => {
    const axis = niceAxis([512, 512]);
    expect(axis.domain[0]).toBeLessThan(512);
    expect(axis.domain[1]).toBeGreaterThan(512);
    expect(axis.ticks.length).toBeGreaterThan(1);
  });
});
