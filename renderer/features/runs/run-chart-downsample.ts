import { downsampleLttb } from './run-series-downsample';

/** Points per block whose reduction is kept once the block is complete. */
export const blockSize = 4096;
/** Points each complete block is reduced to (its extremes among them). */
export const pointsPerBlock = 16;

interface BlockCache<P> {
  /** The reductions of the complete blocks so far, in order. */
  blocks: (readonly P[])[];
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
    if (!cache) caches.set(points, (cache = { blocks: [] }));
    const complete = Math.floor(points.length / blockSize);
    for (let block = cache.blocks.length; block < complete; block++) {
      const slice = points.slice(block * blockSize, (block + 1) * blockSize);
      cache.blocks.push(downsampleLttb(slice, pointsPerBlock, x, y));
    }
    const tail = points.slice(complete * blockSize);
    const reducedTail = downsampleLttb(tail, pointsPerBlock, x, y);
    return downsampleLttb([...cache.blocks.flat(), ...reducedTail], maxPoints, x, y);
  };
}
