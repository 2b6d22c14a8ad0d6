import { describe, expect, it } from 'vitest';
import { profileSchema, type ProfileInput } from '../../../shared/profile';
import { runRequestSchema } from '../../../shared/run';
import { expandGrid, gridSize } from './grid';

const profile = (grid: ProfileInput['grid'], rest: Partial<ProfileInput> = {}) =>
  profileSchema.parse({
    version: 1,
    name: 't',
    model: 'builtin:edge-infinite-tiny',
    grid,
    ...rest,
  });

describe('expandGrid', () => {
  it('gives one point per combination of the axes, each a valid run request with a phone', () => {
    const p = profile({
      chunk: [16, 32],
      sink: [4],
      window: [64, 128],
      memory: ['on', 'off'],
      quant: ['float', 'int8-channel'],
      threads: [1, 2],
    });
    const { points, skipped } = expandGrid(p);
    expect(points).toHaveLength(2 * 2 * 2 * 2 * 2);
    expect(skipped).toEqual([]);
    for (const point of points) {
      expect(runRequestSchema.safeParse({ ...point.request, device: 'x' }).success).toBe(true);
    }
    expect(new Set(points.map((point) => point.key)).size).toBe(points.length);
    expect(gridSize(p)).toEqual({ points: 32, skipped: 0 });
  });

  it('keys a point by scenario, canonical quant, EP, threads and prompt length', () => {
    const p = profile({
      chunk: [32],
      window: [96],
      quant: ['int8-channel'],
      promptTokens: [256, 512],
    });
    const { points } = expandGrid(p);
    expect(points.map((point) => point.key)).toEqual([
      'c32-s4-w96-mem-int8-channel:qdq-cpu-t1-p256',
      'c32-s4-w96-mem-int8-channel:qdq-cpu-t1-p512',
    ]);
    expect(points[1]?.request).toMatchObject({
      scenario: { chunk: 32, sink: 4, window: 96, memory: 'on' },
      quant: 'int8-channel:qdq',
      promptTokens: 512,
    });
  });

  it('carries the profile-wide settings into every request', () => {
    const p = profile(
      { chunk: [8] },
      {
        repetitions: 3,
        warmup: 0,
        accuracyPrompts: 2,
        dataset: '/d/qa.jsonl',
        includeThrottled: true,
      },
    );
    const [point] = expandGrid(p).points;
    expect(point?.request).toMatchObject({
      model: 'builtin:edge-infinite-tiny',
      dataset: '/d/qa.jsonl',
      repetitions: 3,
      warmup: 0,
      accuracyPrompts: 2,
      includeThrottled: true,
      gate: p.gate,
    });
    expect(point?.request).not.toHaveProperty('device');
    expect(point?.key.endsWith('-t1')).toBe(true);
  });

  it('skips a window smaller than the chunk with the reason, and counts it', () => {
    const p = profile({ chunk: [32, 128], window: [64, 256], memory: ['on', 'off'] });
    const { points, skipped } = expandGrid(p);
    expect(points).toHaveLength(6);
    expect(skipped.map((point) => point.key)).toEqual([
      'c128-s4-w64-mem-float-cpu-t1',
      'c128-s4-w64-nomem-float-cpu-t1',
    ]);
    expect(skipped[0]?.reason).toMatch(/window \(64\) must be at least the chunk size \(128\)/);
    expect(gridSize(p)).toEqual({ points: 6, skipped: 2 });
  });

  it('is stable: the same profile gives the same points in the same order', () => {
    const p = profile({ chunk: [16, 8], quant: ['int4-g32', 'float'] });
    expect(expandGrid(p)).toEqual(expandGrid(p));
    expect(expandGrid(p).points.map((point) => point.key)).toEqual([
      'c16-s4-w256-mem-int4-g32:nbits-cpu-t1',
      'c16-s4-w256-mem-float-cpu-t1',
      'c8-s4-w256-mem-int4-g32:nbits-cpu-t1',
      'c8-s4-w256-mem-float-cpu-t1',
    ]);
  });
});
