import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { hostArgument, hostLaunch, qemuMissing, type HostLaunch } from './elf-launch';
import type { Logcat } from './logcat';
import { elfAbi, type PhoneAbi } from './phone-abi';
import type { ProcessTable } from './process-table';
import type { SandboxFs } from './sandbox-fs';
import type { CommandIo } from './shell-types';

/** What running a pushed program needs from its phone. */
export interface ProgramContext {
  fs: SandboxFs;
  /** sha256 of every file pushed over sync, by device path. */
  pushed: ReadonlyMap<string, string>;
  processes: ProcessTable;
  logcat: Logcat;
  /** Host directory (outside the sandbox) where verified copies are run from. */
  execDir: string;
  /** Memory budget of one program in kB; 0 = none. Over it, the program is killed like LMK does. */
  memoryBudgetKb(): number;
  /** The ELF machine the phone runs: its own (x86_64 natively, arm64 under qemu). */
  abi: PhoneAbi;
  /** The phone's /proc/cpuinfo (what programs run under qemu read as theirs). */
  cpuinfo(): Promise<string>;
  /** Programs live on when their shell stream closes (default: SIGTERMed, the hang-up). */
  programsSurviveHangUp?(): boolean;
}

const lmkPollMs = 100;

/**
 * Runs a pushed program as a real child process of the emulator. Only bytes pushed over sync and
 * unchanged since (sha256 checked) run, from a verified copy; Node programs (`#!…node`, .js, .mjs,
 * .cjs) run under this Node, ELF files of the phone's ABI natively (x86_64) or under qemu
 * (arm64), anything else is `Exec format error`. Absolute device paths in the arguments and the
 * shell's exported variables become host paths, as inside a chroot. Resolves to the exit status
 * (128+signal when killed).
 */
export async function runPushedProgram(
  context: ProgramContext,
  path: string,
  args: readonly string[],
  io: CommandIo,
): Promise<number> {
  const hostPath = await context.fs.hostPath(path, 'read', io.cwd);
  if (!hostPath.ok) return refuse(io, path, hostPath.error.message, 126);
  const stats = await stat(hostPath.value).catch(() => null);
  if (!stats?.isFile()) return refuse(io, path, 'not found', 127);
  if ((stats.mode & 0o111) === 0) return refuse(io, path, 'Permission denied', 126);
  const devicePath = context.fs.devicePath(hostPath.value);
  const bytes = await readFile(hostPath.value);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (context.pushed.get(devicePath) !== sha) {
    return refuse(io, path, 'not a pushed program (or changed since its push)', 126);
  }
  const elf = elfAbi(bytes);
  const runnable = elf === 'not-elf' ? isNodeProgram(devicePath, bytes) : elf === context.abi;
  if (!runnable) return refuse(io, path, "can't execute: Exec format error", 126);
  const missing = elf === 'arm64-v8a' ? qemuMissing() : null;
  if (missing) return refuse(io, path, `can't execute: ${missing}`, 126);
  const name = basename(devicePath, extname(devicePath));
  const copy = join(
    context.execDir,
    sha,
    elf === 'not-elf' ? `${name}${extname(devicePath) || '.js'}` : basename(devicePath),
  );
  await materialize(copy, bytes, sha);
  const cwd = await programCwd(context, io.cwd);
  const hostArgs = await Promise.all(args.map((arg) => hostArgument(context.fs, arg, io.cwd)));
  const launch =
    elf === 'not-elf'
      ? { file: process.execPath, args: [copy, ...hostArgs] }
      : await hostLaunch(context.abi, copy, hostArgs, context);
  const env = await programEnv(context, io, cwd);
  const argv = [devicePath, ...args];
  return spawnProgram(context, { name: basename(devicePath), argv }, launch, env, io, cwd);
}

