const signals = ['SIGINT', 'SIGTERM'] as const;

/**
 * Calls `onFirst` on the first Ctrl-C (SIGINT) or SIGTERM, until the returned function is called.
 * Later signals are swallowed: Ctrl-C reaches every process of the group and `npm run demo`
 * forwards it again, and a second signal with no listener would kill a shutdown in progress
 * (emulated phones left attached to adb). With `secondQuits`, a second one exits at once (130),
 * for a command whose first Ctrl-C asks something that may take a while (a cancel).
 */
export function onInterrupt(
  onFirst: () => void,
  { secondQuits = false }: { secondQuits?: boolean } = {},
): () => void {
  let interrupted = false;
  const listener = () => {
    if (interrupted && secondQuits) process.exit(130);
    if (!interrupted) onFirst();
    interrupted = true;
  };
  for (const signal of signals) process.on(signal, listener);
  return () => {
    for (const signal of signals) process.off(signal, listener);
  };
}

/** Resolves on the first Ctrl-C or SIGTERM; later ones are swallowed until the process exits. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => void onInterrupt(resolve));
}
