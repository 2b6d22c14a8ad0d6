import type { RunRequestInput } from '../../shared/run';
import type { SweepPoint } from '../../shared/sweep';
import { openDatabase } from '../core/store/database';
import { RunRepo } from '../core/store/run-repo';
import { SweepRepo } from '../core/store/sweep-repo';
import { poolSweep } from '../core/reports/compare-query';
import { CompareRunCache } from '../core/reports/compare-run-cache';
import { testRun } from '../core/store/testing-runs';
import {
  measuredSummary,
  seedSweep,
  testContext,
  testPoint,
} from '../core/reports/testing-compare-store';

const phones = ['bench/phone-1', 'bench/phone-2', 'bench/phone-3', 'bench/phone-4'];
const chunks = [16, 32, 64, 128, 256];
const windows = [256, 384, 512, 640, 768, 896, 1024, 1152, 1280, 1408];
const memories = ['on', 'off'] as const;
const quants = ['float', 'int8-channel'];

/** Every grid point: 5 chunks × 10 windows × memory on/off × 2 quants = 200 configurations. */
function grid(): Partial<RunRequestInput>[] {
  return chunks.flatMap((chunk) =>
    windows.flatMap((window) =>
      memories.flatMap((memory) =>
        quants.map((quant) => ({ scenario: { chunk, sink: 4, window, memory }, quant })),
      ),
    ),
  );
}

/** A configuration's runs' measures, varying smoothly with its point. */
function measures(point: number, request: Partial<RunRequestInput>) {
  const window = request.scenario?.window ?? 256;
  const base = 80 + window / 8 + (point % 10) * 3;
  return {
    ttftMs: Array.from({ length: 10 }, (_, k) => base + ((point * 7 + k * 3) % 11)),
    peakMib: 200 + window / 4 + (request.quant === 'float' ? 300 : 0),
    tokenKl: Array.from({ length: 32 }, (_, k) => ((k + point) % 9) / 1000),
    cosine: request.quant === 'float' ? 0.9995 : 0.992,
    chunks: 4,
  };
}

/**
 * Seeds `runs` finished runs of one finished sweep in `dataDir` (200 configurations × 4 phones,
 * the runs spread evenly over them; fewer runs than that, one each), straight into the store as a
 * sweep leaves them: pooled, unless `pooled` is false (a sweep ended in a studio of before).
 */
export function seedCompareStore(
  dataDir: string,
  runs: number,
  pooled = true,
): { sweepId: string; configurations: number } {
  const db = openDatabase(dataDir);
  const runRepo = new RunRepo(db, dataDir);
  const sweepRepo = new SweepRepo(db);
  const sweepId = 'bench-sweep';
  const requests = grid();
  const cells = phones
    .flatMap((device) => requests.map((request) => ({ device, request })))
    .slice(0, runs);
  const runIds = cells.map((): string[] => []);
  // One summary per configuration (its bootstrap is the seed's cost): its runs measure alike.
  const summaries = cells.map(({ request }, cell) => measuredSummary(measures(cell, request)));
  db.transaction(() => {
    for (let k = 0; k < runs; k++) {
      const cell = k % cells.length;
      const { device, request } = cells[cell]!;
      const id = `bench-run-${k}`;
      runRepo.create({ ...testRun(id, k, { ...request, device }), sweepId });
      runRepo.setContext(id, testContext(device));
      runRepo.finish(id, 'finished', summaries[cell]!, {
        endedAt: k + 1,
      });
      runIds[cell]!.push(id);
    }
  })();
  const points: SweepPoint[] = cells.map(({ device, request }, cell) =>
    testPoint(sweepId, device, request, 'finished', { runIds: runIds[cell] }),
  );
  seedSweep(sweepRepo, sweepId, points, { maxPeakMemoryMb: 800, minFidelity: 0.99 });
  // What the studio does once a sweep ends: its configurations pooled and stored.
  if (pooled) poolSweep(sweepRepo, sweepId, new CompareRunCache(runRepo));
  db.close();
  return { sweepId, configurations: cells.length };
}
