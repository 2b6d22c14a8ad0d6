import { rint, storedScale } from './rounding';

/**
 * The `-mse` scale search of the scalar kernels, step for step what kernels.wat does. A
 * candidate ratio r gives a scale (r times the default range), its codes
 * q = rint(clamp(w / scale + zero, lo, hi)) − zero and their gain (Σw·q)² / Σq²: the squared
 * error those codes leave, once refitted by least squares, is Σw² minus the gain. Three coarse
 * ratios, then the best one a step up or down (the clip-ratio grid of fine-grained PTQ methods,
 * searched coarse to fine so it costs four passes, not nine); sums are float32, row by row.
 */

/** Coarse ratios to the default range, the fine step and the largest ratio tried. */
export interface SearchGrid {
  coarse: Float32Array;
  step: number;
  top: number;
  /**
   * The first coarse ratio is `top` and its codes fit the levels unclamped (symmetric: the extreme
   * lands on ±(half − 1)), so they skip the clamp (see score), as the SIMD kernels do.
   */
  unclampedTop: boolean;
}

function grid(coarse: number[], step: number, top: number, unclampedTop = true): SearchGrid {
  return {
    coarse: Float32Array.from(coarse),
    step: Math.fround(step),
    top: Math.fround(top),
    unclampedTop,
  };
}

/**
 * Symmetric blocks: the levels are lopsided (−8…7), so ratios go above 1 up to half / (half − 1),
 * where the extreme lands on −7 and the other sign gets room up to +7.
 */
export const symmetricGrids: Record<4 | 8, SearchGrid> = {
  4: grid([8 / 7, 1, 0.9], 0.05, 8 / 7),
  8: grid([128 / 127, 1, 0.99], 0.004, 128 / 127),
};
/** Asymmetric: the top ratio's zero point is rounded, so its codes can overshoot by one. */
export const asymmetricGrids: Record<4 | 8, SearchGrid> = {
  4: grid([1, 0.9, 0.8], 0.05, 1, false),
  8: grid([1, 0.99, 0.98], 0.004, 1, false),
};
/** Per-channel int8: a whole column shares one scale, so clips stay close to 1. */
export const channelGrid = grid([1, 0.99, 0.98], 0.005, 1);

/** A scale with the zero point its codes are offset by. */
export interface Candidate {
  scale: number;
  zero: number;
}

/** One column's block and how the search reads it. */
export interface SearchProblem {
  values: Float64Array;
  rows: number;
  /** Bounds of a code (zero point included). */
  lo: number;
  hi: number;
  /** The candidate of a ratio. */
  candidate(ratio: number): Candidate;
  /** The default, where no candidate scores. */
  plain: Candidate;
}

/** A scored candidate: its gain and the least-squares scale of its codes. */
export interface Scored extends Candidate {
  gain: number;
  fitted: number;
}

/**
 * Gain and least-squares scale of a candidate's codes (NaN gain when every code is 0). `clamp`
 * false skips clamping the codes to [lo, hi], as the SIMD kernel does for the top ratio's, which
 * fit unclamped (the same codes, save for values near the float32 maximum).
 */
export function score(problem: SearchProblem, { scale, zero }: Candidate, clamp = true): Scored {
  const { values, rows } = problem;
  const lo = clamp ? problem.lo : -Infinity;
  const hi = clamp ? problem.hi : Infinity;
  const inverse = Math.fround(1 / scale);
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < rows; i++) {
    const value = values[i] as number;
    const x = Math.fround(Math.fround(value * inverse) + zero);
    const q = rint(Math.min(Math.max(x, lo), hi)) - zero;
    dot = Math.fround(dot + Math.fround(value * q));
    norm = Math.fround(norm + q * q);
  }
  const gain = Math.fround(Math.fround(dot * dot) / norm);
  return { scale, zero, gain, fitted: Math.fround(dot / norm) };
}

/**
 * The candidate of most gain over the grid: the coarse ratios, then the best one a step towards
 * its least-squares scale (up, at most `top`, where that is larger; else down). One fine candidate,
 * not both: the other side seldom wins, and a pass over the block is most of the search's cost.
 */
export function searchRatio(
  problem: SearchProblem,
  { coarse, step, top, unclampedTop }: SearchGrid,
): Scored {
  let best: Scored = { ...problem.plain, gain: -1, fitted: problem.plain.scale };
  let bestRatio = 1;
  const consider = (ratio: number, clamp = true) => {
    const scored = score(problem, problem.candidate(ratio), clamp);
    if (scored.gain > best.gain) [best, bestRatio] = [scored, ratio];
  };
  coarse.forEach((ratio, i) => consider(ratio, i > 0 || !unclampedTop));
  const up = best.gain >= 0 && Math.abs(best.fitted) > Math.abs(best.scale);
  consider(up ? Math.min(top, Math.fround(bestRatio + step)) : Math.fround(bestRatio - step));
  return best;
}

/**
 * One Lloyd step from the winner: the codes of its least-squares scale (the default's scale if
 * that is not a normal float), stored with their own least-squares scale. `code` gives a value's
 * signed code for an inverse scale.
 */
export function lloydStep(
  problem: SearchProblem,
  best: Scored,
  code: (value: number, inverse: number) => number,
): { scale: number; inverse: number } {
  const scale = storedScale(best.fitted) === best.fitted ? best.fitted : problem.plain.scale;
  const inverse = Math.fround(1 / scale);
  const { values, rows } = problem;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < rows; i++) {
    const value = values[i] as number;
    const q = code(value, inverse);
    dot = Math.fround(dot + Math.fround(value * q));
    norm = Math.fround(norm + q * q);
  }
  const refitted = Math.fround(dot / norm);
  const stored = norm > 0 && storedScale(refitted) === refitted ? refitted : scale;
  return { scale: stored, inverse };
}
