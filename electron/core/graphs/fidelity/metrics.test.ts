import { describe, expect, it } from 'vitest';
import { compareLogits, cosine, klDivergence } from './metrics';

const logits = (...values: number[]) => Float32Array.from(values);

describe('fidelity metrics', () => {
  it('are perfect for identical logits, even shifted by a constant', () => {
    const a = logits(1, 2, 3, -1);
    const summary = compareLogits([a, a], [a, logits(11, 12, 13, 9)]);
    expect(summary.top1Agreement).toBe(1);
    expect(summary.klMean).toBeCloseTo(0, 6);
    expect(cosine(a, a)).toBeCloseTo(1, 6);
  });

  it('compute KL(P‖Q) of the softmax distributions', () => {
    // P = softmax(0, ln 3) = (1/4, 3/4); Q uniform: KL = 1/4 ln(1/2) + 3/4 ln(3/2)
    expect(klDivergence(logits(0, Math.log(3)), logits(0, 0))).toBeCloseTo(
      0.25 * Math.log(0.5) + 0.75 * Math.log(1.5),
      6,
    );
  });

  it('count top-1 disagreements and take the 95th percentile of KL', () => {
    const reference = Array.from({ length: 20 }, () => logits(0, 5));
    const candidate = reference.map((_, i) => (i < 2 ? logits(5, 0) : logits(0, 5)));
    const summary = compareLogits(reference, candidate);
    expect(summary.top1Agreement).toBe(18 / 20);
    const flipped = klDivergence(logits(0, 5), logits(5, 0));
    expect(summary.klMean).toBeCloseTo(flipped / 10, 9);
    // 18 zeros and two `flipped`: the 95th percentile lies among the flipped tokens.
    expect(summary.klP95).toBeCloseTo(flipped, 9);
  });

  it('refuses sequences of different lengths', () => {
    expect(() => compareLogits([logits(1)], [])).toThrow(
      /Cannot compare 0 candidate tokens with 1/,
    );
  });
});
