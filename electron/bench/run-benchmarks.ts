import { formatFigure, formatValue, meetsGoal, type Benchmark } from './benchmark';
import { build1gb } from './build-1gb';
import { chart1m } from './chart-1m';
import { compare10k } from './compare-10k';
import { quantFidelity } from './quant-fidelity';
import { quantizeInt4G32, quantizeInt8Channel, quantizeSearchCost } from './quantize';
import { specialiseTiny } from './specialise-tiny';
import { sweepDedupe } from './sweep-dedupe';
import { streamLatency } from './stream-latency';
import { emulatorPush } from './emulator-push';
import { eventFanout } from './event-fanout';
import { farmEfficiency } from './farm-efficiency';
import { farmScale } from './farm-scale';
import { pushVerifyCost, pushVsAdb } from './push-vs-adb';
import { runnerColdStart } from './runner-cold-start';
import { runnerOverhead } from './runner-overhead';
import { runOverhead } from './run-overhead';
import { samplingPerturbation } from './sampling-perturbation';
import { sharedWeights } from './shared-weights';
import { webColdStart } from './web-cold-start';

/** Every named benchmark; `npm run bench [name…]` runs all or the ones named. */
const benchmarks: readonly Benchmark[] = [
  webColdStart,
  specialiseTiny,
  emulatorPush,
  pushVsAdb,
  pushVerifyCost,
  runnerColdStart,
  runnerOverhead,
  sharedWeights,
  quantizeInt4G32,
  quantizeInt8Channel,
  quantizeSearchCost,
  quantFidelity,
  build1gb,
  eventFanout,
  samplingPerturbation,
  runOverhead,
  chart1m,
  farmScale,
  farmEfficiency,
  sweepDedupe,
  streamLatency,
  compare10k,
];

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !benchmarks.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const chosen =
    names.length > 0 ? benchmarks.filter((bench) => names.includes(bench.name)) : benchmarks;
  let failed = 0;
  for (const bench of chosen) {
    console.log(`\n${bench.name}: ${bench.description}`);
    // A bench that throws (a missing tool, a broken fixture) is reported; the others still run.
    const figure = await bench.run().catch((error: unknown) => {
      failed++;
      console.log(`bench ${bench.name}: failed: ${error instanceof Error ? error.message : error}`);
      return null;
    });
    if (!figure) continue;
    if (figure.baseline) {
      const ratio = figure.value / figure.baseline.value;
      console.log(
        `  baseline (${figure.baseline.label}): ${formatValue(figure.baseline.value)} ${figure.unit}; ratio ${ratio.toFixed(2)}×`,
      );
    }
    if (figure.goal) console.log(`  ${meetsGoal(figure) ? 'meets' : 'MISSES'} its goal`);
    console.log(formatFigure(bench.name, figure));
  }
  if (failed > 0) process.exitCode = 1;
}

await main(process.argv.slice(2));
