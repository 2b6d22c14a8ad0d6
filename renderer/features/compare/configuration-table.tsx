import { useMemo, useState, type UIEvent } from 'react';
import type { Configuration } from '../../../shared/compare';
import { formatCell } from '../../charts/chart-table';
import {
  configurationColumns,
  nextOrder,
  sortConfigurations,
  type SortOrder,
} from './configuration-columns';

/** Rows drawn at once; the rest are spacers, so thousands of configurations stay responsive. */
const windowRows = 60;
const rowHeight = 28;

/** Which configurations the side by side compares. */
export interface SidePicks {
  a: string | null;
  b: string | null;
}

export interface ConfigurationTableProps {
  configurations: readonly Configuration[];
  picks: SidePicks;
  onPick(side: 'a' | 'b', key: string): void;
}

function useWindow(count: number) {
  const [first, setFirst] = useState(0);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const top = Math.floor(event.currentTarget.scrollTop / rowHeight) - windowRows / 4;
    setFirst(Math.max(0, Math.min(top, count - windowRows)));
  };
  const start = Math.max(0, Math.min(first, count - windowRows));
  return { start, end: Math.min(count, start + windowRows), onScroll };
}

function SortHeading({
  id,
  heading,
  order,
  onSort,
}: {
  id: string;
  heading: string;
  order: SortOrder;
  onSort(column: string): void;
}) {
  const sorted = order.column === id ? order.direction : 'none';
  return (
    <th scope="col" aria-sort={sorted}>
      <button type="button" className="link" onClick={() => onSort(id)}>
        {heading}
        {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
      </button>
    </th>
  );
}

function PickButtons({
  configuration,
  picks,
  onPick,
}: {
  configuration: Configuration;
  picks: SidePicks;
  onPick(side: 'a' | 'b', key: string): void;
}) {
  if (configuration.status !== 'measured') return <td />;
  return (
    <td className="compare-picks">
      {(['a', 'b'] as const).map((side) => (
        <button
          key={side}
          type="button"
          aria-pressed={picks[side] === configuration.key}
          aria-label={`Compare ${configuration.label} as ${side.toUpperCase()}`}
          onClick={() => onPick(side, configuration.key)}
        >
          {side.toUpperCase()}
        </button>
      ))}
    </td>
  );
}

/**
 * Every configuration, sortable by any column (headings are buttons; aria-sort says the order),
 * windowed to the rows in view. A and B pick the two configurations of the side by side.
 */
export function ConfigurationTable({ configurations, picks, onPick }: ConfigurationTableProps) {
  const [order, setOrder] = useState<SortOrder>({ column: 'ttft', direction: 'ascending' });
  const sorted = useMemo(() => sortConfigurations(configurations, order), [configurations, order]);
  const view = useWindow(sorted.length);
  const shown = sorted.slice(view.start, view.end);
  return (
    <div
      className="compare-table"
      tabIndex={0}
      onScroll={view.onScroll}
      aria-label="Configurations table"
    >
      <table className="chart-table">
        <caption>
          {configurations.length} configurations{sorted.length > windowRows && ', scroll for more'}
        </caption>
        <thead>
          <tr>
            <th scope="col">side by side</th>
            {configurationColumns.map((column) => (
              <SortHeading
                key={column.id}
                {...column}
                order={order}
                onSort={(id) => setOrder(nextOrder(order, id))}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {view.start > 0 && <tr aria-hidden="true" style={{ height: view.start * rowHeight }} />}
          {shown.map((configuration) => (
            <tr
              key={configuration.key}
              data-status={configuration.status}
              data-over-budget={configuration.overBudget.length > 0 || undefined}
            >
              <PickButtons configuration={configuration} picks={picks} onPick={onPick} />
              {configurationColumns.map((column) => (
                <td
                  key={column.id}
                  title={
                    column.id === 'status'
                      ? (configuration.reason ?? configuration.overBudget.join('; '))
                      : undefined
                  }
                >
                  {formatCell(column.value(configuration))}
                </td>
              ))}
            </tr>
          ))}
          {view.end < sorted.length && (
            <tr aria-hidden="true" style={{ height: (sorted.length - view.end) * rowHeight }} />
          )}
        </tbody>
      </table>
    </div>
  );
}
