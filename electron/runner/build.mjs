#!/usr/bin/env node
// Builds edge-runner's runtime bundles (out/runtime/<abi>/): the runner, onnxruntime-node's glibc
// libonnxruntime.so.1 for that ABI, and glibc's loader and libraries, so that a phone (which has
// no glibc) starts it as `DIR/ld-linux-….so.N --library-path DIR DIR/edge-runner PLAN`.
// Plain Node with no dependencies; cached by a hash of everything that goes in.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sourceDir = join(root, 'electron', 'runner', 'src');
const outDir = join(root, 'out', 'runtime');
const ortDir = join(root, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', 'linux');
const aar = join(
  root,
  'node_modules',
  'com.github.asus4.onnxruntime',
  'Plugins',
  'Android',
  'onnxruntime.aar',
);
const nlohmann = '/usr/include/nlohmann';
const glibcLibs = [
  'libc.so.6',
  'libm.so.6',
  'libstdc++.so.6',
  'libgcc_s.so.1',
  'libdl.so.2',
  'librt.so.1',
  'libpthread.so.0',
];

/** Per ABI: compiler, ORT library folder, where glibc's libraries are, the loader's name. */
export const abis = {
  x86_64: {
    compiler: 'g++',
    ort: join(ortDir, 'x64'),
    libDir: '/lib/x86_64-linux-gnu',
    loader: 'ld-linux-x86-64.so.2',
  },
  'arm64-v8a': {
    compiler: 'aarch64-linux-gnu-g++',
    ort: join(ortDir, 'arm64'),
    libDir: '/usr/aarch64-linux-gnu/lib',
    loader: 'ld-linux-aarch64.so.1',
  },
};

/** Debian packages the build needs (installed by the setup step). */
export const buildPackages = { 'g++': 'g++', 'aarch64-linux-gnu-g++': 'g++-aarch64-linux-gnu' };
export const headerPackage = { path: join(nlohmann, 'json.hpp'), package: 'nlohmann-json3-dev' };

const say = (line) => console.log(`[runner] ${line}`);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    )
    .sort();
}

/** Hash of what a bundle is made of: sources, this script, the libraries and the compiler. */
function inputsHash(abi) {
  const spec = abis[abi];
  const hash = createHash('sha256');
  const files = [
    ...filesUnder(sourceDir),
    fileURLToPath(import.meta.url),
    join(spec.ort, 'libonnxruntime.so.1'),
  ];
  for (const file of files) hash.update(relative(root, file)).update(readFileSync(file));
  for (const name of [spec.loader, ...glibcLibs])
    hash.update(name).update(readFileSync(join(spec.libDir, name)));
  hash.update(readFileSync(headerPackage.path));
  hash.update(spawnSync(spec.compiler, ['--version'], { encoding: 'utf8' }).stdout ?? '');
  return hash.digest('hex');
}

