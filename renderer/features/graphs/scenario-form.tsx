import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { BuildRequestInput } from '../../../shared/build-request';
import { kvCacheBytes, memoryStateBytes, type DecoderGeometry } from '../../../shared/graph';
import { parseQuantSpec } from '../../../shared/quant-spec';
import { scenarioSchema } from '../../../shared/scenario';
import { formatBytes } from './format-bytes';

type Fields = { chunk: string; sink: string; window: string; memory: 'on' | 'off'; quant: string };

const defaults: Fields = { chunk: '128', sink: '4', window: '512', memory: 'off', quant: 'float' };

/** What a build or a fidelity run is asked for: the shared build request, less the model. */
export type BuildPlan = Omit<BuildRequestInput, 'model'>;

/** Specs offered as you type; any spec of the grammar is accepted. */
const suggestedSpecs = [
  'float',
  'int8-channel',
  'int8-channel+a16',
  'int4-g32',
  'int4-g64-asym:qdq',
  'int4-g128',
  'int8-g32+a8',
];

/** Parses the form; errors are keyed by field so each input can show its own. */
function parseFields(fields: Fields) {
  const parsed = scenarioSchema.safeParse({
    memory: fields.memory,
    chunk: Number(fields.chunk),
    sink: Number(fields.sink),
    window: Number(fields.window),
  });
  const errors: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
  const quant = parseQuantSpec(fields.quant.trim());
  if (!quant.ok) errors.quant = quant.error.message;
  const plan =
    parsed.success && quant.ok ? { scenario: parsed.data, quant: fields.quant.trim() } : null;
  return { plan, scenario: parsed.success ? parsed.data : null, errors };
}

/**
 * Chunk / sink / window / memory for the model, validated as you type, with the KV-cache and
 * memory bytes the scenario implies; submitting builds the graphs.
 */
export function ScenarioForm(props: {
  decoder: DecoderGeometry;
  busy: boolean;
  onBuild(plan: BuildPlan): void;
  /** More controls under the form that act on the same plan (null while it is invalid). */
  extra?: (plan: BuildPlan | null) => ReactNode;
}) {
  const [fields, setFields] = useState<Fields>(defaults);
  const { plan, scenario, errors } = parseFields(fields);
  const set = (key: keyof Fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (plan) props.onBuild(plan);
  };
  return (
    <form className="scenario-form" onSubmit={submit} aria-label="Scenario">
      {(['chunk', 'sink', 'window'] as const).map((key) => (
        <NumberField
          key={key}
          name={key}
          value={fields[key]}
          error={errors[key]}
          onChange={set(key)}
        />
      ))}
      <label className="field">
        <span>Memory</span>
        <select
          value={fields.memory}
          onChange={set('memory')}
          disabled={props.decoder.memoryElementsPerLayer === null}
        >
          <option value="off">Off</option>
          <option value="on">On</option>
        </select>
      </label>
      <QuantField value={fields.quant} error={errors.quant} onChange={set('quant')} />
      <p className="bytes" data-testid="cache-bytes">
        {scenario
          ? `KV cache ${formatBytes(kvCacheBytes(props.decoder, scenario))}, memory ${formatBytes(memoryStateBytes(props.decoder, scenario))}`
          : 'Fix the scenario to see its cache size'}
      </p>
      <button type="submit" disabled={!plan || props.busy}>
        Build graphs
      </button>
      {props.extra?.(plan)}
    </form>
  );
}

/** A labelled number input whose error is described, not part of its label. */
function NumberField(props: {
  name: string;
  value: string;
  error?: string;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
}) {
  const id = useId();
  const label = props.name[0]?.toUpperCase() + props.name.slice(1);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        value={props.value}
        onChange={props.onChange}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** The quant spec, validated by the shared grammar, with common specs suggested. */
function QuantField(props: {
  value: string;
  error?: string;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Quantisation</label>
      <input
        id={id}
        list={`${id}-specs`}
        value={props.value}
        onChange={props.onChange}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      <datalist id={`${id}-specs`}>
        {suggestedSpecs.map((spec) => (
          <option key={spec} value={spec} />
        ))}
      </datalist>
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
