import type { Command } from 'commander';
import { z } from 'zod';
import { invokeChannels, type StudioApi } from '../../shared/contract';
import type { WatchedSample } from '../../shared/device-sample';
import { call, withStudio } from './cli-studio';
import { numberArgument, parseOptions } from './cli-options';
import { onInterrupt } from './interrupt';
import { phoneArgumentHelp, selectPhone } from './phone-selection';

interface SampleOptions {
  pid?: string;
  interval: string;
  count?: string;
  json?: boolean;
}

/** What `device:watch` is asked, and how many samples to print (all until Ctrl-C when none). */
interface SampleRequest {
  intervalMs: number;
  pid?: number;
  count?: number;
}

/** Renewed well inside the watch's lease (10 s), so a slow phone never lets it lapse. */
const renewEveryMs = 4000;

// `key` comes from the farm: the rest is checked before the farm is asked for it.
const requestSchema = invokeChannels['device:watch'].args
  .omit({ key: true })
  .extend({ count: z.number().int().positive().optional() });

/** `edge-studio devices sample [PHONE]`: battery, thermal and memory of a pid, streamed. */
export function registerSampleCommand(devices: Command): void {
  devices
    .command('sample')
    .description('stream battery, thermal state and (with --pid) memory of a phone')
    .argument('[phone]', phoneArgumentHelp)
    .option('--pid <pid>', 'also sample this process: VmRSS, VmHWM, RssAnon, RssFile, Pss')
    .option('--interval <ms>', 'milliseconds between samples (200 to 60000)', '1000')
    .option('--count <n>', 'stop after this many samples (default: until Ctrl-C)')
    .option('--json', 'print one JSON object per sample')
    .action(async (phone: string | undefined, options: SampleOptions, command: Command) => {
      const request = sampleRequestOf(options);
      // Commander hands `--json` to `devices` too: read it from either.
      const json = command.optsWithGlobals<{ json?: boolean }>().json ?? false;
      await withStudio(command, async ({ studio }) => {
        const device = await selectPhone(studio, phone);
        await streamSamples(studio, device.key, request, json);
      });
    });
}

/**
 * The options checked by `device:watch`'s own schema before the farm is even listed, so a bad
 * `--interval` is refused at once with the message every host gives.
 */
export function sampleRequestOf(options: SampleOptions): SampleRequest {
  const number = (text: string | undefined) =>
    text === undefined ? undefined : numberArgument(text);
  return parseOptions(
    requestSchema,
    {
      intervalMs: number(options.interval),
      pid: number(options.pid),
      count: number(options.count),
    },
    [
      ['intervalMs', '--interval'],
      ['pid', '--pid'],
      ['count', '--count'],
    ],
  );
}

/** Keeps the phone watched and prints its samples until `count` or Ctrl-C. */
async function streamSamples(
  studio: StudioApi,
  key: string,
  { count, ...watch }: SampleRequest,
  json: boolean,
) {
  const args = { key, ...watch };
  await call(studio, 'device:watch', args);
  const renew = setInterval(() => void studio.invoke('device:watch', args), renewEveryMs);
  let printed = 0;
  await new Promise<void>((resolve) => {
    const stop = () => {
      off();
      offInterrupt();
      clearInterval(renew);
      resolve();
    };
    const off = studio.on('device:onDidSample', (sample) => {
      if (sample.deviceKey !== key || sample.pid !== (watch.pid ?? null)) return;
      if (sample.pid !== null && sample.sample.memory === null) {
        console.error(`process ${sample.pid} is not running on the phone (any more)`);
        process.exitCode = 1;
        return stop();
      }
      console.log(json ? JSON.stringify(sample) : formatSample(sample));
      if (++printed === count) stop();
    });
    const offInterrupt = onInterrupt(stop);
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
