import { useState, type FormEvent } from 'react';
import type { FarmEndpointStatus } from '../../../shared/contract';
import { formatHostPort, parseHostPort } from '../../../shared/host-port';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import { useFarmEndpoints } from './use-farm-endpoints';

const statusWords: Record<FarmEndpointStatus['status'], string> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  refused: 'refused',
};

/**
 * Adds a phone reached with `adb connect HOST:PORT` (Wi-Fi debugging, an STF remote-connect URL)
 * and lists the saved ones with their link's status; the studio keeps them attached.
 */
export function FarmEndpointForm() {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const endpoints = useFarmEndpoints();
  const [text, setText] = useState('');
  const parsed = text === '' ? null : parseHostPort(text.trim());
  const error = parsed && !parsed.ok ? parsed.error.message : null;
  const save = async (saved: string[], what: string) => {
    const result = await studio.invoke('farm:setEndpoints', { saved });
    if (!result.ok) report(what, result.error);
    return result.ok;
  };
  const saved = (endpoints ?? []).map((endpoint) => endpoint.address);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed?.ok) return;
    const address = formatHostPort(parsed.value);
    if (await save([...saved, address], 'Could not add the endpoint')) setText('');
  };
  const remove = (address: string) =>
    void save(
      saved.filter((other) => other !== address),
      'Could not remove the endpoint',
    );
  return (
    <div className="farm-endpoints">
      <form className="farm-host-form" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="farm-endpoint">Add endpoint</label>
        <input
          id="farm-endpoint"
          placeholder="192.168.1.42:5555"
          value={text}
          aria-invalid={error !== null}
          aria-describedby="farm-endpoint-error farm-endpoint-hint"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={!parsed?.ok}>
          Connect
        </button>
        <p id="farm-endpoint-error" role={error ? 'alert' : undefined} className="field-error">
          {error ?? ''}
        </p>
        <p id="farm-endpoint-hint" className="hint">
          A phone on Wi-Fi debugging or an STF remote-connect address: the studio runs{' '}
          <code>adb connect</code> and reconnects it when it drops.
        </p>
      </form>
      {endpoints && endpoints.length > 0 ? (
        <ul aria-label="Endpoints" className="farm-endpoint-list">
          {endpoints.map((endpoint) => (
            <EndpointRow key={endpoint.address} endpoint={endpoint} onRemove={remove} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function EndpointRow(props: { endpoint: FarmEndpointStatus; onRemove: (address: string) => void }) {
  const { address, status, message } = props.endpoint;
  return (
    <li data-testid="farm-endpoint" data-status={status}>
      <code>{address}</code> <span className={`endpoint-${status}`}>{statusWords[status]}</span>
      {message ? <span className="hint"> — {message}</span> : null}{' '}
      <button
        type="button"
        aria-label={`Remove ${address}`}
        onClick={() => props.onRemove(address)}
      >
        Remove
      </button>
    </li>
  );
}
