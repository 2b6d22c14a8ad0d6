import type {
  CompareQuery,
  CompareResult,
  Configuration,
  PooledFigures,
} from '../../../shared/compare';
import { budgetBreaches, paretoFrontier, recommend } from '../../../shared/compare-statistics';
import type { Budgets } from '../../../shared/profile';
import type { CompareRun } from '../store/compare-run-rows';
import { scenarioLabel } from '../../../shared/scenario';
import type { RunRepo } from '../store/run-repo';
import type { SweepRepo } from '../store/sweep-repo';
import { CompareRunCache } from './compare-run-cache';
import {
  buildConfiguration,
  configKeyOf,
  configurationKey,
  memberDevice,
  measuredRuns,
  memberRequest,
  pointMember,
  runMember,
  type Member,
} from './compare-configurations';

/**
 * What Compare shows of some sweeps and runs: one configuration per phone (or farm-wide) pooled
 * over its finished runs, infeasible and failed points as configurations with their reason, the
 * Pareto frontier of each phone, the budgets each breaks and the recommendation per phone. A few
 * queries whatever the number of runs (run ids, the records `cache` lacks, the points, a single
 * sweep's budgets); the handlers keep one cache for the studio, a call without one reads all.
 */
export function compareQuery(
  runs: RunRepo,
  sweeps: SweepRepo,
  query: CompareQuery,
  cache = new CompareRunCache(runs),
): CompareResult {
  const { records, members, groups } = compareGroups(sweeps, query, cache);
  const phones = phonesOf(records, members);
  const emulated = new Map(phones.map((phone) => [phone.deviceKey, phone.emulated]));
  const budgets = budgetsOf(sweeps, query);
  const figures = pooledFigures(groups, cache);
  const configurations = groups.map((group, k) =>
    buildConfiguration(group.members, {
      ...group,
      emulated: (key) => emulated.get(key) ?? false,
      figures: figures[k]!,
    }),
  );
  markFrontiers(configurations);
  for (const config of configurations)
    if (config.status === 'measured') config.overBudget = budgetBreaches(config, budgets);
  return {
    query,
    budgets,
    configurations,
    recommendations: recommend(configurations, budgets),
    phones,
  };
}

/**
 * Pools an ended sweep's configurations per phone and farm-wide (stored by `cache`), so the
 * first Compare of it reads them rather than every run's summary.
 */
export function poolSweep(sweeps: SweepRepo, sweepId: string, cache: CompareRunCache): void {
  for (const scope of ['per-phone', 'farm'] as const) {
    const { groups } = compareGroups(sweeps, { sweepIds: [sweepId], runIds: [], scope }, cache);
    pooledFigures(groups, cache);
  }
}

/** A configuration before it is pooled: its key, its phone (null farm-wide), label and members. */
export interface ConfigurationGroup {
  key: string;
  configKey: string;
  deviceKey: string | null;
  label: string;
  members: Member[];
}

/** The ended runs a query picks, its members, and those grouped by configuration. */
export function compareGroups(
  sweeps: SweepRepo,
  query: Pick<CompareQuery, 'sweepIds' | 'runIds' | 'scope'>,
  cache: CompareRunCache,
): { records: CompareRun[]; members: Member[]; groups: ConfigurationGroup[] } {
  const records = cache.load(query.sweepIds, query.runIds);
  const members = membersOf(records, sweeps, query);
  return { records, members, groups: groupsOf(members, query.scope) };
}

/** What each group's finished runs pool to (null for a group with none), in one batch. */
function pooledFigures(
  groups: readonly ConfigurationGroup[],
  cache: CompareRunCache,
): (PooledFigures | null)[] {
  const measured = groups.map((group) => measuredRuns(group.members));
  const pooled = cache.pools(measured.filter((runs) => runs.length > 0));
  let next = 0;
  return measured.map((runs) => (runs.length > 0 ? pooled[next++]! : null));
}

