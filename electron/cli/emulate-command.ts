import type { Command } from 'commander';
import { ok, type Result } from '../../shared/result';
import type { EmulatedPhone } from '../emulator/emulated-phone';
import {
  choosePresets,
  connectPhone,
  ensureAdbServer,
  startPhones,
  stopPhones,
  type AdbTarget,
} from '../emulator/phone-farm';
import { phoneAbis, qemuNote, type PhoneAbi } from '../emulator/phone-abi';
import { phonePresets } from '../emulator/phone-presets';
import { numberOption } from './cli-options';
import { localTarget } from './emulated-farm';
import { hostContextFrom, UsageError, type GlobalOptions } from './global-options';
import { untilInterrupted } from './interrupt';

interface EmulateOptions {
  count: string;
  preset: string[];
  bandwidth?: string;
  latency?: string;
  dropAfter?: string;
  dropAt?: string;
  memoryBudget?: string;
  thermal?: string;
  abi?: string;
}

/** `edge-studio emulate`: emulated phones on an adb server, until interrupted. */
export function registerEmulateCommand(program: Command): void {
  program
    .command('emulate')
    .description(
      'start emulated Android phones and `adb connect` them until interrupted (SIGUSR1 toggles offline/online)',
    )
    .option('--count <n>', 'how many phones', '1')
    .option(
      '--preset <name>',
      `phone preset, repeat to mix (cycled over --count): ${phonePresets.map((p) => p.name).join(', ')}`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--bandwidth <MB/s>', 'cap each link to this many MB/s each way')
    .option('--latency <ms>', 'add this delay to every packet a phone sends')
    .option('--drop-after <bytes>', 'drop the link after this many bytes (fault injection)')
    .option('--drop-at <ms>', 'drop every link this long after the phones are up')
    .option('--memory-budget <MB>', 'kill a program over this RSS, as the low-memory killer does')
    .option('--thermal <status>', 'pin the thermal status, 0 (NONE) to 6 (SHUTDOWN)')
    .option(
      '--abi <abi>',
      `ELF files the phones run: x86_64 (natively, the default) or arm64-v8a (${qemuNote})`,
    )
    .action(async (options: EmulateOptions, command: Command) => {
      await emulate(options, command.optsWithGlobals<GlobalOptions>());
    });
}

/** A fault-injection amount: 0 (off) when not given. */
function amount(name: string, text: string | undefined): number {
  return text === undefined ? 0 : numberOption(name, text);
}

/** The farm's first adb server, local, and the adb binary: where the phones attach. */
function adbTarget(globals: GlobalOptions): AdbTarget {
  const target = localTarget(hostContextFrom(globals, 'cli').farm[0]!);
  if (!target.ok) throw new UsageError(target.error.message);
  return target.value;
}

async function emulate(options: EmulateOptions, globals: GlobalOptions): Promise<void> {
  const count = numberOption('--count', options.count, { min: 1, max: 64, whole: true });
  const thermal =
    options.thermal === undefined ? null : numberOption('--thermal', options.thermal, { max: 6 });
  const presets = choosePresets(count, options.preset);
  if (!presets.ok) throw new UsageError(presets.error.message);
  const abi = options.abi ?? 'x86_64';
  if (!(phoneAbis as readonly string[]).includes(abi))
    throw new UsageError(`--abi must be one of ${phoneAbis.join(', ')}, not "${abi}"`);
  const target = adbTarget(globals);
  const server = await ensureAdbServer(target);
  if (!server.ok) return reportFailure(server.error.message);
  const phones = await startPhones(presets.value, {
    link: {
      bytesPerSecond: amount('--bandwidth', options.bandwidth) * 1_000_000,
      latencyMs: amount('--latency', options.latency),
      dropAfterBytes: amount('--drop-after', options.dropAfter),
    },
    memoryBudgetMb: amount('--memory-budget', options.memoryBudget),
    abi: abi as PhoneAbi,
  });
  for (const phone of phones) phone.setThermalStatus(thermal);
  const connected = await connectAll(target, phones);
  if (!connected.ok) {
    await stopPhones(target, phones);
    return reportFailure(connected.error.message);
  }
  if (options.dropAt !== undefined) {
    const delay = amount('--drop-at', options.dropAt);
    for (const phone of phones) phone.dropAt(delay);
  }
  const toggle = () => void toggleOnline(target, phones);
  process.on('SIGUSR1', toggle);
  await untilInterrupted();
  process.off('SIGUSR1', toggle);
  await stopPhones(target, phones);
}

/** Connects each phone and prints its line: address, ro.serialno, model, preset. */
async function connectAll(target: AdbTarget, phones: EmulatedPhone[]): Promise<Result<void>> {
  for (const phone of phones) {
    const connected = await connectPhone(target, phone);
    if (!connected.ok) return connected;
    console.log(
      `${phone.address}\t${phone.serial}\t${phone.preset.model}\t(${phone.preset.name}, emulated${phone.abi === 'x86_64' ? '' : `, ${qemuNote}`})`,
    );
  }
  return ok(undefined);
}

function reportFailure(message: string): void {
  console.error(`edge-studio: ${message}`);
  process.exitCode = 1;
}

/** SIGUSR1 takes every phone offline, or back online and `adb connect`s it again. */
async function toggleOnline(target: AdbTarget, phones: EmulatedPhone[]): Promise<void> {
  for (const phone of phones) {
    if (phone.online) {
      await phone.goOffline();
    } else {
      await phone.goOnline();
      await connectPhone(target, phone);
    }
    console.log(`${phone.address}\t${phone.online ? 'online' : 'offline'}`);
  }
}
