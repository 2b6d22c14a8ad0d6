import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { DeviceSummary } from '../../../shared/device';
import type { RunRequestInput } from '../../../shared/run';
import { runnerEps } from '../../../shared/runner-plan';
import {
  demoModel,
  parseRunForm,
  phoneLabel,
  runFormDefaults,
  type RunFormFields,
} from './run-form-fields';

/** The start form's props: the phones to choose from and what starting does. */
export interface RunStartFormProps {
  devices: readonly DeviceSummary[];
  busy: boolean;
  onStart(request: RunRequestInput): void;
}

/**
 * Starts a run: phone, model (the demo or a path), scenario, quant spec, dataset, repetitions,
 * warm-up and EP, validated as you type by the shared run schema; Enter in any field submits.
 */
export function RunStartForm({ devices, busy, onStart }: RunStartFormProps) {
  const [typed, setFields] = useState<RunFormFields>(runFormDefaults);
  const [touched, setTouched] = useState(false);
  const ready = devices.filter((device) => device.state === 'device');
  // The phone picked stays while it is ready; otherwise the first ready one is.
  const device = ready.some((phone) => phone.key === typed.device)
    ? typed.device
    : (ready[0]?.key ?? '');
  const fields = { ...typed, device };
  const { request, errors } = parseRunForm(fields);
  const shown = touched ? errors : {};
  const set = (key: keyof RunFormFields) => (event: { target: { value: string } }) => {
    setTouched(true);
    setFields({ ...fields, [key]: event.target.value });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (request && !busy) onStart(request);
  };
  const field = (key: keyof RunFormFields, label: string, type: 'number' | 'text' = 'number') => (
    <Field label={label} error={shown[key]}>
      {(props) => (
        <input
          {...props}
          type={type}
          min={type === 'number' ? 0 : undefined}
          value={fields[key]}
          onChange={set(key)}
        />
      )}
    </Field>
  );
  return (
    <form className="run-start-form" aria-label="Start a run" onSubmit={submit} noValidate>
      <Field label="Phone" error={shown.device}>
        {(props) => (
          <select {...props} value={fields.device} onChange={set('device')}>
            {ready.length === 0 && <option value="">No phone ready</option>}
            {ready.map((device) => (
              <option key={device.key} value={device.key}>
                {phoneLabel(device)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Model" error={shown.model}>
        {(props) => (
          <input
            {...props}
            list="run-models"
            value={fields.model}
            onChange={set('model')}
            spellCheck={false}
            placeholder={demoModel}
          />
        )}
      </Field>
      <datalist id="run-models">
        <option value={demoModel}>Demo model (EdgeInfinite-tiny)</option>
      </datalist>
      {field('chunk', 'Chunk')}
      {field('sink', 'Sink')}
      {field('window', 'Window')}
      <Field label="Memory" error={shown.memory}>
        {(props) => (
          <select {...props} value={fields.memory} onChange={set('memory')}>
            <option value="on">On</option>
            <option value="off">Off</option>
          </select>
        )}
      </Field>
      {field('quant', 'Quant spec', 'text')}
      <Field label="Dataset (JSONL, optional)" error={shown.dataset}>
        {(props) => (
          <input
            {...props}
            value={fields.dataset}
            onChange={set('dataset')}
            placeholder="the model's eval set"
            spellCheck={false}
          />
        )}
      </Field>
      {field('repetitions', 'Repetitions')}
      {field('warmup', 'Warm-up')}
      <Field label="EP" error={shown.ep}>
        {(props) => (
          <select {...props} value={fields.ep} onChange={set('ep')}>
            {runnerEps.map((ep) => (
              <option key={ep} value={ep}>
                {ep}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy || (touched && !request)}>
        Start run
      </button>
    </form>
  );
}

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled control whose error is described under it. */
function Field(props: {
  label: string;
  error?: string;
  children(control: ControlProps): ReactNode;
}) {
  const id = useId();
  const control: ControlProps = props.error
    ? { id, 'aria-invalid': true, 'aria-describedby': `${id}-error` }
    : { id };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(control)}
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
