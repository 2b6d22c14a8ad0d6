import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Logits } from '../fidelity/logits';
import { onnx, type ModelProto } from '../onnx-proto';
import {
  fidelityToFloat,
  floatModelPath,
  ortModelPath,
  prefillLogits,
  promptTokens,
  studioQuantized,
} from './ort-reference';

/** Every MatMulNBits weight's codes, by the float weight's name (ORT appends _Q4/_Q8, we _nbits). */
function codesOf(model: ModelProto, bits: 4 | 8): Map<string, Uint8Array> {
  const initializers = new Map(model.graph?.initializer?.map((t) => [t.name ?? '', t]) ?? []);
  const codes = new Map<string, Uint8Array>();
  for (const node of model.graph?.node ?? []) {
    if (node.opType !== 'MatMulNBits') continue;
    const name = node.input?.[1] ?? '';
    const raw = initializers.get(name)?.rawData ?? new Uint8Array();
    const values =
      bits === 8
        ? Uint8Array.from(raw)
        : Uint8Array.from(
            { length: raw.length * 2 },
            (_, i) => (raw[i >> 1]! >> ((i & 1) * 4)) & 15,
          );
    codes.set(name.replace(/_(Q4|Q8|nbits)$/, ''), values);
  }
  return codes;
}

/** The share of codes two quantised models agree on, over the weights both hold. */
function codeAgreement(ours: ModelProto, theirs: ModelProto, bits: 4 | 8): number {
  const mine = codesOf(ours, bits);
  let same = 0;
  let total = 0;
  for (const [name, codes] of codesOf(theirs, bits)) {
    const other = mine.get(name);
    expect(other?.length, name).toBe(codes.length);
    codes.forEach((code, i) => (same += code === other?.[i] ? 1 : 0));
    total += codes.length;
  }
  return same / total;
}

describe("the quantiser against ONNX Runtime's MatMulNBitsQuantizer (llama-dynamo, all MatMuls)", () => {
  const tokens = promptTokens(48);
  let reference: Logits[];
  beforeAll(async () => {
    reference = await prefillLogits(floatModelPath, tokens);
  });

  it.each([
    [4, 32],
    [4, 64],
    [4, 128],
    [8, 32],
    [8, 64],
    [8, 128],
  ] as const)(
    'int%i-g%i: the default gives RTN codes, and a logit cosine at least RTN’s',
    async (bits, block) => {
      const studio = await studioQuantized(`int${bits}-g${block}:nbits`);
      const rtn = `rtn-int${bits}-g${block}`;
      const ours = await fidelityToFloat(studio, tokens, reference);
      const theirs = await fidelityToFloat(ortModelPath(rtn), tokens, reference);
      expect(ours.cosineMean).toBeGreaterThanOrEqual(theirs.cosineMean);
      const ort = onnx.ModelProto.decode(readFileSync(ortModelPath(rtn)));
      expect(codeAgreement(studio, ort, bits)).toBeGreaterThan(0.999);
    },
  );

  it.each([32, 64, 128])(
    'int4-g%i-mse: a logit cosine and KL at least as good as HQQ’s',
    async (block) => {
      const studio = await studioQuantized(`int4-g${block}-mse`);
      const ours = await fidelityToFloat(studio, tokens, reference);
      const hqq = await fidelityToFloat(ortModelPath(`hqq-int4-g${block}`), tokens, reference);
      expect(ours.cosineMean).toBeGreaterThanOrEqual(hqq.cosineMean);
      expect(ours.klMean).toBeLessThanOrEqual(hqq.klMean);
    },
  );
});