/** The AAR is a zip: pulls `headers/*` out of it with zlib (no unzip on a fresh machine). */
function extractHeaders(into) {
  const zip = readFileSync(aar);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${aar}: not a zip`);
  let entry = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(entry + 10);
    const size = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const skip = nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    const local = zip.readUInt32LE(entry + 42);
    entry += 46 + skip;
    if (!/^headers\/[\w.]+$/.test(name)) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    writeFileSync(
      join(into, name.slice('headers/'.length)),
      method === 8 ? inflateRawSync(data) : data,
    );
  }
}

function prepareIncludes() {
  const include = join(outDir, 'build', 'include');
  rmSync(include, { recursive: true, force: true });
  mkdirSync(join(include, 'nlohmann'), { recursive: true });
  extractHeaders(include);
  for (const file of filesUnder(nlohmann)) {
    const target = join(include, 'nlohmann', relative(nlohmann, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  return include;
}

/** Runs `command args` without blocking, so that several compilers run at once. */
function runAsync(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (status) =>
      status === 0 ? resolve() : reject(new Error(`${command} failed (${status})`)),
    );
  });
}

/** Every job, at most `limit` at a time. */
async function pool(jobs, limit) {
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}

/** The compile jobs of one ABI (one object file per source) and its link, run after them. */
function compileJobs(abi, include, into) {
  const spec = abis[abi];
  const objects = join(outDir, 'build', abi);
  rmSync(objects, { recursive: true, force: true });
  mkdirSync(objects, { recursive: true });
  const sources = filesUnder(sourceDir).filter((file) => file.endsWith('.cc'));
  const flags = ['-std=c++17', '-O2', '-Wall', '-Wextra', '-Werror', '-I', include];
  const object = (source) => join(objects, `${relative(sourceDir, source)}.o`);
  const link = () =>
    runAsync(spec.compiler, [
      ...sources.map(object),
      ...['-o', join(into, 'edge-runner'), '-L', spec.ort, '-l:libonnxruntime.so.1'],
      ...['-ldl', '-pthread', '-s', '-Wl,-rpath,$ORIGIN'],
    ]);
  const compiles = sources.map(
    (source) => () => runAsync(spec.compiler, [...flags, '-c', source, '-o', object(source)]),
  );
  return { compiles, link };
}

function assemble(abi, into) {
  const spec = abis[abi];
  copyFileSync(join(spec.ort, 'libonnxruntime.so.1'), join(into, 'libonnxruntime.so.1'));
  for (const name of [spec.loader, ...glibcLibs])
    copyFileSync(realpathSync(join(spec.libDir, name)), join(into, name));
  for (const name of readdirSync(into)) chmodSync(join(into, name), 0o755);
  const files = readdirSync(into)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(into, name));
      return { name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  const hash = createHash('sha256').update(JSON.stringify(files)).digest('hex');
  return { abi, loader: spec.loader, runner: 'edge-runner', hash, files };
}

function isFresh(abi, want) {
  const stamp = join(outDir, `${abi}.inputs-hash`);
  return (
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === want &&
    existsSync(join(outDir, abi, 'bundle.json'))
  );
}

/**
 * Builds the bundles of `wanted` ABIs that are missing or stale, compiling every source of every
 * ABI in parallel (one job per core); returns their folders.
 */
export async function ensureBundles(wanted) {
  const stale = wanted
    .map((abi) => ({ abi, want: inputsHash(abi) }))
    .filter(({ abi, want }) => !isFresh(abi, want));
  if (stale.length > 0) {
    say(`building the ${stale.map(({ abi }) => abi).join(' and ')} runtime bundle(s)`);
    const include = prepareIncludes();
    const builds = stale.map(({ abi, want }) => {
      const staging = join(outDir, `${abi}.staging`);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      return { abi, want, staging, ...compileJobs(abi, include, staging) };
    });
    await pool(
      builds.flatMap((build) => build.compiles),
      availableParallelism(),
    );
    await pool(
      builds.map((build) => build.link),
      availableParallelism(),
    );
    for (const { abi, want, staging } of builds) finish(abi, want, staging);
  }
  return wanted.map((abi) => join(outDir, abi));
}

/** Assembles a staged build and moves it into place, then records its inputs' hash. */
function finish(abi, want, staging) {
  const dir = join(outDir, abi);
  const manifest = assemble(abi, staging);
  writeFileSync(join(staging, 'bundle.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  writeFileSync(join(outDir, `${abi}.inputs-hash`), want);
  const size = manifest.files.reduce((sum, file) => sum + file.size, 0);
  say(`${abi}: ${(size / 1e6).toFixed(1)} MB in ${dir}`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const named = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const wanted = named.length > 0 ? named : Object.keys(abis);
  const unknown = wanted.filter((abi) => !abis[abi]);
  if (unknown.length > 0) {
    console.error(
      `[runner] unknown ABI ${unknown.join(', ')} (known: ${Object.keys(abis).join(', ')})`,
    );
    process.exit(1);
  }
  await ensureBundles(wanted).catch((error) => {
    console.error(`[runner] ${error.message}`);
    process.exit(1);
  });
}
