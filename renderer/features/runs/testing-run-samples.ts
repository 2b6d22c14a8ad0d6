import type { RunSample } from '../../../shared/run';

/** A small seeded PRNG for tests (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shape of a synthetic run. */
export interface SyntheticRun {
  warmup?: number;
  repetitions?: number;
  chunks?: number;
  tokens?: number;
  seed?: number;
}

/**
 * A whole run as the studio streams it, indexes from 0: per repetition a held line, chunks, a first
 * token, decode steps and an output, with outside samples (memory, CPU, power, thermal, some of
 * them throttled) and log lines between them. Random timings, from a seed.
 */
export function syntheticRun({
  warmup = 1,
  repetitions = 4,
  chunks = 3,
  tokens = 5,
  seed = 1,
}: SyntheticRun = {}): RunSample[] {
  const random = seededRandom(seed);
  const samples: RunSample[] = [];
  let t = 0;
  const add = (sample: DistributiveOmit<RunSample, 'i' | 't'>): void => {
    t += 1 + Math.floor(random() * 20);
    samples.push({ ...sample, i: samples.length, t } as RunSample);
  };
  const outside = (): void => {
    const throttled = random() < 0.2;
    add({
      kind: 'device',
      throttled,
      sample: {
        memory: {
          vmRssKb: 1000 + Math.floor(random() * 5000),
          vmHwmKb: 6000,
          rssAnonKb: null,
          rssFileKb: null,
          pssKb: 900,
        },
        thermal: { status: throttled ? 'moderate' : 'none', sensors: [], otherSensors: [] },
        battery: null,
        cpuFreqKhz: [1_800_000, random() < 0.5 ? null : 2_400_000],
        power: { currentUa: 200_000 + random() * 1000, voltageUv: 3_900_000 },
      },
    });
  };
  add({ kind: 'log', source: 'studio', line: 'pushing the runner' });
  for (let n = 0; n < warmup + repetitions; n++) {
    const rep = n < warmup ? n : n - warmup;
    const flag = n < warmup ? { warmup: true as const } : {};
    add({ kind: 'runner', event: { ev: 'held', rep, ms: random() * 5, ...flag } });
    for (let i = 0; i < chunks; i++) {
      const [compute, state] = [random() * 30, random() * 3];
      add({
        kind: 'runner',
        event: { ev: 'chunk', rep, i, tokens: 16, compute_ms: compute, state_ms: state, ...flag },
      });
      if (random() < 0.5) outside();
    }
    add({
      kind: 'runner',
      event: { ev: 'first_token', rep, ttft_ms: 50 + random() * 50, ...flag },
    });
    for (let i = 0; i < tokens; i++) {
      add({ kind: 'runner', event: { ev: 'token', rep, i, ms: 5 + random() * 5, ...flag } });
      if (random() < 0.3) outside();
      if (random() < 0.2) add({ kind: 'log', source: 'stderr', line: `step ${i}` });
    }
    add({ kind: 'runner', event: { ev: 'mem', t_ms: t, rss_kb: 4000, hwm_kb: 7000 } });
    add({ kind: 'runner', event: { ev: 'output', rep, tokens: [1], rows: 1, vocab: 8 } });
  }
  add({ kind: 'runner', event: { ev: 'done' } });
  return samples;
}

/** `samples` cut into consecutive batches of random sizes (1 to `largest`). */
export function randomBatches<T>(samples: readonly T[], seed: number, largest = 12): T[][] {
  const random = seededRandom(seed);
  const batches: T[][] = [];
  for (let at = 0; at < samples.length;) {
    const size = 1 + Math.floor(random() * largest);
    batches.push(samples.slice(at, at + size));
    at += size;
  }
  return batches;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
