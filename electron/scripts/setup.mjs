#!/usr/bin/env node
// Installs what the studio needs, idempotently, before `npm run demo`, `npm test` and
// `npm run bench` (DESIGN.md "Setup"): node modules, system tools, the build.
// Plain Node with no dependencies: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const purpose = process.argv.find((arg) => arg.startsWith('--for='))?.slice(6) ?? 'demo';
const say = (line) => console.log(`[setup] ${line}`);

// edge-runner's build (electron/runner/build.mjs): compilers, the JSON header, qemu for arm64.
const runnerTools = [
  'g++',
  'aarch64-linux-gnu-g++',
  '/usr/include/nlohmann/json.hpp',
  'qemu-aarch64',
];
// The quantize benches' baseline: Debian's numpy for /usr/bin/python3 (electron/bench/numpy-baseline.ts).
const numpy = '/usr/lib/python3/dist-packages/numpy/__init__.py';
/** System tools by purpose: required ones stop the run when missing, wanted ones only warn. */
const tools = {
  demo: { required: [], wanted: ['adb', ...runnerTools] },
  test: { required: ['adb', 'chromium', ...runnerTools], wanted: [] },
  bench: { required: ['adb', 'chromium', ...runnerTools], wanted: [numpy] },
}[purpose];
const debianPackage = {
  adb: 'adb',
  chromium: 'chromium',
  'g++': 'g++',
  'aarch64-linux-gnu-g++': 'g++-aarch64-linux-gnu',
  '/usr/include/nlohmann/json.hpp': 'nlohmann-json3-dev',
  'qemu-aarch64': 'qemu-user',
  [numpy]: 'python3-numpy',
};
/** What is lost without a wanted tool. */
const withoutIt = (tool) =>
  tool === numpy
    ? 'the quantize benches run without their numpy baseline'
    : 'the studio works without it but cannot reach phones';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function onPath(name) {
  if (name.startsWith('/')) return existsSync(name);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, name)));
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(
      `Node ${process.versions.node} is too old: Edge Studio needs Node 20.19 or newer`,
    );
  }
}

function ensureNodeModules() {
  const stamp = join(root, 'node_modules', '.edge-studio-lock');
  const want = hashOf([join(root, 'package.json'), join(root, 'package-lock.json')]);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  say('node_modules is missing or stale: npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, want);
}

function ensureTools() {
  const missing = [...tools.required, ...tools.wanted].filter((tool) => !onPath(tool));
  if (missing.length === 0) return;
  const packages = missing.map((tool) => debianPackage[tool]);
  const canApt = process.getuid?.() === 0 && existsSync('/etc/debian_version') && onPath('apt-get');
  if (canApt) {
    say(`installing ${packages.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
    return;
  }
  const command = `sudo apt-get install -y ${packages.join(' ')}`;
  const stillRequired = tools.required.filter((tool) => missing.includes(tool));
  if (stillRequired.length > 0)
    throw new Error(`${stillRequired.join(' and ')} missing: run \`${command}\``);
  for (const tool of missing) say(`${tool} not found; ${withoutIt(tool)}: run \`${command}\``);
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [] : [path];
  });
}

function ensureBuild() {
  const inputs = ['renderer', 'shared', 'electron/main', 'electron/preload', 'electron/core']
    .flatMap((dir) => sourceFiles(join(root, dir)))
    .concat(['electron.vite.config.ts', 'package-lock.json'].map((file) => join(root, file)))
    .sort();
  const stamp = join(root, 'out', '.build-hash');
  const want = hashOf(inputs);
  const built = existsSync(stamp) && readFileSync(stamp, 'utf8') === want;
  if (built && statSync(join(root, 'out', 'renderer', 'index.html'), { throwIfNoEntry: false }))
    return;
  say('building the renderer and the Electron bundles (electron-vite build)');
  run(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(stamp, want);
}

/** edge-runner's runtime bundles (out/runtime/<abi>/), rebuilt by build.mjs when stale. */
function ensureRuntimeBundles() {
  const abis = [
    ['x86_64', 'g++'],
    ['arm64-v8a', 'aarch64-linux-gnu-g++'],
  ].filter(([, compiler]) => onPath(compiler) && onPath('/usr/include/nlohmann/json.hpp'));
  if (abis.length === 0) return say('no C++ compiler: the edge-runner bundles are not built');
  run(process.execPath, [
    join(root, 'electron', 'runner', 'build.mjs'),
    ...abis.map(([abi]) => abi),
  ]);
}

try {
  checkNode();
  ensureNodeModules();
  ensureTools();
  ensureBuild();
  ensureRuntimeBundles();
} catch (error) {
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
