import type { PushProgress } from '../../../shared/device';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import { finishedPhases } from './push-store';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The pushes in flight, one progress bar each, with a button to cancel a running one. */
export function PushList({ pushes }: { pushes: readonly PushProgress[] }) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  if (pushes.length === 0) return null;
  const cancel = async (pushId: string) => {
    const result = await studio.invoke('job:cancel', { jobId: pushId });
    if (!result.ok) report('Could not cancel the push', result.error);
  };
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
            </span>{' '}
            {finishedPhases.has(push.phase) ? null : (
              <button type="button" onClick={() => void cancel(push.pushId)}>
                Cancel
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
