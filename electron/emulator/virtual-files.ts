import { readFile, writeFile } from 'node:fs/promises';
import { CpuStat } from './cpu-stat';
import type { PhoneAbi } from './phone-abi';
import type { PhonePreset } from './phone-presets';
import { powerSupplyFile, powerSupplyNames } from './power-supply';
import type { PhoneProcess, ProcessTable } from './process-table';
import type { ThermalModel } from './thermal-model';

/** Outcome of writing a virtual file. */
export type VirtualWrite = 'ok' | 'read-only' | 'not-found';

/** What the virtual files describe. */
export interface VirtualSources {
  preset: PhonePreset;
  /** x86_64 phones describe x86 cores, arm64 ones ARMv8 cores (qemu's programs read it). */
  abi: PhoneAbi;
  processes: ProcessTable;
  /** The thermal model, advanced to now. */
  thermal(): ThermalModel;
}

const governors = 'schedutil performance powersave';

/**
 * `/proc` and `/sys` of the phone, computed on read: version, meminfo, per-process status and
 * smaps_rollup (the real host figures for programs the phone runs), clear_refs (writable),
 * thermal zones, cpufreq files, the CPU ranges (present, possible, online) and the battery's
 * power_supply files (driven by the load).
 */
export class VirtualFiles {
  private readonly governor: string[];
  private readonly cpuStat: CpuStat;

  constructor(private readonly sources: VirtualSources) {
    this.governor = sources.preset.cpuMaxKhz.map(() => 'schedutil');
    this.cpuStat = new CpuStat(sources.preset.cpuMaxKhz.length);
  }

  /** True for paths this class answers instead of the sandbox. */
  isVirtual(path: string): boolean {
    return path === '/proc' || path === '/sys' || /^\/(proc|sys)\//.test(path);
  }

  /** Contents of a virtual file, or null when there is none. */
  async read(path: string): Promise<string | null> {
    const proc = /^\/proc\/(\d+)\/(status|smaps_rollup|cmdline)$/.exec(path);
    if (proc) return this.readProcess(Number(proc[1]), proc[2]!);
    const zone = /^\/sys\/class\/thermal\/thermal_zone(\d+)\/(type|temp)$/.exec(path);
    if (zone) return this.readZone(Number(zone[1]), zone[2]!);
    const cpu = /^\/sys\/devices\/system\/cpu\/cpu(\d+)\/cpufreq\/(\w+)$/.exec(path);
    if (cpu) return this.readCpufreq(Number(cpu[1]), cpu[2]!);
    const supply = /^\/sys\/class\/power_supply\/battery\/(\w+)$/.exec(path);
    if (supply) return powerSupplyFile(supply[1]!, this.sources.processes.children().length);
    if (/^\/sys\/devices\/system\/cpu\/(present|possible|online)$/.test(path))
      return `0-${this.sources.preset.cpuMaxKhz.length - 1}\n`;
    if (path === '/proc/version') return this.version();
    if (path === '/proc/meminfo') return this.meminfo();
    if (path === '/proc/stat') {
      this.cpuStat.update(this.sources.processes.children().length);
      return this.cpuStat.format();
    }
    if (path === '/proc/cpuinfo') return this.cpuinfo();
    return null;
  }

  /** Writes `clear_refs` (passed to the real process) or a cpufreq governor. */
  async write(path: string, data: string): Promise<VirtualWrite> {
    const clear = /^\/proc\/(\d+)\/clear_refs$/.exec(path);
    if (clear) {
      const entry = this.sources.processes.get(Number(clear[1]));
      if (!entry) return 'not-found';
      if (entry.child)
        await writeFile(`/proc/${entry.pid}/clear_refs`, data.trim()).catch(() => undefined);
      return 'ok';
    }
    const cpu = /^\/sys\/devices\/system\/cpu\/cpu(\d+)\/cpufreq\/scaling_governor$/.exec(path);
    if (
      cpu &&
      Number(cpu[1]) < this.governor.length &&
      governors.split(' ').includes(data.trim())
    ) {
      this.governor[Number(cpu[1])] = data.trim();
      return 'ok';
    }
    return (await this.read(path)) === null ? 'not-found' : 'read-only';
  }

  /** Names in a virtual directory, or null when it is not one. */
  list(path: string): string[] | null {
    const cpus = this.sources.preset.cpuMaxKhz.map((_, index) => `cpu${index}`);
    const zones = this.sources
      .thermal()
      .zones()
      .map((_, index) => `thermal_zone${index}`);
    const pids = this.sources.processes.list().map((entry) => String(entry.pid));
    const dirs: Record<string, string[]> = {
      '/proc': ['cpuinfo', 'meminfo', 'stat', 'version', ...pids],
      '/sys': ['class', 'devices'],
      '/sys/class': ['power_supply', 'thermal'],
      '/sys/class/power_supply': ['battery'],
      '/sys/class/power_supply/battery': powerSupplyNames,
      '/sys/class/thermal': zones,
      '/sys/devices/system/cpu': [...cpus, 'online', 'possible', 'present'],
    };
    if (dirs[path]) return dirs[path];
    if (/^\/proc\/\d+$/.test(path)) return ['clear_refs', 'cmdline', 'smaps_rollup', 'status'];
    if (/^\/sys\/class\/thermal\/thermal_zone\d+$/.test(path)) return ['temp', 'type'];
    if (/^\/sys\/devices\/system\/cpu\/cpu\d+$/.test(path)) return ['cpufreq'];
    if (/^\/sys\/devices\/system\/cpu\/cpu\d+\/cpufreq$/.test(path)) {
      return [
        'cpuinfo_max_freq',
        'scaling_available_governors',
        'scaling_cur_freq',
        'scaling_governor',
      ];
    }
    return null;
  }

