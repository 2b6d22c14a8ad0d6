import type { CompareQuery, Configuration } from '../../../shared/compare';
import {
  RunPrefillTimelineChart,
  type PrefillChunk,
} from '../../charts/run-prefill-timeline-chart';
import { configurationName } from './compare-view';
import { useSignificance, type SignificanceState } from './use-significance';

/** A configuration's median prefill chunks as the run chart draws them (one repetition). */
export function medianChunks(configuration: Configuration): PrefillChunk[] {
  return configuration.prefillTimeline.map((chunk) => ({ rep: 0, ...chunk }));
}

/** The two tests in words, or what is keeping them. */
function Tests({ state }: { state: SignificanceState }) {
  if (state.status === 'loading') return <p className="muted">Testing B against A…</p>;
  if (state.status === 'failed') return <p role="alert">Could not test: {state.message}</p>;
  return (
    <ul className="compare-tests" aria-label="Significance">
      {state.tests.map((test) => (
        <li key={test.metric} data-verdict={test.verdict}>
          {test.sentence}
        </li>
      ))}
    </ul>
  );
}

function Timeline({ side, configuration }: { side: string; configuration: Configuration }) {
  return (
    <figure className="compare-side">
      <figcaption>
        {side}: {configurationName(configuration)} · where TTFT goes, median per chunk
      </figcaption>
      <RunPrefillTimelineChart chunks={medianChunks(configuration)} width={420} height={200} />
    </figure>
  );
}

/**
 * Two configurations side by side: the significance of their TTFT and accuracy difference in
 * words (two-sided Mann–Whitney U), and their prefill timelines (compute vs state update).
 */
export function SideBySide({
  query,
  a,
  b,
}: {
  query: Pick<CompareQuery, 'sweepIds' | 'runIds' | 'scope'>;
  a: Configuration | null;
  b: Configuration | null;
}) {
  const tests = useSignificance(query, a?.key ?? null, b?.key ?? null);
  if (!a || !b) {
    return (
      <p className="muted">
        Pick A and B in the table (or from the lists above) to compare two configurations.
      </p>
    );
  }
  return (
    <div className="compare-side-by-side">
      <Tests state={tests} />
      <div className="compare-sides">
        <Timeline side="A" configuration={a} />
        <Timeline side="B" configuration={b} />
      </div>
    </div>
  );
}
