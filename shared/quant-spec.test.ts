import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatQuantSpec,
  parseQuantSpec,
  quantSpecStringSchema,
  type QuantSpec,
} from './quant-spec';

describe('parseQuantSpec', () => {
  it('parses the documented examples with their default formats', () => {
    expect(parseQuantSpec('int8-channel')).toEqual({
      ok: true,
      value: {
        kind: 'int',
        bits: 8,
        granularity: { kind: 'channel' },
        symmetric: true,
        scaleSearch: false,
        activationBits: null,
        format: 'qdq',
      },
    });
    const int4 = parseQuantSpec('int4-g32');
    expect(int4.ok && int4.value.kind === 'int' && int4.value.format).toBe('nbits');
    const asym = parseQuantSpec('int4-g64-asym:qdq');
    expect(asym.ok && formatQuantSpec(asym.value)).toBe('int4-g64-asym:qdq');
    const a16 = parseQuantSpec('int8-channel+a16');
    expect(a16.ok && a16.value.kind === 'int' && a16.value.activationBits).toBe(16);
    expect(parseQuantSpec('float')).toEqual({ ok: true, value: { kind: 'float' } });
  });

  it('parses the -mse scale search after -asym, before activations and format', () => {
    const mse = parseQuantSpec('int4-g32-mse');
    expect(mse.ok && mse.value.kind === 'int' && mse.value.scaleSearch).toBe(true);
    expect(mse.ok && formatQuantSpec(mse.value)).toBe('int4-g32-mse:nbits');
    const asym = parseQuantSpec('int4-g64-asym-mse:qdq');
    expect(
      asym.ok && asym.value.kind === 'int' && [asym.value.symmetric, asym.value.scaleSearch],
    ).toEqual([false, true]);
    expect(asym.ok && formatQuantSpec(asym.value)).toBe('int4-g64-asym-mse:qdq');
    const a8 = parseQuantSpec('int8-channel-mse+a8');
    expect(a8.ok && formatQuantSpec(a8.value)).toBe('int8-channel-mse+a8:qdq');
  });

  it.each([
    'int3-g32',
    'int4-g16',
    'int8',
    'INT8-channel',
    'int8-channel:nbits',
    'int4-g32+a4',
    'int4-g32-mse-asym',
    'int4-g32-MSE',
    'int4-g32-mse-mse',
    'fp16',
    '',
  ])('rejects %j with an error naming the spec', (text) => {
    const parsed = parseQuantSpec(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.message).toContain(`"${text}"`);
  });

  it('round-trips every spec through its canonical string', () => {
    const spec = fc.record({
      bits: fc.constantFrom(4 as const, 8 as const),
      granularity: fc.constantFrom(
        { kind: 'channel' as const },
        { kind: 'group' as const, size: 32 as const },
        { kind: 'group' as const, size: 64 as const },
        { kind: 'group' as const, size: 128 as const },
      ),
      symmetric: fc.boolean(),
      scaleSearch: fc.boolean(),
      activationBits: fc.constantFrom(null, 8 as const, 16 as const),
      format: fc.constantFrom('qdq' as const, 'nbits' as const),
    });
    fc.assert(
      fc.property(spec, (fields) => {
        const value: QuantSpec = { kind: 'int', ...fields };
        const parsed = parseQuantSpec(formatQuantSpec(value));
        if (fields.format === 'nbits' && fields.granularity.kind === 'channel') return !parsed.ok;
        return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(value);
      }),
    );
  });

  it('is usable as a zod schema', () => {
    expect(quantSpecStringSchema.safeParse('int4-g128').success).toBe(true);
    expect(quantSpecStringSchema.safeParse('int4-g100').success).toBe(false);
  });
});
