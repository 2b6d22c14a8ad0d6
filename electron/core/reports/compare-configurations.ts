import type { Configuration, ConfigurationStatus, PooledFigures } from '../../../shared/compare';
import type { CompareRun, ConfigurationAxes } from '../store/compare-run-rows';
import { scenarioLabel } from '../../../shared/scenario';
import type { SweepPoint } from '../../../shared/sweep';

/** Something a configuration is made of: a finished run, or a point or run with no numbers. */
export type Member =
  | { kind: 'measured'; run: CompareRun }
  | {
      kind: 'infeasible' | 'failed';
      request: ConfigurationAxes;
      deviceKey: string;
      reason: string | null;
      sweepId: string | null;
      runIds: string[];
    };

/** `model|scenario label|quant|ep|threads`: the configuration without its phone. */
export function configKeyOf(request: ConfigurationAxes): string {
  const { model, scenario, quant, ep, threads } = request;
  return `${model}|${scenarioLabel(scenario)}|${quant}|${ep}|${threads}`;
}

/** `deviceKey|configKey`, `farm|configKey` farm-wide. */
export function configurationKey(deviceKey: string | null, configKey: string): string {
  return `${deviceKey ?? 'farm'}|${configKey}`;
}

/** The member of a sweep point that has no run to pool (infeasible, or failed). */
export function pointMember(point: SweepPoint, lastError: string | null): Member | null {
  if (point.status !== 'infeasible' && point.status !== 'failed') return null;
  return {
    kind: point.status,
    request: point.request,
    deviceKey: point.deviceKey,
    reason: point.reason ?? lastError,
    sweepId: point.sweepId,
    runIds: point.runIds,
  };
}

/** The member of a run: measured when it finished with a summary, failed when it failed. */
export function runMember(run: CompareRun): Member | null {
  if (run.state === 'finished' && run.measured) return { kind: 'measured', run };
  if (run.state !== 'failed') return null;
  const { request, deviceKey, sweepId, id } = run;
  return {
    kind: 'failed',
    request,
    deviceKey,
    reason: run.errorMessage,
    sweepId,
    runIds: [id],
  };
}

/** The finished runs of some members (what their configuration pools). */
export function measuredRuns(members: readonly Member[]): CompareRun[] {
  return members.flatMap((member) => (member.kind === 'measured' ? [member.run] : []));
}

/** The configuration's axes of a member. */
export function memberRequest(member: Member): ConfigurationAxes {
  return member.kind === 'measured' ? member.run.request : member.request;
}

/** The phone a member ran (or was planned) on. */
export function memberDevice(member: Member): string {
  return member.kind === 'measured' ? member.run.deviceKey : member.deviceKey;
}

function memberSweep(member: Member): string | null {
  return member.kind === 'measured' ? member.run.sweepId : member.sweepId;
}

/** What `buildConfiguration` needs beyond the members: the phone (null farm-wide), the label. */
export interface ConfigurationPlace {
  key: string;
  configKey: string;
  deviceKey: string | null;
  label: string;
  /** Whether a phone was emulated, by key (for members with no run context). */
  emulated: (deviceKey: string) => boolean;
  /** What the finished members pool to (`poolRuns`, as `CompareRunCache.pools` keeps it). */
  figures: PooledFigures | null;
}

/**
 * One configuration from its members: measured when any run finished (the others' failures do
 * not count against it), else infeasible when any point was, else failed. `pareto` and
 * `overBudget` are left for the whole result to set.
 */
export function buildConfiguration(
  members: readonly Member[],
  place: ConfigurationPlace,
): Configuration {
  const measured = measuredRuns(members);
  const unmeasured = members.flatMap((member) => (member.kind === 'measured' ? [] : [member]));
  const infeasible = unmeasured.find((member) => member.kind === 'infeasible');
  const status: ConfigurationStatus =
    measured.length > 0 ? 'measured' : infeasible ? 'infeasible' : 'failed';
  const request = memberRequest(members[0]!);
  const reason = status === 'measured' ? null : ((infeasible ?? unmeasured[0])?.reason ?? null);
  // A measured configuration lists the runs it pooled; one with no numbers, the runs that failed.
  const runIds = unique(
    measured.length > 0 ? measured.map((run) => run.id) : unmeasured.flatMap((each) => each.runIds),
  );
  const sweepIds = unique(members.flatMap((member) => memberSweep(member) ?? []));
  const devices = unique(members.map(memberDevice));
  return {
    key: place.key,
    configKey: place.configKey,
    deviceKey: place.deviceKey,
    label: place.label,
    model: request.model,
    scenario: request.scenario,
    quant: request.quant,
    ep: request.ep,
    threads: request.threads,
    status,
    reason,
    runIds,
    sweepIds,
    emulated: devices.every(place.emulated),
    ...(measured.length > 0 && place.figures !== null ? place.figures : emptyFigures()),
    pareto: false,
    overBudget: [],
  };
}

function emptyFigures(): PooledFigures {
  return {
    stats: {},
    prefillTimeline: [],
    memory: null,
    energy: null,
    fidelity: null,
    task: null,
    thermal: { samples: 0, throttledSamples: 0, excludedRepetitions: 0 },
  };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
