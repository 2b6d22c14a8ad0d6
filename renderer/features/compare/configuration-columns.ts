import type { Configuration } from '../../../shared/compare';
import { toMib } from '../../charts/run-chart-parts';

/** A column of the configuration table: its heading (with unit) and its value, for sorting too. */
export interface ConfigurationColumn {
  id: string;
  heading: string;
  value(configuration: Configuration): string | number | null;
}

const stat = (configuration: Configuration, metric: keyof Configuration['stats']) =>
  configuration.stats[metric] ?? null;
const mib = (bytes: number | undefined | null) =>
  bytes === undefined || bytes === null ? null : toMib(bytes);

/** Every column, in the order shown. */
export const configurationColumns: readonly ConfigurationColumn[] = [
  { id: 'label', heading: 'configuration', value: (c) => c.label },
  {
    id: 'phone',
    heading: 'phone',
    value: (c) => (c.deviceKey ?? 'farm') + (c.emulated ? ' (emulated)' : ''),
  },
  {
    id: 'status',
    heading: 'status',
    value: (c) => (c.overBudget.length > 0 ? 'over budget' : c.status),
  },
  { id: 'ttft', heading: 'TTFT median (ms)', value: (c) => stat(c, 'ttftMs')?.median ?? null },
  { id: 'ttftP90', heading: 'TTFT p90 (ms)', value: (c) => stat(c, 'ttftMs')?.p90 ?? null },
  {
    id: 'ttftCi',
    heading: 'TTFT 95 % CI (ms)',
    value: (c) => {
      const ttft = stat(c, 'ttftMs');
      return ttft ? `${ttft.ciLow.toFixed(1)}–${ttft.ciHigh.toFixed(1)}` : null;
    },
  },
  {
    id: 'prefill',
    heading: 'prefill (tok/s)',
    value: (c) => stat(c, 'prefillTokS')?.median ?? null,
  },
  { id: 'decode', heading: 'decode (tok/s)', value: (c) => stat(c, 'decodeTokS')?.median ?? null },
  { id: 'peak', heading: 'peak memory (MiB)', value: (c) => mib(stat(c, 'peakRssBytes')?.median) },
  { id: 'weights', heading: 'weights (MiB)', value: (c) => mib(c.memory?.weightsBytes) },
  {
    id: 'state',
    heading: 'KV + memory (MiB)',
    value: (c) => (c.memory ? toMib(c.memory.kvCacheBytes + c.memory.memoryStateBytes) : null),
  },
  { id: 'runtime', heading: 'runtime (MiB)', value: (c) => mib(c.memory?.runtimeBytes) },
  {
    id: 'energy',
    heading: 'prefill energy (mJ/token)',
    value: (c) => c.energy?.prefillMjPerToken ?? null,
  },
  {
    id: 'decodeEnergy',
    heading: 'decode energy (mJ/token)',
    value: (c) => c.energy?.decodeMjPerToken ?? null,
  },
  { id: 'fidelity', heading: 'fidelity (cosine)', value: (c) => c.fidelity?.cosineMean ?? null },
  { id: 'task', heading: 'task F1', value: (c) => c.task?.f1 ?? null },
  { id: 'runs', heading: 'runs (n)', value: (c) => c.runIds.length },
];

/** How the table is sorted. */
export interface SortOrder {
  column: string;
  direction: 'ascending' | 'descending';
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The configurations sorted by a column; missing values last whichever the direction. */
export function sortConfigurations(
  configurations: readonly Configuration[],
  order: SortOrder,
): Configuration[] {
  const column = configurationColumns.find((candidate) => candidate.id === order.column);
  if (!column) return [...configurations];
  const sign = order.direction === 'ascending' ? 1 : -1;
  const keyed = configurations.map((configuration) => ({
    configuration,
    value: column.value(configuration),
  }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null)
      return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0);
    return sign * compareValues(a.value, b.value);
  });
  return keyed.map((item) => item.configuration);
}

/** The order after a click on a column's heading: the other direction, or ascending when new. */
export function nextOrder(order: SortOrder, column: string): SortOrder {
  if (order.column !== column) return { column, direction: 'ascending' };
  return { column, direction: order.direction === 'ascending' ? 'descending' : 'ascending' };
}
