/**
 * A studio stand-in for the durability test: opens the database in `argv[2]`, creates run
 * `argv[3]` and writes to it as a run session does, printing each commit, until it is SIGKILLed.
 * `append`: batches of `writerBatchSize` samples forever, `committed N` after batch N is committed.
 * `finish`: three batches, then `finish`, then `finished`, then waits.
 */
import { openDatabase } from './database';
import { RunRepo } from './run-repo';
import { testRun, testSamples, testSummary, writerBatchSize } from './testing-runs';

function main(): void {
  const [dataDir, runId, mode] = process.argv.slice(2);
  if (dataDir === undefined || runId === undefined) throw new Error('usage: DATA_DIR RUN_ID MODE');
  const repo = new RunRepo(openDatabase(dataDir));
  repo.create(testRun(runId, Date.now()));
  repo.setState(runId, 'running');
  if (mode === 'finish') {
    for (let batch = 0; batch < 3; batch += 1)
      repo.appendSamples(runId, testSamples(batch * writerBatchSize, writerBatchSize));
    repo.finish(runId, 'finished', testSummary(42), { endedAt: Date.now() });
    process.stdout.write('finished\n');
    setInterval(() => undefined, 1000);
    return;
  }
  // Synchronous on purpose: the kill lands between or inside commits, never in an idle wait.
  for (let batch = 0; ; batch += 1) {
    repo.appendSamples(runId, testSamples(batch * writerBatchSize, writerBatchSize));
    process.stdout.write(`committed ${batch}\n`);
  }
}

main();
