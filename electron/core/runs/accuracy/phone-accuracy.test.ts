import { describe, expect, it } from 'vitest';
import { compareLogits, klDivergence } from '../../graphs/fidelity/metrics';
import { phoneAccuracy } from './phone-accuracy';

const logits = (...values: number[]) => Float32Array.from(values);

describe('phoneAccuracy', () => {
  // Two prompts of 2 and 1 scored tokens; the phone's second output has a row past its prompt.
  const prompts = [
    { tokens: [1, 2], answer: null },
    { tokens: [3], answer: null },
  ];
  const host = [
    {
      reference: [logits(0, 3, 1), logits(2, 0, 0)],
      specialised: [logits(0, 2, 1), logits(2, 1, 0)],
    },
    { reference: [logits(1, 1, 4)], specialised: [logits(1, 1, 3)] },
  ];
  const phone = [
    { rows: [logits(1, 2, 1), logits(0, 0, 2)], tokens: [] },
    { rows: [logits(3, 1, 0), logits(9, 9, 9)], tokens: [] },
  ];

  it("keeps each scored token's KL against the reference, in token order", () => {
    const accuracy = phoneAccuracy(prompts, phone, host, null);
    const reference = host.flatMap((each) => each.reference);
    const onPhone = [phone[0]!.rows[0]!, phone[0]!.rows[1]!, phone[1]!.rows[0]!];
    const kls = reference.map((row, i) => klDivergence(row, onPhone[i]!));
    // Distinct values, so a reordered (e.g. sorted) copy would not match.
    expect(new Set(kls).size).toBe(3);
    expect(accuracy.tokenKl).toEqual(kls);
    expect(accuracy.total).toEqual(compareLogits(reference, onPhone));
  });

  it('splits the total into the cache part and the quantisation part', () => {
    const accuracy = phoneAccuracy(prompts, phone, host, null);
    const reference = host.flatMap((each) => each.reference);
    const specialised = host.flatMap((each) => each.specialised);
    const onPhone = [phone[0]!.rows[0]!, phone[0]!.rows[1]!, phone[1]!.rows[0]!];
    expect(accuracy.prompts).toBe(2);
    expect(accuracy.cache).toEqual(compareLogits(reference, specialised));
    expect(accuracy.quantization).toEqual(compareLogits(specialised, onPhone));
    expect(accuracy.task).toBeNull();
  });
});
