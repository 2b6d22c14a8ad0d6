import { useEffect, useState } from 'react';
import type { StudioApi } from '../../../shared/contract';
import { useErrorCenter } from '../../errors/error-center';
import { runStreamStoreOf, useRunView } from './run-stream-store';
import { RunLiveView } from './run-live-view';

/**
 * The selected run: opened from the store when selected (its record and the samples this window
 * has not seen; the store reads the record again when the run ends), stopped on request.
 */
export function RunPanel({ studio, runId }: { studio: StudioApi; runId: string }) {
  const view = useRunView(studio, runId);
  const { report } = useErrorCenter();
  const [stopping, setStopping] = useState(false);
  useEffect(() => {
    void runStreamStoreOf(studio)
      .open(runId)
      .then((opened) => {
        if (!opened.ok) report(`Could not open run ${runId}`, opened.error);
      });
  }, [studio, runId, report]);
  const stop = () => {
    setStopping(true);
    void studio.invoke('run:stop', { runId }).then((stopped) => {
      setStopping(false);
      if (!stopped.ok) report('Could not stop the run', stopped.error);
    });
  };
  return <RunLiveView view={view} onStop={stop} stopping={stopping} />;
}
