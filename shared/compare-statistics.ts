import kruskalTest from '@stdlib/stats-kruskal-test';
import { median, wilcoxonRankSum } from 'simple-statistics';
import type { Significance } from './compare';

export { budgetBreaches, recommend } from './compare-recommend';
export { diffConfigurations, type DiffSide } from './compare-diff';

/**
 * The statistics Compare rests on, pure so the Compare page, the main process and the reports
 * compute the same figures: the Pareto frontier, the significance test of two configurations,
 * the recommendation under budgets (`compare-recommend.ts`) and the diff of two sweeps
 * (`compare-diff.ts`).
 */

/** A configuration as the frontier sees it: median TTFT and median peak memory, lower better. */
export interface ParetoPoint {
  key: string;
  ttftMs: number;
  peakBytes: number;
}

/**
 * The keys of the points no other point dominates (another as fast and as small, and strictly
 * better on one). Equal points are all on the frontier. O(n log n): sorted by TTFT, a point is on
 * it when it is smaller than every faster point.
 */
export function paretoFrontier(points: readonly ParetoPoint[]): Set<string> {
  const sorted = [...points].sort((a, b) => a.ttftMs - b.ttftMs || a.peakBytes - b.peakBytes);
  const frontier = new Set<string>();
  let smallest = Infinity;
  let last: ParetoPoint | null = null;
  for (const point of sorted) {
    const sameAsLast =
      last !== null && point.ttftMs === last.ttftMs && point.peakBytes === last.peakBytes;
    if (point.peakBytes < smallest || (sameAsLast && frontier.has(last!.key))) {
      frontier.add(point.key);
      smallest = Math.min(smallest, point.peakBytes);
    }
    last = point;
  }
  return frontier;
}

/** Fewer values than this on either side and the test is not run (`insufficient`). */
export const minimumTestValues = 3;

/** The names the sentence gives the two configurations. */
export interface SignificanceLabels {
  a: string;
  b: string;
}

const metricWords = {
  ttftMs: { name: 'TTFT', better: 'faster', worse: 'slower' },
  kl: { name: 'accuracy (per-token KL)', better: 'more accurate', worse: 'less accurate' },
} as const;

/**
 * B against A on one metric (lower is better for both TTFT and KL) with a two-sided Mann–Whitney
 * U test: the Kruskal–Wallis test of two groups, which is the two-sided U test's normal
 * approximation with the tie correction (H = z²), from @stdlib. U is B's: the pairs (a, b) with
 * b > a, ties counting a half (rank sum of B − nB(nB + 1)/2), so a small U says B is lower.
 */
export function significance(
  metric: Significance['metric'],
  aValues: readonly number[],
  bValues: readonly number[],
  labels: SignificanceLabels,
  alpha = 0.05,
): Significance {
  const nA = aValues.length;
  const nB = bValues.length;
  const medianA = nA > 0 ? median([...aValues]) : null;
  const medianB = nB > 0 ? median([...bValues]) : null;
  const relativeChange =
    medianA !== null && medianB !== null && medianA !== 0 ? (medianB - medianA) / medianA : null;
  const base = { metric, nA, nB, medianA, medianB, relativeChange };
  if (nA < minimumTestValues || nB < minimumTestValues) {
    const sentence = `Too few values to test ${metricWords[metric].name}: ${labels.a} has ${nA}, ${labels.b} has ${nB} (at least ${minimumTestValues} each).`;
    return { ...base, u: null, p: null, verdict: 'insufficient', sentence };
  }
  const u = wilcoxonRankSum([...bValues], [...aValues]) - (nB * (nB + 1)) / 2;
  // Every value equal: no ranks to tell apart, the statistic is 0/0 (the library answers NaN).
  const tested = kruskalTest([...aValues], [...bValues]).pValue;
  const p = Number.isNaN(tested) ? 1 : tested;
  // The direction is the test's own: U below its mean nA·nB/2 says B's values tend lower (the
  // medians can tie while the test still tells the two apart).
  const verdict = p >= alpha ? 'no-difference' : u < (nA * nB) / 2 ? 'better' : 'worse';
  return {
    ...base,
    u,
    p,
    verdict,
    sentence: sentenceOf(metric, verdict, p, relativeChange, labels),
  };
}

function sentenceOf(
  metric: Significance['metric'],
  verdict: 'better' | 'worse' | 'no-difference',
  p: number,
  relativeChange: number | null,
  labels: SignificanceLabels,
): string {
  const words = metricWords[metric];
  const figures = `${formatP(p)}${relativeChange === null ? '' : `, median ${formatChange(relativeChange)}`}`;
  if (verdict === 'no-difference')
    return `No significant difference in ${words.name} between ${labels.a} and ${labels.b}: ${figures}.`;
  const comparison = verdict === 'better' ? words.better : words.worse;
  return `${labels.b} is ${comparison} than ${labels.a}: ${figures}.`;
}

/** `p = 0.003`, or `p < 0.001`. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A relative change as a signed percentage with a true minus: `−18 %`, `+2.5 %`. */
export function formatChange(change: number): string {
  const percent = Math.abs(change * 100);
  const digits = percent < 10 ? 1 : 0;
  const sign = change < 0 ? '−' : '+';
  return `${sign}${percent.toFixed(digits)} %`;
}
