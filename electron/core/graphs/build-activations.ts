import { join } from 'node:path';
import type { GraphArtifact } from '../../../shared/graph';
import { ok, type Result } from '../../../shared/result';
import type { BuildRequest } from '../../../shared/build-request';
import type { Prepared } from './build-graphs';
import { readOnnx } from './onnx-io';
import { runOnce } from './ort-check';
import { quantizeActivations } from './quant/calibrate-graphs';
import { calibrationPrompts } from './quant/default-calibration';

/** Static activation Q/DQ for `+a8`/`+a16` specs, calibrated on prompts, checked in ORT. */
export async function quantizeActivationsOf(
  request: BuildRequest,
  prepared: Prepared,
  dir: string,
): Promise<Result<GraphArtifact['activations']>> {
  const { quant, tokenizer } = prepared;
  if (quant.kind !== 'int' || quant.activationBits === null) return ok(null);
  if (!tokenizer) throw new Error('calibration without a tokenizer: prepare() should have refused');
  const { calibration } = request;
  const prompts = await calibrationPrompts(prepared.inspection, calibration.dataset);
  const files = { prefill: 'prefill.onnx', decode: 'decode.onnx' };
  const job = {
    inspection: prepared.inspection,
    scenario: request.scenario,
    tokenizer,
    prompts,
    method: calibration.method,
    bits: quant.activationBits,
    dir,
    files,
  };
  const covered = await quantizeActivations(job);
  if (!covered.ok) return covered;
  for (const file of Object.values(files)) {
    const loaded = await readOnnx(join(dir, file));
    if (!loaded.ok) return loaded;
    const ran = await runOnce(join(dir, file), loaded.value.model);
    if (!ran.ok) return ran;
  }
  const method =
    calibration.method.kind === 'minmax' ? 'minmax' : `percentile ${calibration.method.percent}`;
  return ok({
    bits: quant.activationBits,
    method,
    tensors: covered.value,
    prompts: prompts.length,
  });
}
