import { useCallback, useEffect, useState } from 'react';
import type { InvokeArgs, InvokeChannel, InvokeValue } from '../../shared/contract';
import type { StudioError } from '../../shared/result';
import { useErrorCenter } from '../errors/error-center';
import { useStudio } from '../studio-context';

export type InvokeState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: StudioError };

/**
 * Calls an invoke channel when the component mounts (and on `reload`); failures are reported to
 * the error center and also returned so the page can show its own state.
 */
export function useInvoke<C extends InvokeChannel>(channel: C, args: InvokeArgs<C>) {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [state, setState] = useState<InvokeState<InvokeValue<C>>>({ status: 'loading' });
  const key = JSON.stringify(args);
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await studio.invoke(channel, JSON.parse(key) as InvokeArgs<C>);
    if (!result.ok) report(`${channel} failed`, result.error);
    setState(
      result.ok
        ? { status: 'ready', value: result.value }
        : { status: 'failed', error: result.error },
    );
  }, [studio, channel, key, report]);
  useEffect(() => {
    void load();
  }, [load]);
  return { state, reload: load };
}
