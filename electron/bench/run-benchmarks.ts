import { formatFigure, meetsGoal, type Benchmark } from './benchmark';
import { build1gb } from './build-1gb';
import { quantizeInt4G32, quantizeInt8Channel } from './quantize';
import { specialiseTiny } from './specialise-tiny';
import { emulatorPush } from './emulator-push';
import { pushVerifyCost, pushVsAdb } from './push-vs-adb';
import { runnerColdStart } from './runner-cold-start';
import { runnerOverhead } from './runner-overhead';
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
  build1gb,
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
  for (const bench of chosen) {
    console.log(`\n${bench.name}: ${bench.description}`);
    const figure = await bench.run();
    if (figure.baseline) {
      const ratio = figure.value / figure.baseline.value;
      console.log(
        `  baseline (${figure.baseline.label}): ${Math.round(figure.baseline.value)} ${figure.unit}; ratio ${ratio.toFixed(2)}×`,
      );
    }
    if (figure.goal) console.log(`  ${meetsGoal(figure) ? 'meets' : 'MISSES'} its goal`);
    console.log(formatFigure(bench.name, figure));
  }
}

await main(process.argv.slice(2));
