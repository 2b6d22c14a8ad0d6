#!/usr/bin/env node
// `npm test`: typecheck, lint, unit and integration tests (Vitest), e2e (Playwright in Chromium).
// Every step runs even when one fails; the last line sums the tests of both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = join(root, 'test-results');
const unitReport = join(reports, 'unit-report.json');
const e2eReport = join(reports, 'e2e-report.json');

const steps = [
  ['typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  [
    'unit + integration',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile=${unitReport}`],
  ],
  ['e2e', bin('playwright'), ['test']],
];

function readCounts(file, pick) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  return pick(JSON.parse(readFileSync(file, 'utf8')));
}

const vitestCounts = (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
});
const playwrightCounts = (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
});

mkdirSync(reports, { recursive: true });
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });
const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n── ${name} ──`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  console.log(
    `── ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) failedSteps.push(name);
}

const counts = [readCounts(unitReport, vitestCounts), readCounts(e2eReport, playwrightCounts)];
const total = (key) => counts.reduce((sum, count) => sum + count[key], 0);
const stepFailures = failedSteps.filter(
  (step) => step.startsWith('typecheck') || step === 'lint',
).length;
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
const skipped = total('skipped') > 0 ? `, ${total('skipped')} skipped` : '';
console.log(
  `\ntests: ${total('passed')} passed, ${total('failed') + stepFailures} failed${skipped}`,
);
process.exit(failedSteps.length > 0 ? 1 : 0);
