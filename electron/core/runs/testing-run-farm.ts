import { expect } from 'vitest';
import { createLocalStudio } from '../../../shared/local-studio';
import type { StudioApi } from '../../../shared/contract';
import type { RunMetricsBatch, RunRecord, RunRequestInput } from '../../../shared/run';
import { isTerminalRunState } from '../../../shared/run-state';
import type { EmulatedPhone } from '../../emulator/emulated-phone';
import { connectPhone, startPhones, stopPhones } from '../../emulator/phone-farm';
import { findPreset } from '../../emulator/phone-presets';
import { startTestAdbServer, targetOf, type TestAdbServer } from '../../emulator/testing-adb';
import { adbServerAt } from '../devices/adb-server';
import { createStudioCore, type StudioCore } from '../studio-core';
import { tempDataDir } from '../testing';

/** A studio core over a test adb server with emulated phones attached: the run tests' farm. */
export interface RunFarm {
  server: TestAdbServer;
  phones: EmulatedPhone[];
  core: StudioCore;
  studio: StudioApi;
  dataDir: string;
  /** The farm key of phone `index`. */
  keyOf(index: number): string;
  stop(): Promise<void>;
}

export async function startRunFarm(presets: string[] = ['sd8gen3']): Promise<RunFarm> {
  process.env.ORT_DISABLE_TELEMETRY = '1';
  const server = await startTestAdbServer();
  const phones = await startPhones(presets.map((name) => findPreset(name)!));
  for (const phone of phones) expect((await connectPhone(targetOf(server), phone)).ok).toBe(true);
  const data = tempDataDir();
  const address = adbServerAt(`127.0.0.1:${server.port}`);
  if (!address.ok) throw new Error(address.error.message);
  const core = createStudioCore({ host: 'cli', dataDir: data.dir, farm: [address.value] });
  const studio = createLocalStudio(core.handlers, core.events);
  const keyOf = (index: number) => `127.0.0.1:${server.port}/${phones[index]!.serial}`;
  await waitForPhones(
    studio,
    phones.map((_, index) => keyOf(index)),
  );
  return {
    server,
    phones,
    core,
    studio,
    dataDir: data.dir,
    keyOf,
    stop: async () => {
      core.close();
      await stopPhones(targetOf(server), phones);
      await server.stop();
      data.cleanup();
    },
  };
}

async function waitForPhones(studio: StudioApi, keys: string[]): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const listed = await studio.invoke('device:list', {});
    const up = listed.ok ? listed.value.devices.filter((device) => device.state === 'device') : [];
    if (keys.every((key) => up.some((device) => device.key === key))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`phones ${keys.join(', ')} never came up`);
}

/** A started run, its batches as they stream, and its end. */
export interface WatchedRun {
  runId: string;
  batches: RunMetricsBatch[];
  /** The stored record once the run has ended. */
  ended: Promise<RunRecord>;
}

/** Starts a run and follows its batches and state until it ends. */
export async function startRun(farm: RunFarm, request: RunRequestInput): Promise<WatchedRun> {
  const batches: RunMetricsBatch[] = [];
  let resolveEnded: (record: RunRecord) => void = () => undefined;
  const ended = new Promise<RunRecord>((resolve) => (resolveEnded = resolve));
  let runId = '';
  const pending: string[] = [];
  const offMetrics = farm.studio.on('run:metrics', (batch) => {
    if (batch.runId === runId) batches.push(batch);
  });
  const offState = farm.studio.on('run:onDidChangeState', (change) => {
    if (!isTerminalRunState(change.state)) return;
    if (runId === '') pending.push(change.runId);
    else if (change.runId === runId) finish();
  });
  const finish = async () => {
    offState();
    offMetrics();
    const record = await farm.studio.invoke('run:get', { runId });
    if (!record.ok) throw new Error(record.error.message);
    resolveEnded(record.value);
  };
  const started = await farm.studio.invoke('run:start', request);
  if (!started.ok) throw new Error(started.error.message);
  runId = started.value.runId;
  if (pending.includes(runId)) void finish();
  return { runId, batches, ended };
}
