import { z } from 'zod';
import { fail, ok, type Result } from './result';

/** How weights are grouped for their scales: one scale per output channel or per K-group. */
export type Granularity = { kind: 'channel' } | { kind: 'group'; size: 32 | 64 | 128 };

/** A parsed quantisation spec (see DESIGN.md "Quant spec"). */
export type QuantSpec =
  | { kind: 'float' }
  | {
      kind: 'int';
      bits: 4 | 8;
      granularity: Granularity;
      symmetric: boolean;
      /** `-mse`: each block's clip ratio (and zero point) searched for the least squared error. */
      scaleSearch: boolean;
      activationBits: 8 | 16 | null;
      format: 'qdq' | 'nbits';
    };

const grammar =
  /^int(?<bits>4|8)-(?<gran>channel|g32|g64|g128)(?<asym>-asym)?(?<mse>-mse)?(?:\+a(?<act>8|16))?(?::(?<format>qdq|nbits))?$/;

export const quantSpecGrammar =
  'int{4|8}-{channel|g32|g64|g128}[-asym][-mse][+a{8|16}][:qdq|:nbits], or float';

/** Parses a quant spec string; a bad spec comes back as an error naming the spec. */
export function parseQuantSpec(text: string): Result<QuantSpec> {
  if (text === 'float') return ok({ kind: 'float' });
  const groups = grammar.exec(text)?.groups;
  if (!groups)
    return fail('invalid-args', `Unknown quant spec "${text}": expected ${quantSpecGrammar}`);
  const granularity: Granularity =
    groups.gran === 'channel'
      ? { kind: 'channel' }
      : { kind: 'group', size: Number(groups.gran?.slice(1)) as 32 | 64 | 128 };
  const format = (groups.format ?? defaultFormat(groups.bits, granularity)) as 'qdq' | 'nbits';
  if (format === 'nbits' && granularity.kind === 'channel') {
    return fail('invalid-args', `Quant spec "${text}": MatMulNBits (:nbits) needs a group size`);
  }
  return ok({
    kind: 'int',
    bits: Number(groups.bits) as 4 | 8,
    granularity,
    symmetric: groups.asym === undefined,
    scaleSearch: groups.mse !== undefined,
    activationBits: groups.act ? (Number(groups.act) as 8 | 16) : null,
    format,
  });
}

function defaultFormat(bits: string | undefined, granularity: Granularity): 'qdq' | 'nbits' {
  return bits === '4' && granularity.kind === 'group' ? 'nbits' : 'qdq';
}

/** The canonical string of a spec, with the format always written out. */
export function formatQuantSpec(spec: QuantSpec): string {
  if (spec.kind === 'float') return 'float';
  const gran = spec.granularity.kind === 'channel' ? 'channel' : `g${spec.granularity.size}`;
  const asym = spec.symmetric ? '' : '-asym';
  const mse = spec.scaleSearch ? '-mse' : '';
  const act = spec.activationBits === null ? '' : `+a${spec.activationBits}`;
  return `int${spec.bits}-${gran}${asym}${mse}${act}:${spec.format}`;
}

/** Zod schema of a quant spec string, for contracts and profile files. */
export const quantSpecStringSchema = z.string().superRefine((text, context) => {
  const parsed = parseQuantSpec(text);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error.message });
});
