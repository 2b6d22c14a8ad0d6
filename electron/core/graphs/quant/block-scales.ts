import { rint, roundHalfUp, storedScale } from './rounding';
import {
  asymmetricGrids,
  lloydStep,
  score,
  searchRatio,
  symmetricGrids,
  type Candidate,
  type SearchProblem,
} from './scale-search';

/** How one block is quantised: the stored scale and zero point, and the inverse its codes use. */
export interface BlockScale extends Candidate {
  inverse: number;
  /** Codes round as the search scores them (searchCode), not with ONNX Runtime's roundf. */
  nearest: boolean;
}

/** A value's unsigned code as ONNX Runtime computes it: roundf(w · inverse + zero), clamped. */
export function blockCode(value: number, inverse: number, zero: number, levels: number): number {
  const y = Math.fround(Math.fround(value * inverse) + zero);
  return Math.min(levels, Math.max(0, roundHalfUp(y)));
}

/**
 * A value's signed code as the symmetric search scores it: rint(clamp(w · inverse, −half,
 * half − 1)). Its Lloyd step keeps these codes (they differ from blockCode's only at ties), so the
 * SIMD kernel packs them in the pass that refits the scale.
 */
export function searchCode(value: number, inverse: number, half: number): number {
  return rint(Math.min(Math.max(Math.fround(value * inverse), -half), half - 1));
}

/** A value's unsigned stored code in a block. */
export function storedCode(value: number, block: BlockScale, levels: number): number {
  return block.nearest
    ? searchCode(value, block.inverse, block.zero) + block.zero
    : blockCode(value, block.inverse, block.zero, levels);
}

/**
 * Symmetric: ONNX Runtime's rule (MLAS range2scale). The value of largest magnitude, with its
 * sign, maps to −half, so the block uses all 2·half levels (scale = extreme / −half, zero half).
 */
export function symmetricScale(
  values: Float64Array,
  rows: number,
  bits: 4 | 8,
  search: boolean,
): BlockScale {
  const half = 1 << (bits - 1);
  let max = values[0] as number;
  let min = max;
  for (let i = 1; i < rows; i++) {
    max = Math.max(max, values[i] as number);
    min = Math.min(min, values[i] as number);
  }
  // Ties go to min, as in MLAS.
  const extreme = Math.abs(max) > Math.abs(min) ? max : min;
  const plain = { scale: storedScale(extreme / -half), zero: 0 };
  if (!search) {
    return {
      scale: plain.scale,
      zero: half,
      inverse: Math.fround(1 / plain.scale),
      nearest: false,
    };
  }
  const problem: SearchProblem = {
    values,
    rows,
    lo: -half,
    hi: half - 1,
    candidate: (ratio) => ({ scale: storedScale(Math.fround(extreme * ratio) / -half), zero: 0 }),
    plain,
  };
  const best = searchRatio(problem, symmetricGrids[bits]);
  const code = (value: number, inverse: number) => searchCode(value, inverse, half);
  return { ...lloydStep(problem, best, code), zero: half, nearest: true };
}

/**
 * Asymmetric: ONNX Runtime's rule (MLAS range2scalezp) over [min(0, min), max(0, max)]. The
 * search clips the range, then tries the winner's zero point one step either side.
 */
export function asymmetricScale(
  values: Float64Array,
  rows: number,
  bits: 4 | 8,
  search: boolean,
): BlockScale {
  const levels = (1 << bits) - 1;
  let max = 0;
  let min = 0;
  for (let i = 0; i < rows; i++) {
    max = Math.max(max, values[i] as number);
    min = Math.min(min, values[i] as number);
  }
  const plain = rangeScale(min, max, levels);
  if (!search) return { ...plain, inverse: Math.fround(1 / plain.scale), nearest: false };
  const problem: SearchProblem = {
    values,
    rows,
    lo: 0,
    hi: levels,
    candidate: (ratio) => rangeScale(Math.fround(min * ratio), Math.fround(max * ratio), levels),
    plain,
  };
  let best = searchRatio(problem, asymmetricGrids[bits]);
  for (const zero of [best.zero - 1, best.zero + 1]) {
    if (zero < 0 || zero > levels) continue;
    const shifted = score(problem, { scale: best.scale, zero });
    if (shifted.gain > best.gain) best = shifted;
  }
  const { zero } = best;
  const code = (value: number, inverse: number) => blockCode(value, inverse, zero, levels) - zero;
  return { ...lloydStep(problem, best, code), zero, nearest: false };
}

/** Scale and zero point of the range [min, max] (min ≤ 0 ≤ max), in MLAS's float32 steps. */
function rangeScale(min: number, max: number, levels: number): Candidate {
  const scale = Math.fround(Math.fround(max - min) / levels);
  const zeroPoint = scale !== 0 ? Math.fround(0 - Math.fround(min / scale)) : min;
  return { scale: storedScale(scale), zero: Math.min(levels, Math.max(0, roundHalfUp(zeroPoint))) };
}
