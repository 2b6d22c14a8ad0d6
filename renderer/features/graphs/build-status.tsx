import { missingTokenizerNote } from '../../../shared/graph';
import { FidelityChart } from '../../charts/fidelity-chart';
import type { JobState } from './use-graph-job';

/** Progress of a job in flight, then what it produced. */
export function BuildStatus({ state, onCancel }: { state: JobState; onCancel: () => void }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'cancelled':
      return <p className="muted">Cancelled.</p>;
    case 'failed':
      return <p className="muted">It failed: {state.error.message}</p>;
    case 'running':
      return (
        <div className="build-progress">
          <progress
            max={1}
            value={state.progress?.fraction ?? 0}
            aria-label={`${state.label} progress`}
          />
          <span>{state.progress?.message ?? `${state.label} starting…`}</span>{' '}
          {state.jobId && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      );
    case 'built':
      return <BuiltGraphs artifact={state.artifact} />;
    case 'measured':
      return (
        <div data-testid="fidelity-result">
          <p>
            {state.report.prompts} prompts, {state.report.total.tokens} tokens, {state.report.quant}
          </p>
          <FidelityChart report={state.report} />
        </div>
      );
  }
}

function BuiltGraphs({
  artifact,
}: {
  artifact: Extract<JobState, { status: 'built' }>['artifact'];
}) {
  const saved = artifact.quantization.reduce(
    (sum, tensor) => sum + tensor.bytesBefore - tensor.bytesAfter,
    0,
  );
  return (
    <div data-testid="build-result">
      <p>
        Built in <code>{artifact.dir}</code>
        {artifact.quantization.length > 0 &&
          ` — ${artifact.quantization.length} weights quantised, ${(saved / 2 ** 20).toFixed(2)} MiB saved`}
      </p>
      <ul>
        {[artifact.prefill, artifact.decode].map((graph) => (
          <li key={graph.file}>
            <code>{graph.file}</code>: input_ids{' '}
            <code>[{graph.inputs.find((t) => t.name === 'input_ids')?.shape.join(', ')}]</code>
          </li>
        ))}
      </ul>
      {artifact.keptFloat.length > 0 && (
        <p>
          Kept in float:{' '}
          {artifact.keptFloat.map((kept, index) => (
            <span key={kept.node}>
              {index > 0 && ', '}
              <code>{kept.tensor}</code> ({kept.reason})
            </span>
          ))}
        </p>
      )}
      {artifact.tokenizer === null && <p role="note">{missingTokenizerNote}</p>}
    </div>
  );
}
