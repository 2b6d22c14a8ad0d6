import type { z } from 'zod';
import type { fidelitySummarySchema } from '../../../shared/graph';
import type { RunContext } from '../../../shared/run';
import type { RunAccuracy, RunSummary } from '../../../shared/run-metrics';
import { throttledWords } from '../../../shared/run-words';

type FidelitySummary = z.infer<typeof fidelitySummarySchema>;

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

function FidelityRow({ label, fidelity }: { label: string; fidelity: FidelitySummary }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{fidelity.cosineMean.toFixed(4)}</td>
      <td>{percent(fidelity.top1Agreement)}</td>
      <td>{fidelity.klMean.toExponential(2)}</td>
      <td>{fidelity.klP95.toExponential(2)}</td>
      <td>{fidelity.tokens}</td>
    </tr>
  );
}

/** The accuracy of the run: fidelity total / cache / quantisation and the task score. */
export function RunAccuracyPanel({ accuracy }: { accuracy: RunAccuracy | null | undefined }) {
  if (!accuracy) {
    return (
      <section aria-label="Accuracy" className="run-panel">
        <h3>Accuracy</h3>
        <p className="muted">Accuracy comes in with the run&apos;s summary, once it finishes.</p>
      </section>
    );
  }
  return (
    <section aria-label="Accuracy" className="run-panel" data-testid="run-accuracy">
      <h3>Accuracy ({accuracy.prompts} prompts, against the float full-context reference)</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Error</th>
            <th scope="col">Logit cosine</th>
            <th scope="col">Top-1 agreement</th>
            <th scope="col">KL mean</th>
            <th scope="col">KL p95</th>
            <th scope="col">Tokens</th>
          </tr>
        </thead>
        <tbody>
          <FidelityRow label="Total" fidelity={accuracy.total} />
          <FidelityRow label="Cache" fidelity={accuracy.cache} />
          <FidelityRow label="Quantisation" fidelity={accuracy.quantization} />
        </tbody>
      </table>
      <p>
        {accuracy.task
          ? `Task score over ${accuracy.task.answered} answers: exact match ${percent(accuracy.task.exactMatch)}, F1 ${percent(accuracy.task.f1)}, ROUGE-L ${percent(accuracy.task.rougeL)}`
          : 'No task score: the dataset has no answers.'}
      </p>
    </section>
  );
}

const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} ms`);

/** The repetitions, and what became of the throttled ones (counted, or how many left out). */
function repetitionsFact(summary: RunSummary): string {
  const { measured, warmup } = summary.repetitions;
  return `${measured} measured, ${warmup} warm-up, ${throttledWords(summary)}`;
}

/**
 * The summary figures a finished run is known by, in the words `edge-studio run` prints them
 * (cold and warm TTFT, prefill, load as session create, throttled repetitions counted or left out).
 */
export function RunSummaryFacts({ summary }: { summary: RunSummary }) {
  const { ttftMs: ttft, prefillTokS: prefill, decodeTokS: decode } = summary.stats;
  const facts: [string, string][] = [
    ['Repetitions', repetitionsFact(summary)],
    [
      'TTFT median',
      ttft
        ? `${ttft.median.toFixed(1)} ms (95 % CI ${ttft.ciLow.toFixed(1)}–${ttft.ciHigh.toFixed(1)})`
        : '—',
    ],
    ['TTFT cold / warm', `cold ${ms(summary.coldTtftMs)}, warm ${ms(summary.warmTtftMs)}`],
    ['Prefill median', prefill ? `${prefill.median.toFixed(1)} tok/s` : '—'],
    ['Decode median', decode ? `${decode.median.toFixed(1)} tok/s` : '—'],
    ['Load', `${ms(summary.loadMs)} (session create, both graphs)`],
    ['Prompt', `${summary.promptTokens} tokens in ${summary.chunks} chunks`],
    [
      'Thermal',
      `${summary.thermal.throttledSamples} of ${summary.thermal.samples} samples throttled (worst ${summary.thermal.worstStatus ?? 'unknown'})`,
    ],
  ];
  return <Facts label="Summary" facts={facts} testId="run-summary" />;
}

/** What the run ran on: the phone, its state and the software. */
export function RunContextPanel({ context }: { context: RunContext | null | undefined }) {
  if (!context) return null;
  const facts: [string, string][] = [
    ['Phone', `${context.model ?? context.deviceKey}${context.emulated ? ' (emulated)' : ''}`],
    ['ABI', context.abi ?? '—'],
    ['Kernel', context.kernel ?? '—'],
    ['Governor', context.governor ?? '—'],
    ['Thermal at start', context.thermal ?? '—'],
    ['Battery', `${context.batteryPercent ?? '—'} % at ${context.batteryCelsius ?? '—'} °C`],
    [
      'Runtime',
      `${context.runtime.runner ?? '?'} ${context.runtime.runnerVersion ?? ''}, ORT ${context.runtime.ort ?? '?'} (${context.runtime.bundle})`,
    ],
    ['EP / threads', `${context.ep ?? '—'} / ${context.threads ?? '—'}`],
    ['Graphs', context.graphs.key],
    ['Studio', context.studioVersion],
  ];
  return <Facts label="Run context" facts={facts} testId="run-context" />;
}

function Facts(props: { label: string; facts: [string, string][]; testId: string }) {
  return (
    <section aria-label={props.label} className="run-panel" data-testid={props.testId}>
      <h3>{props.label}</h3>
      <dl className="facts">
        {props.facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