/** The shell's directory when it is a writable one (as on a phone), else /data/local/tmp. */
async function programCwd(context: ProgramContext, cwd: string): Promise<string> {
  const here = await context.fs.hostPath(cwd, 'write');
  if (here.ok && (await stat(here.value).catch(() => null))?.isDirectory()) return here.value;
  const tmp = await context.fs.hostPath('/data/local/tmp', 'read');
  return tmp.ok ? tmp.value : context.execDir;
}

/** The child's environment: the host PATH, then the shell's exported variables, mapped. */
async function programEnv(
  context: ProgramContext,
  io: CommandIo,
  cwd: string,
): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: cwd,
    EDGE_STUDIO_EMULATED: '1',
    TMPDIR: cwd,
  };
  for (const [key, value] of Object.entries(io.env ?? {})) {
    if (key === 'PATH' || !/^[A-Za-z_]\w*$/.test(key)) continue;
    env[key] = await hostArgument(context.fs, value, io.cwd);
  }
  return env;
}

/** Writes the verified bytes to `copy` unless an identical copy is already there. */
async function materialize(copy: string, bytes: Buffer, sha: string): Promise<void> {
  const existing = await readFile(copy).catch(() => null);
  if (existing && createHash('sha256').update(existing).digest('hex') === sha) return;
  await rm(copy, { force: true });
  await mkdir(dirname(copy), { recursive: true });
  await writeFile(copy, bytes, { mode: 0o500 });
}

function isNodeProgram(path: string, bytes: Buffer): boolean {
  const firstLine = bytes.subarray(0, 128).toString('latin1').split('\n')[0]!;
  if (firstLine.startsWith('#!')) return /\bnode\b/.test(firstLine);
  return ['.js', '.mjs', '.cjs'].includes(extname(path));
}

function spawnProgram(
  context: ProgramContext,
  { name, argv }: { name: string; argv: readonly string[] },
  launch: HostLaunch,
  env: NodeJS.ProcessEnv,
  io: CommandIo,
  cwd: string,
): Promise<number> {
  const child = spawn(launch.file, launch.args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) return refuse(io, name, 'failed to start', 126);
  const entry = context.processes.addChild(name, child, argv);
  context.logcat.log({
    pid: 1150,
    priority: 'I',
    tag: 'ActivityManager',
    message: `Start proc ${entry.pid}:${name}/shell`,
  });
  // An orphan (its stream closed, the phone not killing on hang-up) writes into closed pipes:
  // its output goes nowhere and never holds it up, as for a program that ignores SIGPIPE.
  let orphan = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (orphan) return;
    child.stdout.pause();
    void io.out(chunk).then(() => child.stdout.resume());
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (!orphan) void io.err(`${line}\n`);
    context.logcat.log({ pid: entry.pid, priority: 'W', tag: name, message: line });
  });
  const onAbort = () => {
    if (!context.programsSurviveHangUp?.()) return void child.kill('SIGTERM');
    orphan = true;
    child.stdout.resume();
  };
  io.signal.addEventListener('abort', onAbort);
  const watchdog = setInterval(() => void enforceBudget(context, entry.pid, name), lmkPollMs);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearInterval(watchdog);
      io.signal.removeEventListener('abort', onAbort);
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
}

async function enforceBudget(context: ProgramContext, pid: number, name: string): Promise<void> {
  const budget = context.memoryBudgetKb();
  if (budget <= 0) return;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  if (rssKb <= budget || context.processes.kill(pid, 'SIGKILL') !== 'killed') return;
  context.logcat.log({
    pid: 560,
    priority: 'I',
    tag: 'lowmemorykiller',
    message: `Kill '${name}' (${pid}), uid 2000, oom_score_adj 0 to free ${rssKb}kB rss; reason: memory budget ${budget}kB exceeded`,
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = {
    SIGKILL: 9,
    SIGTERM: 15,
    SIGINT: 2,
    SIGHUP: 1,
  };
  return signal ? (numbers[signal] ?? 1) : 0;
}

async function refuse(
  io: CommandIo,
  path: string,
  reason: string,
  status: number,
): Promise<number> {
  await io.err(`sh: ${path}: ${reason}\n`);
  return status;
}
