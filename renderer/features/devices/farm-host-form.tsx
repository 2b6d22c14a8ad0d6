import { useState, type FormEvent } from 'react';
import { parseHostPort } from '../../../shared/host-port';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import { FarmEndpointForm } from './farm-endpoint-form';

/** Grows the farm: an adb server (farm host) or a phone's `adb connect` endpoint, side by side. */
export function FarmHostForm() {
  return (
    <>
      <HostForm />
      <FarmEndpointForm />
    </>
  );
}

/** Adds an adb server to the farm, checking HOST:PORT as it is typed. */
function HostForm() {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [text, setText] = useState('');
  const parsed = text === '' ? null : parseHostPort(text.trim());
  const error = parsed && !parsed.ok ? parsed.error.message : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed?.ok) return;
    const current = await studio.invoke('farm:getHosts', {});
    if (!current.ok) return report('Could not read the farm', current.error);
    const saved = await studio.invoke('farm:setHosts', {
      saved: [...current.value.saved, text.trim()],
    });
    if (!saved.ok) return report('Could not add the adb server', saved.error);
    setText('');
  };
  return (
    <form className="farm-host-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor="farm-host">Add farm host</label>
      <input
        id="farm-host"
        placeholder="192.168.1.20:5037"
        value={text}
        aria-invalid={error !== null}
        aria-describedby="farm-host-error"
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={!parsed?.ok}>
        Add
      </button>
      <p id="farm-host-error" role={error ? 'alert' : undefined} className="field-error">
        {error ?? ''}
      </p>
    </form>
  );
}
