import type { BuildState } from './use-graph-build';

/** Progress of a build in flight, then what it wrote. */
export function BuildStatus({ state }: { state: BuildState }) {
  if (state.status === 'idle') return null;
  if (state.status === 'failed')
    return <p className="muted">The build failed: {state.error.message}</p>;
  if (state.status === 'building') {
    const { progress } = state;
    return (
      <div className="build-progress">
        <progress
          max={progress?.steps ?? 1}
          value={progress?.step ?? 0}
          aria-label="Build progress"
        />
        <span>{progress?.message ?? 'starting…'}</span>
      </div>
    );
  }
  const { artifact } = state;
  return (
    <div data-testid="build-result">
      <p>
        Built in <code>{artifact.dir}</code>
      </p>
      <ul>
        {[artifact.prefill, artifact.decode].map((graph) => (
          <li key={graph.file}>
            <code>{graph.file}</code>: input_ids{' '}
            <code>[{graph.inputs.find((t) => t.name === 'input_ids')?.shape.join(', ')}]</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
