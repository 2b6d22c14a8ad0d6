import { useCallback, useEffect, useState } from 'react';
import type { GraphArtifact, GraphBuildProgress } from '../../../shared/graph';
import type { StudioError } from '../../../shared/result';
import type { Scenario } from '../../../shared/scenario';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';

export type BuildState =
  | { status: 'idle' }
  | { status: 'building'; buildId: string; progress: GraphBuildProgress | null }
  | { status: 'done'; artifact: GraphArtifact & { dir: string } }
  | { status: 'failed'; error: StudioError };

/** Builds a model's graphs for a scenario, following its progress events. */
export function useGraphBuild(model: string) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [state, setState] = useState<BuildState>({ status: 'idle' });
  useEffect(
    () =>
      studio.on('graph:onDidProgress', (progress) =>
        setState((current) =>
          current.status === 'building' && current.buildId === progress.buildId
            ? { ...current, progress }
            : current,
        ),
      ),
    [studio],
  );
  const build = useCallback(
    async (scenario: Scenario) => {
      const buildId = crypto.randomUUID();
      setState({ status: 'building', buildId, progress: null });
      const result = await studio.invoke('graph:build', {
        model,
        scenario,
        quant: 'float',
        buildId,
      });
      if (!result.ok) report('Graph build failed', result.error);
      setState(
        result.ok
          ? { status: 'done', artifact: result.value }
          : { status: 'failed', error: result.error },
      );
    },
    [studio, model, report],
  );
  return { state, build };
}