/** The finished (and failed) runs picked, and the infeasible and failed points of the sweeps. */
function membersOf(
  records: readonly CompareRun[],
  sweeps: SweepRepo,
  query: Pick<CompareQuery, 'sweepIds' | 'runIds'>,
): Member[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const picked = new Set(query.runIds);
  // A failed run of a sweep is its point's failure: counted once, through the point.
  const fromRuns = records.flatMap((record) => {
    const member = runMember(record);
    return member === null || (member.kind === 'failed' && !picked.has(record.id)) ? [] : [member];
  });
  const fromPoints = sweeps.pointsOf(query.sweepIds, ['infeasible', 'failed']).flatMap((point) => {
    const last = byId.get(point.runIds.at(-1) ?? '');
    return pointMember(point, last?.errorMessage ?? null) ?? [];
  });
  return [...fromRuns, ...fromPoints];
}

/** The query's budgets, else a single sweep's profile budgets, else none. */
function budgetsOf(sweeps: SweepRepo, query: CompareQuery): Budgets {
  if (query.budgets !== undefined) return query.budgets;
  const [only, ...more] = query.sweepIds;
  if (only === undefined || more.length > 0 || query.runIds.length > 0) return {};
  return sweeps.profileOf(only)?.budgets ?? {};
}

function groupsOf(members: readonly Member[], scope: CompareQuery['scope']): ConfigurationGroup[] {
  const groups = new Map<string, ConfigurationGroup>();
  const label = labeller(members);
  for (const member of members) {
    const deviceKey = scope === 'farm' ? null : memberDevice(member);
    const configKey = configKeyOf(memberRequest(member));
    const key = configurationKey(deviceKey, configKey);
    const group = groups.get(key) ?? {
      key,
      deviceKey,
      configKey,
      label: label(member),
      members: [],
    };
    group.members.push(member);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** `c64-s4-w256-mem · int8-channel`, with the model and the EP × threads where they vary. */
function labeller(members: readonly Member[]): (member: Member) => string {
  const requests = members.map(memberRequest);
  const models = new Set(requests.map((request) => request.model)).size > 1;
  const engines = new Set(requests.map((request) => `${request.ep}×${request.threads}`)).size > 1;
  return (member) => {
    const request = memberRequest(member);
    const parts = [scenarioLabel(request.scenario), request.quant];
    if (models) parts.unshift(request.model.split(/[/:]/).at(-1) ?? request.model);
    if (engines) parts.push(`${request.ep} ×${request.threads}`);
    return parts.join(' · ');
  };
}

/** Each phone's (or the farm's) measured configurations on its TTFT × peak-memory frontier. */
function markFrontiers(configurations: Configuration[]): void {
  const byPhone = new Map<string | null, Configuration[]>();
  for (const config of configurations) {
    const ttftMs = config.stats.ttftMs?.median;
    const peakBytes = config.stats.peakRssBytes?.median;
    if (config.status !== 'measured' || ttftMs === undefined || peakBytes === undefined) continue;
    const group = byPhone.get(config.deviceKey) ?? [];
    group.push(config);
    byPhone.set(config.deviceKey, group);
  }
  for (const group of byPhone.values()) {
    const points = group.map((config) => ({
      key: config.key,
      ttftMs: config.stats.ttftMs!.median,
      peakBytes: config.stats.peakRssBytes!.median,
    }));
    const frontier = paretoFrontier(points);
    for (const config of group) config.pareto = frontier.has(config.key);
  }
}

/** The phones of the result with what their runs' context says of them. */
function phonesOf(
  records: readonly CompareRun[],
  members: readonly Member[],
): CompareResult['phones'] {
  const phones = new Map<string, CompareResult['phones'][number]>();
  for (const record of records) {
    if (record.phone === null || phones.has(record.deviceKey)) continue;
    phones.set(record.deviceKey, { deviceKey: record.deviceKey, ...record.phone });
  }
  for (const member of members) {
    const deviceKey = memberDevice(member);
    if (!phones.has(deviceKey))
      phones.set(deviceKey, { deviceKey, model: null, abi: null, emulated: false });
  }
  return [...phones.values()];
}
