import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { Configuration } from '../../../shared/compare';
import type { Budgets } from '../../../shared/profile';
import { CompareParetoChart, paretoTable } from '../../charts/compare-pareto-chart';
import { inSlice, windowSlices } from '../../charts/compare-chart-data';
import { CompareTtftWindowChart, ttftWindowTable } from '../../charts/compare-ttft-window-chart';
import { ChartCard } from '../../components/chart-card';
import { configurationName, onPhone, type CompareView } from './compare-view';
import { ConfigurationTable, type SidePicks } from './configuration-table';
import { RecommendationList } from './recommendation-list';
import { SideBySide } from './side-by-side';

// Memoised: a budget change redraws only what depends on the budgets (the Pareto chart, table).
const WindowChart = memo(CompareTtftWindowChart);
const ParetoChart = memo(CompareParetoChart);
const Pickers = memo(SidePickers);
const Sides = memo(SideBySide);

const noConfigurations: readonly Configuration[] = [];

const phoneValue = (phone: string | null) => phone ?? '';

function PhoneSelect({
  phones,
  phone,
  onChange,
}: {
  phones: readonly (string | null)[];
  phone: string | null;
  onChange(phone: string | null): void;
}) {
  if (phones.length < 2) return null;
  return (
    <label className="compare-phone">
      Phone{' '}
      <select
        value={phoneValue(phone)}
        onChange={(event) =>
          onChange(phones.find((p) => phoneValue(p) === event.target.value) ?? null)
        }
      >
        {phones.map((item) => (
          <option key={phoneValue(item)} value={phoneValue(item)}>
            {item ?? 'farm'}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which slice the TTFT-vs-window chart draws a line per chunk size for (when more than one). */
function SliceSelect({
  slices,
  slice,
  onChange,
}: {
  slices: readonly string[];
  slice: string | null;
  onChange(slice: string): void;
}) {
  if (slices.length < 2) return null;
  return (
    <label className="compare-slice">
      Lines per chunk size for{' '}
      <select value={slice ?? ''} onChange={(event) => onChange(event.target.value)}>
        {slices.map((item) => (
          <option key={item} value={item}>
            {item}
          </option>
        ))}
      </select>
    </label>
  );
}

function SidePicker({
  side,
  configurations,
  value,
  onPick,
}: {
  side: 'a' | 'b';
  configurations: readonly Configuration[];
  value: string | null;
  onPick(side: 'a' | 'b', key: string): void;
}) {
  return (
    <label>
      {side.toUpperCase()}{' '}
      <select value={value ?? ''} onChange={(event) => onPick(side, event.target.value)}>
        <option value="">pick a configuration</option>
        {configurations.map((item) => (
          <option key={item.key} value={item.key}>
            {configurationName(item)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SidePickers({
  measured,
  picks,
  onPick,
}: {
  measured: readonly Configuration[];
  picks: SidePicks;
  onPick(side: 'a' | 'b', key: string): void;
}) {
  return (
    <div className="compare-side-pickers">
      <SidePicker side="a" configurations={measured} value={picks.a} onPick={onPick} />
      <SidePicker side="b" configurations={measured} value={picks.b} onPick={onPick} />
    </div>
  );
}

/** The two fastest measured configurations: what the side by side shows until the user picks. */
function fastestTwo(measured: readonly Configuration[]): SidePicks {
  const sorted = [...measured].sort(
    (x, y) => (x.stats.ttftMs?.median ?? Infinity) - (y.stats.ttftMs?.median ?? Infinity),
  );
  return { a: sorted[0]?.key ?? null, b: sorted[1]?.key ?? null };
}

/** The picks kept while they are still in the view; otherwise the two fastest of the phone. */
function usePicks(measured: readonly Configuration[], onPhone: readonly Configuration[]) {
  const [picks, setPicks] = useState<SidePicks>({ a: null, b: null });
  const keys = new Set(measured.map((item) => item.key));
  const fallback = fastestTwo(onPhone.filter((item) => item.status === 'measured'));
  const a = picks.a && keys.has(picks.a) ? picks.a : fallback.a;
  const b = picks.b && keys.has(picks.b) ? picks.b : fallback.b;
  const pick = useCallback(
    (side: 'a' | 'b', key: string) => setPicks((current) => ({ ...current, [side]: key || null })),
    [],
  );
  const stable = useMemo(() => ({ a, b }), [a, b]);
  return { picks: stable, pick };
}

/**
 * A compare answer under the user's budgets: the phone's charts, the recommendation, every
 * configuration in a sortable table and two of them side by side.
 */
export function CompareResults({ view, budgets }: { view: CompareView; budgets: Budgets }) {
  const [chosenPhone, setPhone] = useState<string | null | undefined>(undefined);
  const phone =
    chosenPhone !== undefined && view.phones.includes(chosenPhone)
      ? chosenPhone
      : (view.phones[0] ?? null);
  const shown = useMemo(() => onPhone(view.configurations, phone), [view.configurations, phone]);
  const base = useMemo(() => onPhone(view.base, phone), [view.base, phone]);
  // The side by side (two timelines, two long pickers) renders after the charts and the table.
  const sideBase = useDeferredValue(view.base, noConfigurations);
  const measured = useMemo(() => sideBase.filter((item) => item.status === 'measured'), [sideBase]);
  const byKey = useMemo(() => new Map(sideBase.map((item) => [item.key, item])), [sideBase]);
  const { picks, pick } = usePicks(measured, base);
  const paretoData = useMemo(() => paretoTable({ configurations: shown }), [shown]);
  const slices = useMemo(() => windowSlices(base), [base]);
  const [chosenSlice, setSlice] = useState<string | null>(null);
  const slice =
    chosenSlice !== null && slices.includes(chosenSlice) ? chosenSlice : (slices[0] ?? null);
  // TTFT vs window draws after the Pareto chart and the table too, in its own task.
  const windowBase = useDeferredValue(base, noConfigurations);
  const sliced = useMemo(() => inSlice(windowBase, slice), [windowBase, slice]);
  const windowData = useMemo(() => ttftWindowTable({ configurations: sliced }), [sliced]);
  return (
    <>
      <section aria-label="Recommendation" className="compare-section">
        <h2>Recommendation</h2>
        <RecommendationList
          recommendations={view.recommendations}
          configurations={view.configurations}
        />
      </section>
      <section aria-label="Charts" className="compare-section">
        <h2>Charts {phone !== null && <span className="muted">· {phone}</span>}</h2>
        <PhoneSelect phones={view.phones} phone={phone} onChange={setPhone} />
        <div className="compare-charts">
          <ChartCard
            title="TTFT × peak memory (Pareto)"
            fileName="compare-pareto"
            table={paretoData}
          >
            <ParetoChart configurations={base} budgets={budgets} />
          </ChartCard>
          <ChartCard title="TTFT vs window" fileName="compare-ttft-window" table={windowData}>
            <SliceSelect slices={slices} slice={slice} onChange={setSlice} />
            <WindowChart configurations={sliced} />
          </ChartCard>
        </div>
      </section>
      <section aria-label="Side by side" className="compare-section">
        <h2>Side by side</h2>
        <Pickers measured={measured} picks={picks} onPick={pick} />
        <Sides
          query={view.query}
          a={picks.a ? (byKey.get(picks.a) ?? null) : null}
          b={picks.b ? (byKey.get(picks.b) ?? null) : null}
        />
      </section>
      <section aria-label="Configurations" className="compare-section">
        <h2>Configurations</h2>
        <ConfigurationTable configurations={view.configurations} picks={picks} onPick={pick} />
      </section>
    </>
  );
}
