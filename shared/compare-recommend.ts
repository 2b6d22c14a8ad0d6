import type { Configuration, Recommendation } from './compare';
import type { Budgets } from './profile';

/** What the budgets and the recommendation read of a configuration. */
export type Rankable = Pick<
  Configuration,
  'key' | 'label' | 'deviceKey' | 'status' | 'stats' | 'fidelity' | 'overBudget'
>;

const mebibyte = 1024 * 1024;

/**
 * The budgets a measured configuration breaks, in words (`peak 812 MiB > 512 MiB`); empty when it
 * keeps to them all. A budget on something it was not measured on is broken (`fidelity not
 * measured`): it cannot be shown to keep to it. Each breach starts with the word of its budget
 * (`peak`, `TTFT`, `cosine`). The memory budget's MB are read as MiB (2^20 bytes), as the
 * phones' RAM is counted.
 */
export function budgetBreaches(
  config: Pick<Rankable, 'stats' | 'fidelity'>,
  budgets: Budgets,
): string[] {
  const breaches: string[] = [];
  const peak = config.stats.peakRssBytes?.median;
  if (budgets.maxPeakMemoryMb !== undefined) {
    if (peak === undefined) breaches.push('peak memory not measured');
    else if (peak > budgets.maxPeakMemoryMb * mebibyte)
      breaches.push(`peak ${mib(peak)} MiB > ${budgets.maxPeakMemoryMb} MiB`);
  }
  const ttft = config.stats.ttftMs?.median;
  if (budgets.maxTtftMs !== undefined) {
    if (ttft === undefined) breaches.push('TTFT not measured');
    else if (ttft > budgets.maxTtftMs)
      breaches.push(`TTFT ${ttft.toFixed(0)} ms > ${budgets.maxTtftMs} ms`);
  }
  const cosine = config.fidelity?.cosineMean;
  if (budgets.minFidelity !== undefined) {
    if (cosine === undefined) breaches.push('cosine not measured');
    else if (cosine < budgets.minFidelity)
      breaches.push(`cosine ${cosine.toFixed(4)} < ${budgets.minFidelity}`);
  }
  return breaches;
}

/**
 * The best configuration of each phone (or of the farm, `deviceKey` null): the lowest median TTFT
 * among the measured ones within budget (`overBudget` empty), and what it costs against the
 * fastest measured one. Phones in the order they first appear.
 */
export function recommend(configurations: readonly Rankable[], budgets: Budgets): Recommendation[] {
  const byPhone = new Map<string | null, Rankable[]>();
  for (const config of configurations) {
    if (config.status !== 'measured' || config.stats.ttftMs === undefined) continue;
    const group = byPhone.get(config.deviceKey) ?? [];
    group.push(config);
    byPhone.set(config.deviceKey, group);
  }
  return [...byPhone].map(([deviceKey, measured]) => recommendOne(deviceKey, measured, budgets));
}

function recommendOne(
  deviceKey: string | null,
  measured: readonly Rankable[],
  budgets: Budgets,
): Recommendation {
  const fastest = fastestOf(measured)!;
  const best = fastestOf(measured.filter((config) => config.overBudget.length === 0));
  const where = deviceKey === null ? 'On the farm' : `On ${deviceKey}`;
  if (best === null) {
    const sentence = `${where}, nothing measured keeps to ${budgetWords(budgets)}: ${ruledOut(measured)}.`;
    return { deviceKey, best: null, fastest: fastest.key, ttftRatio: null, sentence };
  }
  const ratio = ttftOf(best) / ttftOf(fastest);
  const within = hasBudgets(budgets) ? ` within ${budgetWords(budgets)}` : '';
  const cost =
    best.key === fastest.key
      ? ' and the fastest measured'
      : `, ${ratio.toFixed(2)}× the TTFT of the fastest, ${fastest.label} (${ms(fastest)})`;
  const sentence = `${where}, ${best.label} is fastest${within} (TTFT ${ms(best)})${cost}.`;
  return { deviceKey, best: best.key, fastest: fastest.key, ttftRatio: ratio, sentence };
}

function fastestOf(configs: readonly Rankable[]): Rankable | null {
  let fastest: Rankable | null = null;
  for (const config of configs)
    if (fastest === null || ttftOf(config) < ttftOf(fastest)) fastest = config;
  return fastest;
}

function ttftOf(config: Rankable): number {
  return config.stats.ttftMs!.median;
}

function ms(config: Rankable): string {
  return `${ttftOf(config).toFixed(0)} ms`;
}

function mib(bytes: number): string {
  return (bytes / mebibyte).toFixed(0);
}

function hasBudgets(budgets: Budgets): boolean {
  return Object.values(budgets).some((value) => value !== undefined);
}

/** `512 MiB, TTFT ≤ 800 ms and cosine ≥ 0.99`. */
export function budgetWords(budgets: Budgets): string {
  const words = [
    budgets.maxPeakMemoryMb === undefined ? null : `${budgets.maxPeakMemoryMb} MiB`,
    budgets.maxTtftMs === undefined ? null : `TTFT ≤ ${budgets.maxTtftMs} ms`,
    budgets.minFidelity === undefined ? null : `cosine ≥ ${budgets.minFidelity}`,
  ].filter((word) => word !== null);
  if (words.length === 0) return 'no budget';
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const budgetNames: Record<string, string> = { peak: 'memory', TTFT: 'TTFT', cosine: 'fidelity' };

/** Which budget ruled every configuration out: the breach kinds counted over them. */
function ruledOut(measured: readonly Rankable[]): string {
  const kinds = new Map<string, number>();
  for (const config of measured) {
    for (const breach of config.overBudget) {
      const kind = breach.split(' ')[0]!;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  const all = [...kinds]
    .filter(([, count]) => count === measured.length)
    .map(([kind]) => budgetNames[kind] ?? kind);
  if (all.length > 0)
    return `every one of ${measured.length} breaks its ${all.join(' and ')} budget`;
  return `each of ${measured.length} breaks at least one budget`;
}
