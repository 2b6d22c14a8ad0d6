/** USER_HZ: /proc/stat counts clock ticks of 10 ms. */
const ticksPerSecond = 100;
const idleLoad = 0.04;

interface CoreTicks {
  user: number;
  system: number;
  idle: number;
}

/**
 * Cumulative CPU tick counters for /proc/stat (what adbkit's openProcStat polls): each running
 * program keeps about one core busy, the rest idle at a few percent.
 */
export class CpuStat {
  private readonly cores: CoreTicks[];
  private updatedAt: number;

  constructor(
    coreCount: number,
    private readonly bootedAt = Date.now(),
  ) {
    this.cores = Array.from({ length: coreCount }, () => ({ user: 0, system: 0, idle: 0 }));
    this.updatedAt = bootedAt;
  }

  /** Advances the counters to `now` with `busyCores` cores (the running programs) loaded. */
  update(busyCores: number, now = Date.now()): void {
    const ticks = Math.max(0, ((now - this.updatedAt) * ticksPerSecond) / 1000);
    this.updatedAt = now;
    this.cores.forEach((core, index) => {
      // Programs run on the big cores first, as the scheduler would place them.
      const load = this.cores.length - 1 - index < busyCores ? 0.92 : idleLoad;
      core.user += ticks * load * 0.85;
      core.system += ticks * load * 0.15;
      core.idle += ticks * (1 - load);
    });
  }

  /** /proc/stat text. Pure given the counters. */
  format(): string {
    const line = (name: string, core: CoreTicks) =>
      `${name} ${[core.user, 0, core.system, core.idle, 0, 0, 0, 0, 0, 0].map((value) => Math.floor(value)).join(' ')}`;
    const total = this.cores.reduce(
      (sum, core) => ({
        user: sum.user + core.user,
        system: sum.system + core.system,
        idle: sum.idle + core.idle,
      }),
      { user: 0, system: 0, idle: 0 },
    );
    return [
      line('cpu ', total),
      ...this.cores.map((core, index) => line(`cpu${index}`, core)),
      'intr 0',
      'ctxt 0',
      `btime ${Math.floor(this.bootedAt / 1000)}`,
      'processes 0',
      'procs_running 1',
      'procs_blocked 0',
      '',
    ].join('\n');
  }
}
