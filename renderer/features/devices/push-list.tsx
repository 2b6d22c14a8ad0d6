import type { PushProgress } from '../../../shared/device';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The pushes in flight, one progress bar each. */
export function PushList({ pushes }: { pushes: PushProgress[] }) {
  if (pushes.length === 0) return null;
  return (
    <section aria-label="Pushes in flight" data-testid="pushes">
      <h2>Pushes</h2>
      <ul>
        {pushes.map((push) => (
          <li key={push.pushId} data-phase={push.phase}>
            <span>{push.deviceKey}</span>{' '}
            <progress max={push.total || 1} value={push.bytes} aria-label={`push ${push.pushId}`} />{' '}
            <span>
              {push.phase} {mib(push.bytes)} / {mib(push.total)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
