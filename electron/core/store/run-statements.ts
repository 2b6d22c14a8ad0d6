import type { StudioDatabase } from './database';
import { compareRunColumns } from './compare-run-rows';
import { runColumns } from './run-rows';

/**
 * The statements a run's life repeats, prepared once per repo: samples arrive in a batch every
 * ≤ 50 ms during a run, and preparing is a good part of a small batch's cost.
 */
export function prepareRunStatements(db: StudioDatabase) {
  return {
    insertRun: db.prepare(
      `INSERT INTO runs (id, state, device_key, model, scenario, quant, request, created_at, sweep_id,
         owner)
       VALUES (@id, 'queued', @deviceKey, @model, @scenario, @quant, @request, @createdAt, @sweepId,
         @owner)`,
    ),
    setState: db.prepare(
      `UPDATE runs SET state = @state, error = coalesce(@error, error),
         ended_at = coalesce(@endedAt, ended_at) WHERE id = @id`,
    ),
    setContext: db.prepare('UPDATE runs SET context = ? WHERE id = ?'),
    insertSample: db.prepare(
      'INSERT INTO run_samples (run_id, i, t, kind, payload) VALUES (@runId, @i, @t, @kind, @payload)',
    ),
    countSamples: db.prepare('UPDATE runs SET samples = samples + ? WHERE id = ?'),
    finish: db.prepare(
      `UPDATE runs SET state = @state, summary = @summary, error = @error, ended_at = @endedAt
       WHERE id = @id`,
    ),
    deleteStats: db.prepare('DELETE FROM run_stats WHERE run_id = ?'),
    insertStat: db.prepare(
      `INSERT INTO run_stats (run_id, metric, n, median, p90, mean, sd, ci_low, ci_high)
       VALUES (@runId, @metric, @n, @median, @p90, @mean, @sd, @ciLow, @ciHigh)`,
    ),
    selectStats: db.prepare(
      `SELECT metric, n, median, p90, mean, sd, ci_low AS ciLow, ci_high AS ciHigh
       FROM run_stats WHERE run_id = ?`,
    ),
    get: db.prepare(`SELECT ${runColumns} FROM runs WHERE id = ?`),
    compareRuns: db.prepare<[{ sweepIds: string; runIds: string }], { id: string }>(
      `SELECT ${compareRunColumns} FROM compare_runs
       WHERE sweep_id IN (SELECT value FROM json_each(@sweepIds))
         OR id IN (SELECT value FROM json_each(@runIds))
       ORDER BY created_at, run_rowid`,
    ),
    totalChanges: db.prepare('SELECT total_changes()').pluck(),
    compareSummaries: db.prepare(
      `SELECT id, summary FROM runs
       WHERE id IN (SELECT value FROM json_each(?)) AND summary IS NOT NULL`,
    ),
    samples: db.prepare(
      `SELECT i, t, kind, payload FROM run_samples
       WHERE run_id = @runId AND i > @after
         AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
       ORDER BY i LIMIT @limit`,
    ),
    deleteSamples: db.prepare('DELETE FROM run_samples WHERE run_id = ?'),
    deleteRun: db.prepare('DELETE FROM runs WHERE id = ?'),
    clearComparePools: db.prepare('DELETE FROM compare_pools'),
    liveRuns: db.prepare<[string], { id: string; owner: string }>(
      `SELECT id, owner FROM runs WHERE state IN (SELECT value FROM json_each(?))`,
    ),
    interrupt: db.prepare(
      `UPDATE runs SET state = 'failed', error = @error, ended_at = @now WHERE id = @id`,
    ),
  };
}

/** The prepared statements of a `RunRepo`. */
export type RunStatements = ReturnType<typeof prepareRunStatements>;
