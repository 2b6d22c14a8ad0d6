import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import { SweepList } from './sweep-list';
import { SweepProgressView } from './sweep-progress-view';
import { useSweep } from './use-sweep';
import { useSweepList } from './use-sweep-list';

/** The sweeps: the selected one's progress (Stop, Resume) and the list of past sweeps. */
export function SweepSection({
  selected,
  onSelect,
  phoneName,
}: {
  selected: string | null;
  onSelect(sweepId: string): void;
  phoneName(key: string): string;
}) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const list = useSweepList();
  const { details, error } = useSweep(selected);
  const stop = async (sweepId: string) => {
    const stopped = await studio.invoke('sweep:stop', { sweepId });
    if (!stopped.ok) report('Could not stop the sweep', stopped.error);
  };
  const resume = async (sweepId: string) => {
    const resumed = await studio.invoke('sweep:resume', { sweepId });
    if (!resumed.ok) return report('Could not resume the sweep', resumed.error);
    onSelect(resumed.value.sweepId);
    void list.reload();
  };
  return (
    <section aria-label="Sweeps" className="sweeps">
      <h2>Sweeps</h2>
      {error && (
        <p role="alert">
          Could not read sweep {selected}: {error.message}
        </p>
      )}
      {details && (
        <SweepProgressView
          details={details}
          phoneName={phoneName}
          onStop={() => void stop(details.sweep.id)}
          onResume={() => void resume(details.sweep.id)}
        />
      )}
      <h3>Past sweeps</h3>
      <SweepList sweeps={list.sweeps} selected={selected} onSelect={onSelect} />
    </section>
  );
}
