import { useCallback, useEffect, useState } from 'react';
import type { FidelityReport, GraphArtifact, GraphBuildProgress } from '../../../shared/graph';
import type { Result, StudioError } from '../../../shared/result';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import type { BuildPlan } from './scenario-form';

export type JobState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; label: string; progress: GraphBuildProgress | null }
  | { status: 'built'; artifact: GraphArtifact & { dir: string } }
  | { status: 'measured'; report: FidelityReport }
  | { status: 'failed'; error: StudioError };

/** Builds graphs or measures fidelity for a model, one job at a time, following its progress. */
export function useGraphJob(model: string) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [state, setState] = useState<JobState>({ status: 'idle' });
  useEffect(
    () =>
      studio.on('graph:onDidProgress', (progress) =>
        setState((current) =>
          current.status === 'running' && current.jobId === progress.buildId
            ? { ...current, progress }
            : current,
        ),
      ),
    [studio],
  );
  const run = useCallback(
    async <T>(
      label: string,
      call: (jobId: string) => Promise<Result<T>>,
      done: (value: T) => JobState,
    ) => {
      const jobId = crypto.randomUUID();
      setState({ status: 'running', jobId, label, progress: null });
      const result = await call(jobId);
      if (!result.ok) report(`${label} failed`, result.error);
      setState(result.ok ? done(result.value) : { status: 'failed', error: result.error });
    },
    [report],
  );
  const build = useCallback(
    (plan: BuildPlan) =>
      run(
        'Graph build',
        (buildId) => studio.invoke('graph:build', { model, ...plan, buildId }),
        (artifact) => ({ status: 'built', artifact }),
      ),
    [run, studio, model],
  );
  const measure = useCallback(
    (plan: BuildPlan, dataset: string) =>
      run(
        'Fidelity run',
        (buildId) => studio.invoke('graph:fidelity', { model, ...plan, dataset, buildId }),
        (value) => ({ status: 'measured', report: value }),
      ),
    [run, studio, model],
  );
  return { state, build, measure };
}
