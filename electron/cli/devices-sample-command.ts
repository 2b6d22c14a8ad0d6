import { InvalidArgumentError, type Command } from 'commander';
import type { DeviceSummary } from '../../shared/device';
import type { WatchedSample } from '../../shared/device-sample';
import { createStudioCore, type StudioCore } from '../core/studio-core';
import { CommandFailure, succeed } from './command-output';
import { settledFarm } from './devices-command';
import { hostContextFrom, type GlobalOptions } from './global-options';

interface SampleOptions {
  pid?: number;
  interval: number;
  count?: number;
  json?: boolean;
}

const positiveInteger = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new InvalidArgumentError('expected a positive whole number');
  }
  return number;
};

/** `edge-studio devices sample [PHONE]`: battery, thermal and memory of a pid, streamed. */
export function registerSampleCommand(devices: Command): void {
  devices
    .command('sample')
    .description('stream battery, thermal state and (with --pid) memory of a phone')
    .argument(
      '[phone]',
      'serial number or key of the phone (default: ANDROID_SERIAL or the only one)',
    )
    .option(
      '--pid <pid>',
      'also sample this process: VmRSS, VmHWM, RssAnon, RssFile, Pss',
      positiveInteger,
    )
    .option('--interval <ms>', 'milliseconds between samples (200 to 60000)', positiveInteger, 1000)
    .option('--count <n>', 'stop after this many samples (default: until Ctrl-C)', positiveInteger)
    .option('--json', 'print one JSON object per sample')
    .action(async (phone: string | undefined, options: SampleOptions, command: Command) => {
      const core = createStudioCore(
        hostContextFrom(command.optsWithGlobals<GlobalOptions>(), 'web'),
      );
      try {
        const device = pickPhone((await settledFarm(core)).devices, phone);
        // Commander hands `--json` to `devices` too: read it from either.
        const json = command.optsWithGlobals<{ json?: boolean }>().json;
        await streamSamples(core, device.key, { ...options, json });
      } finally {
        core.close();
      }
    });
}

/** The phone a user named (serial number, key or transport), or the default one. Pure. */
export function pickPhone(devices: readonly DeviceSummary[], name: string | undefined) {
  const candidates = name
    ? devices.filter((d) => [d.key, d.serialno, d.transport].includes(name))
    : devices.filter((d) => d.isDefault).concat(devices.length === 1 ? devices : []);
  const found = candidates[0];
  if (!found) {
    const known = devices.map((d) => d.serialno ?? d.transport).join(', ') || 'none';
    const asked = name ? `No phone ${name}` : 'More than one phone and no ANDROID_SERIAL';
    throw new CommandFailure(`${asked}: name one of the farm's phones (${known})`);
  }
  if (name && new Set(candidates.map((d) => d.key)).size > 1) {
    throw new CommandFailure(
      `${name} is on several hosts: name it by key (${candidates.map((d) => d.key).join(', ')})`,
    );
  }
  return found;
}

/** Keeps the phone watched and prints its samples until `count` or Ctrl-C. */
async function streamSamples(core: StudioCore, key: string, options: SampleOptions) {
  const args = { key, intervalMs: options.interval, pid: options.pid };
  succeed(await core.handlers['device:watch'](args));
  const renew = setInterval(() => void core.handlers['device:watch'](args), 4000);
  let printed = 0;
  await new Promise<void>((resolve) => {
    const stop = () => {
      off();
      clearInterval(renew);
      process.off('SIGINT', stop);
      resolve();
    };
    const off = core.events.subscribe((event) => {
      if (event.channel !== 'device:onDidSample') return;
      const sample = event.payload;
      if (sample.deviceKey !== key || sample.pid !== (options.pid ?? null)) return;
      if (sample.pid !== null && sample.sample.memory === null) {
        console.error(`process ${sample.pid} is not running on the phone (any more)`);
        process.exitCode = 1;
        return stop();
      }
      console.log(options.json ? JSON.stringify(sample) : formatSample(sample));
      if (++printed === options.count) stop();
    });
    process.on('SIGINT', stop);
  });
}

/** One line per sample. Pure. */
export function formatSample({ pid, sample }: WatchedSample): string {
  const mib = (kb: number | null) => (kb === null ? '?' : `${(kb / 1024).toFixed(1)} MiB`);
  const sensors = sample.thermal?.sensors.map((sensor) => sensor.celsius) ?? [];
  const words = [
    `${(sample.tMs / 1000).toFixed(1)} s`,
    `thermal ${sample.thermal?.status ?? '?'}`,
    sensors.length > 0 ? `hottest ${Math.max(...sensors).toFixed(1)} °C` : '',
    sample.battery
      ? `battery ${sample.battery.levelPercent}% ${sample.battery.temperatureC} °C`
      : 'battery ?',
    sample.memory
      ? `pid ${pid}: RSS ${mib(sample.memory.vmRssKb)} HWM ${mib(sample.memory.vmHwmKb)} ` +
        `anon ${mib(sample.memory.rssAnonKb)} file ${mib(sample.memory.rssFileKb)} PSS ${mib(sample.memory.pssKb)}`
      : '',
  ];
  return words.filter(Boolean).join('  ');
}