  private version(): string {
    return `Linux version 6.1.57-android14-11-g2f0d4a5b6c7e (build-user@build-host) (Android (10087095, +pgo, +bolt, +lto, +mlgo, based on r487747c) clang version 17.0.2, LLD 17.0.2) #1 SMP PREEMPT Mon Jan 8 12:00:00 UTC 2024 [edge-studio emulated ${this.sources.preset.socModel}]\n`;
  }

  private cpuinfo(): string {
    const { preset } = this.sources;
    if (this.sources.abi === 'x86_64') {
      const cores = preset.cpuMaxKhz.map(
        (khz, index) =>
          `processor\t: ${index}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU (emulated ${preset.socModel})\ncpu MHz\t\t: ${(khz / 1000).toFixed(3)}\nflags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma\n`,
      );
      return `${cores.join('\n')}\n`;
    }
    // ARMv8 fields as the kernel prints them (Cortex-A76-class cores: implementer 0x41, part
    // 0xd0b): ORT's cpuinfo parser reads these under qemu.
    const processors = preset.cpuMaxKhz.map(
      (_, index) =>
        `processor\t: ${index}\nBogoMIPS\t: 38.40\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x4\nCPU part\t: 0xd0b\nCPU revision\t: 1\n`,
    );
    return `${processors.join('\n')}\nHardware\t: ${preset.socManufacturer} ${preset.socModel}\n`;
  }

  private meminfo(): string {
    const totalKb = this.sources.preset.ramMb * 1024;
    const usedKb = Math.round(totalKb * 0.45);
    const line = (key: string, kb: number) => `${`${key}:`.padEnd(16)}${String(kb).padStart(8)} kB`;
    return [
      line('MemTotal', totalKb),
      line('MemFree', Math.round(totalKb * 0.2)),
      line('MemAvailable', totalKb - usedKb),
      line('Buffers', 8192),
      line('Cached', Math.round(totalKb * 0.25)),
      line('SwapTotal', 4194304),
      line('SwapFree', 4194304),
      '',
    ].join('\n');
  }

  private async readProcess(pid: number, file: string): Promise<string | null> {
    const entry = this.sources.processes.get(pid);
    if (!entry) return null;
    if (file === 'cmdline') return `${(entry.argv ?? [entry.name]).join('\0')}\0`;
    if (entry.child) return readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => null);
    return file === 'status' ? systemStatus(entry) : systemSmaps(entry);
  }

  private readZone(index: number, file: string): string | null {
    const zone = this.sources.thermal().zones()[index];
    if (!zone) return null;
    return file === 'type' ? `${zone.name}\n` : `${Math.round(zone.celsius * 1000)}\n`;
  }

  private readCpufreq(index: number, file: string): string | null {
    const maxKhz = this.sources.preset.cpuMaxKhz[index];
    if (maxKhz === undefined) return null;
    const busy = this.sources.processes.children().length > 0;
    const values: Record<string, string> = {
      scaling_governor: this.governor[index]!,
      scaling_available_governors: governors,
      cpuinfo_max_freq: String(maxKhz),
      scaling_cur_freq: String(busy ? maxKhz : Math.round(maxKhz * 0.3)),
    };
    return values[file] === undefined ? null : `${values[file]}\n`;
  }
}

function systemStatus(entry: PhoneProcess): string {
  return [
    `Name:\t${entry.name}`,
    'State:\tS (sleeping)',
    `Pid:\t${entry.pid}`,
    `PPid:\t${entry.ppid}`,
    `VmHWM:\t${String(entry.rssKb).padStart(8)} kB`,
    `VmRSS:\t${String(entry.rssKb).padStart(8)} kB`,
    `RssAnon:\t${String(Math.round(entry.rssKb * 0.6)).padStart(8)} kB`,
    `RssFile:\t${String(Math.round(entry.rssKb * 0.4)).padStart(8)} kB`,
    'RssShmem:\t       0 kB',
    'VmSwap:\t       0 kB',
    '',
  ].join('\n');
}

function systemSmaps(entry: PhoneProcess): string {
  const kb = (key: string, value: number) =>
    `${`${key}:`.padEnd(16)}${String(value).padStart(8)} kB`;
  const pss = Math.round(entry.rssKb * 0.7);
  return [
    '00000000-ffffffff ---p 00000000 00:00 0                                  [rollup]',
    kb('Rss', entry.rssKb),
    kb('Pss', pss),
    kb('Pss_Anon', Math.round(pss * 0.6)),
    kb('Pss_File', Math.round(pss * 0.4)),
    kb('Pss_Shmem', 0),
    kb('Private_Clean', Math.round(pss * 0.3)),
    kb('Private_Dirty', Math.round(pss * 0.5)),
    kb('Swap', 0),
    kb('SwapPss', 0),
    '',
  ].join('\n');
}
