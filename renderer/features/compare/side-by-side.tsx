import { useMemo } from 'react';
import type { Configuration } from '../../../shared/compare';
import { significance } from '../../../shared/compare-statistics';
import {
  RunPrefillTimelineChart,
  type PrefillChunk,
} from '../../charts/run-prefill-timeline-chart';
import { configurationName } from './compare-view';

/** A configuration's median prefill chunks as the run chart draws them (one repetition). */
export function medianChunks(configuration: Configuration): PrefillChunk[] {
  return configuration.prefillTimeline.map((chunk) => ({ rep: 0, ...chunk }));
}

/** B against A on TTFT and on accuracy (per-token KL), each in plain words. */
export function sideBySideTests(a: Configuration, b: Configuration) {
  const labels = { a: `A (${a.label})`, b: `B (${b.label})` };
  return [
    significance('ttftMs', a.ttftValues, b.ttftValues, labels),
    significance('kl', a.klValues, b.klValues, labels),
  ];
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
export function SideBySide({ a, b }: { a: Configuration | null; b: Configuration | null }) {
  const tests = useMemo(() => (a && b ? sideBySideTests(a, b) : []), [a, b]);
  if (!a || !b) {
    return (
      <p className="muted">
        Pick A and B in the table (or from the lists above) to compare two configurations.
      </p>
    );
  }
  return (
    <div className="compare-side-by-side">
      <ul className="compare-tests" aria-label="Significance">
        {tests.map((test) => (
          <li key={test.metric} data-verdict={test.verdict}>
            {test.sentence}
          </li>
        ))}
      </ul>
      <div className="compare-sides">
        <Timeline side="A" configuration={a} />
        <Timeline side="B" configuration={b} />
      </div>
    </div>
  );
}
