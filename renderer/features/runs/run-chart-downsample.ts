import { downsampleLttb } from './run-series-downsample';

/** Points per block whose reduction is kept once the block is complete. */
export const blockSize = 4096;
/** Points each complete block is reduced to (its extremes among them). */
export const pointsPerBlock = 16;

interface BlockCache<P> {
  /** Complete blocks reduced so far. */
  blocks: number;
  /** Their reductions, in order, in one array (grown as blocks complete, never re-flattened). */
  reduced: P[];
}

/**
 * An incremental LTTB of an append-only series for charts that redraw every frame: each complete
 * block of `blockSize` points is reduced once (to `pointsPerBlock`, extremes kept) and cached per
 * array; a frame only reduces the incomplete tail block and then the concatenation (a few
 * thousand points) to `maxPoints`. A whole-series LTTB costs ~0.5 s at 1 M points; this is
 * O(block) a frame. The arrays are identified by identity: they grow in place, never shrink.
 */
export function blockDownsampler<P>(
  x: (point: P) => number,
  y: (point: P) => number,
): (points: readonly P[], maxPoints: number) => readonly P[] {
  const caches = new WeakMap<readonly P[], BlockCache<P>>();
  return (points, maxPoints) => {
    if (points.length <= maxPoints) return points.slice();
    let cache = caches.get(points);
    if (!cache) caches.set(points, (cache = { blocks: 0, reduced: [] }));
    const complete = Math.floor(points.length / blockSize);
    for (; cache.blocks < complete; cache.blocks++) {
      const slice = points.slice(cache.blocks * blockSize, (cache.blocks + 1) * blockSize);
      for (const point of downsampleLttb(slice, pointsPerBlock, x, y)) cache.reduced.push(point);
    }
    const tail = points.slice(complete * blockSize);
    const reducedTail = downsampleLttb(tail, pointsPerBlock, x, y);
    return downsampleLttb(cache.reduced.concat(reducedTail), maxPoints, x, y);
  };
}
