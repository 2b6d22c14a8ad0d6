import type { DeviceSummary } from '../../../shared/device';
import { runRequestSchema, type RunRequestInput } from '../../../shared/run';

/** The built-in demo model a run uses unless a path is given. */
export const demoModel = 'builtin:edge-infinite-tiny';

/** The start form's inputs as typed (strings), before the shared schema reads them. */
export interface RunFormFields {
  device: string;
  model: string;
  chunk: string;
  sink: string;
  window: string;
  memory: 'on' | 'off';
  quant: string;
  dataset: string;
  repetitions: string;
  warmup: string;
  ep: string;
}

/** Small defaults: a demo run that finishes in seconds on an emulated phone. */
export const runFormDefaults: RunFormFields = {
  device: '',
  model: demoModel,
  chunk: '32',
  sink: '4',
  window: '96',
  memory: 'on',
  quant: 'float',
  dataset: '',
  repetitions: '5',
  warmup: '1',
  ep: 'cpu',
};

/** A number field: empty stays undefined (the schema's default or its own error). */
const numberOf = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text);

/** The run request the fields spell, as the schema's input. */
export function requestInput(fields: RunFormFields): RunRequestInput {
  return {
    device: fields.device,
    model: fields.model.trim(),
    scenario: {
      chunk: numberOf(fields.chunk) as number,
      sink: numberOf(fields.sink) as number,
      window: numberOf(fields.window) as number,
      memory: fields.memory,
    },
    quant: fields.quant.trim(),
    ...(fields.dataset.trim() ? { dataset: fields.dataset.trim() } : {}),
    repetitions: numberOf(fields.repetitions),
    warmup: numberOf(fields.warmup),
    ep: fields.ep as RunRequestInput['ep'],
  };
}

/** What the form shows: the request when valid, and each field's first error otherwise. */
export interface ParsedRunForm {
  request: RunRequestInput | null;
  errors: Partial<Record<keyof RunFormFields, string>>;
}

const fieldNames = new Set<string>(Object.keys(runFormDefaults));

/**
 * Reads the fields with the shared `runRequestSchema`: an issue is shown at the field its path
 * ends in (`scenario.window` at Window); one with no field of its own goes to the model.
 */
export function parseRunForm(fields: RunFormFields): ParsedRunForm {
  const input = requestInput(fields);
  const parsed = runRequestSchema.safeParse(input);
  if (parsed.success) return { request: input, errors: {} };
  const errors: ParsedRunForm['errors'] = {};
  for (const issue of parsed.error.issues) {
    const last = issue.path
      .map(String)
      .reverse()
      .find((part) => fieldNames.has(part));
    const field = (last ?? 'model') as keyof RunFormFields;
    errors[field] ??= field === 'device' && !fields.device ? 'Pick a phone' : issue.message;
  }
  return { request: null, errors };
}

/** A phone's label in the picker: model and serial, and that it is emulated when it is. */
export function phoneLabel(device: DeviceSummary): string {
  const name = device.model ?? device.transport;
  const emulated = device.emulated ? ' (emulated)' : '';
  return `${name} · ${device.serialno ?? device.transport}${emulated}`;
}
