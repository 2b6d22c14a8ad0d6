import { mkdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fail, ok, type Result } from '../../../shared/result';
import type { RunAccuracy } from '../../../shared/run-metrics';
import type { RunnerEvent } from '../../../shared/runner-events';
import { runFilesDir } from '../store/run-repo';
import { phoneAccuracy, type HostLogits, type PhoneOutput } from './accuracy/phone-accuracy';
import { pullFile } from './phone/pull-file';
import { failureOf } from './run-failure';
import { runPass, type PassSetting } from './run-pass';
import type { PhoneRun } from './run-phone';
import { runFileNames, runPlan } from './run-plan';
import type { PhoneRunFiles } from './push-run-files';

type Output = Extract<RunnerEvent, { ev: 'output' }>;

/**
 * Accuracy on the phone itself: one untimed pass per scored prompt writes the logits of every
 * position; they are pulled and compared with the host's float full-context reference and float
 * specialised graphs (computed once per model and prompt, then read from disk). Null when the
 * run scores no prompt.
 */
export async function scoreOnPhone(
  run: PhoneRun,
  setting: PassSetting,
  files: PhoneRunFiles,
): Promise<Result<RunAccuracy | null>> {
  const { prompts } = run.host;
  if (prompts.scored.length === 0) return ok(null);
  const phone: PhoneOutput[] = [];
  const host: HostLogits[] = [];
  for (const [index, prompt] of prompts.scored.entries()) {
    const scored = await scorePrompt(run, setting, files, index, prompt.tokens);
    if (!scored.ok) return scored;
    phone.push(scored.value);
    host.push(await hostLogits(run, prompt.tokens));
  }
  return ok(phoneAccuracy(prompts.scored, phone, host, prompts.tokenizer));
}

async function scorePrompt(
  run: PhoneRun,
  setting: PassSetting,
  files: PhoneRunFiles,
  index: number,
  tokens: readonly number[],
): Promise<Result<PhoneOutput>> {
  const { request, host } = run;
  const plan = (dir: string) =>
    runPlan(request, host.artifact, host.inspection, files, {
      dir,
      prompt: runFileNames.prompt,
      decodeTokens: host.prompts.decodeTokens,
      timed: false,
    });
  const pass = await runPass(setting, `score-${index}`, plan, tokens);
  if (!pass.ok) return pass;
  const failed = failureOf(run, pass.value);
  if (failed) return failed;
  const output = pass.value.events.find((event): event is Output => event.ev === 'output');
  if (!output?.logits_file)
    return fail('internal', 'the runner wrote no logits for a scored prompt');
  const localDir = runFilesDir(run.deps.dataDir, run.context.jobId);
  await mkdir(localDir, { recursive: true });
  const local = join(localDir, `score-${index}.f32`);
  const pulled = await pullFile(
    setting.device,
    posix.join(pass.value.dir, output.logits_file),
    local,
  );
  if (!pulled.ok) return pulled;
  return ok({ rows: await readRows(local, output), tokens: output.tokens });
}

async function readRows(file: string, output: Output): Promise<Float32Array[]> {
  const bytes = await readFile(file);
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  return Array.from({ length: output.rows }, (_, row) =>
    values.slice(row * output.vocab, (row + 1) * output.vocab),
  );
}

async function hostLogits(run: PhoneRun, tokens: readonly number[]): Promise<HostLogits> {
  const { references } = run.deps;
  const { inspection, artifact, float } = run.host;
  return {
    reference: await references.reference(inspection, artifact.modelHash, tokens),
    specialised: await references.specialised(inspection, float, tokens),
  };
}
