import { useCallback, useEffect, useRef, useState } from 'react';
import type { FidelityReport, GraphArtifact } from '../../../shared/graph';
import type { JobProgress, JobSnapshot } from '../../../shared/job';
import type { Result, StudioError } from '../../../shared/result';
import { isTerminalRunState } from '../../../shared/run-state';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import { useJobs } from '../jobs/jobs-store';
import type { BuildPlan } from './scenario-form';

export type JobState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string | null; label: string; progress: JobProgress | null }
  | { status: 'built'; artifact: GraphArtifact & { dir: string } }
  | { status: 'measured'; report: FidelityReport }
  | { status: 'cancelled' }
  | { status: 'failed'; error: StudioError };

type GraphJob = Extract<JobSnapshot, { kind: 'graph-build' | 'graph-fidelity' }>;

const isGraphJob = (job: JobSnapshot): job is GraphJob =>
  job.kind === 'graph-build' || job.kind === 'graph-fidelity';

/**
 * Builds graphs or measures fidelity for a model, one job at a time, following the job. A window
 * that opens while a job of this model is in flight follows that one.
 */
export function useGraphJob(model: string) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const jobs = useJobs(studio);
  const [started, setStarted] = useState<JobState | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = jobs
    .filter(isGraphJob)
    .find((candidate) =>
      jobId === null
        ? candidate.subject === model && !isTerminalRunState(candidate.state)
        : candidate.id === jobId,
    );
  useReportFailure(job, report);
  const start = useCallback(
    async (label: string, call: () => Promise<Result<{ jobId: string }>>) => {
      setStarted({ status: 'running', jobId: null, label, progress: null });
      const result = await call();
      if (!result.ok) report(`${label} failed`, result.error);
      setStarted(result.ok ? null : { status: 'failed', error: result.error });
      setJobId(result.ok ? result.value.jobId : null);
    },
    [report],
  );
  const build = useCallback(
    (plan: BuildPlan) =>
      start('Graph build', () => studio.invoke('graph:build', { model, ...plan })),
    [start, studio, model],
  );
  const measure = useCallback(
    (plan: BuildPlan, dataset: string) =>
      start('Fidelity run', () => studio.invoke('graph:fidelity', { model, ...plan, dataset })),
    [start, studio, model],
  );
  const cancel = useCallback(() => {
    if (job) void studio.invoke('job:cancel', { jobId: job.id });
  }, [studio, job]);
  const state = started ?? (job ? stateOf(job) : { status: 'idle' as const });
  return { state, build, measure, cancel };
}

/** What the panel shows of a job. Pure. */
export function stateOf(job: GraphJob): JobState {
  switch (job.state) {
    case 'finished':
      if (job.kind === 'graph-build' && job.result)
        return { status: 'built', artifact: job.result };
      if (job.kind === 'graph-fidelity' && job.result) {
        return { status: 'measured', report: job.result };
      }
      return {
        status: 'failed',
        error: { code: 'internal', message: 'It ended without a result' },
      };
    case 'failed':
      return { status: 'failed', error: job.error ?? { code: 'internal', message: 'failed' } };
    case 'cancelled':
      return { status: 'cancelled' };
    default:
      return { status: 'running', jobId: job.id, label: job.label, progress: job.progress };
  }
}

/** Sends a job's failure to the error centre once, in the window that follows it. */
function useReportFailure(
  job: GraphJob | undefined,
  report: ReturnType<typeof useErrorCenter>['report'],
) {
  const reported = useRef(new Set<string>());
  useEffect(() => {
    if (!job || job.state !== 'failed' || !job.error || reported.current.has(job.id)) return;
    reported.current.add(job.id);
    report(`${job.label} failed`, job.error);
  }, [job, report]);
}
