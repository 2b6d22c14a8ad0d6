import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareQuerySchema, type CompareResult } from '../../../shared/compare';
import type { InvokeHandlers } from '../../../shared/contract';
import { assertResultShape, dispatchInvoke } from '../../../shared/dispatch';
import { tempDataDir } from '../testing';
import { openDatabase, type StudioDatabase } from '../store/database';
import { RunRepo } from '../store/run-repo';
import { SweepRepo } from '../store/sweep-repo';
import { CompareAnswers } from './compare-answers';
import { compareHandlers } from './compare-handlers';
import { seedFinishedRun, seedSweep, testPoint } from './testing-compare-store';

let data: ReturnType<typeof tempDataDir>;
let db: StudioDatabase;
let handlers: InvokeHandlers;
let runs: RunRepo;

beforeEach(() => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  runs = new RunRepo(db);
  const sweeps = new SweepRepo(db);
  seedFinishedRun(
    runs,
    { id: 'r1', createdAt: 1, sweepId: 's1', device: 'p1' },
    {},
    {
      ttftMs: [100, 101, 102],
      peakMib: 300,
    },
  );
  seedSweep(sweeps, 's1', [testPoint('s1', 'p1', {}, 'finished', { runIds: ['r1'] })]);
  // Only the compare channels are called here.
  handlers = compareHandlers(runs, sweeps) as InvokeHandlers;
});
afterEach(() => {
  db.close();
  data.cleanup();
});

const invoke = (channel: string, args: unknown) =>
  dispatchInvoke(handlers, channel, args, (message) => {
    throw new Error(message);
  });

describe('compare handlers through dispatch', () => {
  it('answers compare:query in its result schema, through JSON as the bridge sends it', async () => {
    const result = await invoke('compare:query', { sweepIds: ['s1'] });
    assertResultShape('compare:query', JSON.parse(JSON.stringify(result)));
    expect(result).toMatchObject({
      ok: true,
      value: { configurations: [{ status: 'measured', runIds: ['r1'], pareto: true }] },
    });
  });

  it('refuses a query of nothing, and diffs only sweeps that exist', async () => {
    expect(await invoke('compare:query', { sweepIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args', message: expect.stringContaining('pick at least one') },
    });
    const same = await invoke('report:diff', { a: 's1', b: 's1' });
    assertResultShape('report:diff', same);
    expect(same).toMatchObject({ ok: true, value: { regressions: 0, improvements: 0 } });
    expect(await invoke('report:diff', { a: 's1', b: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'No sweep nope' },
    });
  });

  it('tests two configurations of a query on compare:significance, and names a missing one', async () => {
    const answer = (await invoke('compare:query', { sweepIds: ['s1'] })) as {
      value: { configurations: { key: string }[] };
    };
    const key = answer.value.configurations[0]!.key;
    const same = await invoke('compare:significance', { sweepIds: ['s1'], a: key, b: key });
    assertResultShape('compare:significance', JSON.parse(JSON.stringify(same)));
    // Three TTFTs each side: n counts them; a configuration against itself is no different.
    expect(same).toMatchObject({
      ok: true,
      value: [{ metric: 'ttftMs', nA: 3, nB: 3 }, { metric: 'kl' }],
    });
    expect(
      await invoke('compare:significance', { sweepIds: ['s1'], a: key, b: 'p9|nothing' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('p9|nothing') },
    });
  });
});

describe('compare:query answers kept', () => {
  const query = async () => {
    const answer = await handlers['compare:query']!(compareQuerySchema.parse({ sweepIds: ['s1'] }));
    return (answer as { value: unknown }).value;
  };

  it('answers again from memory while the store is unchanged, and anew once a run is added', async () => {
    const first = await query();
    const again = await query();
    // The very answer, not an equal one computed again.
    expect(again).toBe(first);
    seedFinishedRun(
      runs,
      { id: 'r2', createdAt: 2, sweepId: 's1', device: 'p1' },
      {},
      { ttftMs: [90, 91, 92], peakMib: 300 },
    );
    const after = await query();
    expect(after).not.toBe(first);
    expect(after).toMatchObject({ configurations: [{ runIds: ['r1', 'r2'] }] });
  });

  it('sees what another process sharing the store wrote', async () => {
    const first = await query();
    const other = openDatabase(data.dir);
    seedFinishedRun(
      new RunRepo(other),
      { id: 'r3', createdAt: 3, sweepId: 's1', device: 'p1' },
      {},
      { ttftMs: [80, 81, 82], peakMib: 300 },
    );
    other.close();
    const after = await query();
    expect(after).not.toBe(first);
    expect(after).toMatchObject({ configurations: [{ runIds: ['r1', 'r3'] }] });
  });

  it('computes again when another process committed while it was computing', () => {
    const answers = new CompareAnswers(() => runs.changeMark());
    const query = compareQuerySchema.parse({ sweepIds: ['s1'] });
    let computed = 0;
    const compute = () => {
      if (++computed === 1) {
        const other = openDatabase(data.dir);
        seedFinishedRun(
          new RunRepo(other),
          { id: 'r4', createdAt: 4, sweepId: 's1', device: 'p1' },
          {},
          { ttftMs: [70, 71, 72], peakMib: 300 },
        );
        other.close();
      }
      return { computed } as unknown as CompareResult;
    };
    answers.answer(query, compute);
    answers.answer(query, compute);
    expect(computed).toBe(2);
    answers.answer(query, compute);
    expect(computed).toBe(2);
  });
});
