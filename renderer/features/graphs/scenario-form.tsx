import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { kvCacheBytes, memoryStateBytes, type DecoderGeometry } from '../../../shared/graph';
import { scenarioSchema, type Scenario } from '../../../shared/scenario';
import { formatBytes } from './format-bytes';

type Fields = { chunk: string; sink: string; window: string; memory: 'on' | 'off' };

const defaults: Fields = { chunk: '128', sink: '4', window: '512', memory: 'off' };

/** Parses the form; errors are keyed by field so each input can show its own. */
function parseFields(fields: Fields) {
  const parsed = scenarioSchema.safeParse({
    ...fields,
    chunk: Number(fields.chunk),
    sink: Number(fields.sink),
    window: Number(fields.window),
  });
  if (parsed.success) return { scenario: parsed.data, errors: {} as Record<string, string> };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { scenario: null, errors };
}

/**
 * Chunk / sink / window / memory for the model, validated as you type, with the KV-cache and
 * memory bytes the scenario implies; submitting builds the graphs.
 */
export function ScenarioForm(props: {
  decoder: DecoderGeometry;
  busy: boolean;
  onBuild(scenario: Scenario): void;
}) {
  const [fields, setFields] = useState<Fields>(defaults);
  const { scenario, errors } = parseFields(fields);
  const set = (key: keyof Fields) => (event: { target: { value: string } }) =>
    setFields({ ...fields, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (scenario) props.onBuild(scenario);
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
      <p className="bytes" data-testid="cache-bytes">
        {scenario
          ? `KV cache ${formatBytes(kvCacheBytes(props.decoder, scenario))}, memory ${formatBytes(memoryStateBytes(props.decoder, scenario))}`
          : 'Fix the scenario to see its cache size'}
      </p>
      <button type="submit" disabled={!scenario || props.busy}>
        Build graphs
      </button>
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
