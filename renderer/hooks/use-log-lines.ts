import { useEffect, useState } from 'react';
import type { LogEntry } from '../../shared/app-info';
import { useErrorCenter } from '../errors/error-center';
import { useStudio } from '../studio-context';

const maxLines = 200;
const keyOf = (entry: LogEntry) => `${entry.time}|${entry.source}|${entry.message}`;

/** Appends entries not already present, keeping the newest `maxLines`. */
export function mergeLogLines(current: LogEntry[], incoming: LogEntry[]): LogEntry[] {
  const seen = new Set(current.map(keyOf));
  const fresh = incoming.filter((entry) => !seen.has(keyOf(entry)));
  return [...current, ...fresh].sort((a, b) => a.time - b.time).slice(-maxLines);
}

/** The main side's recent log lines (`app:logs`) followed live (`app:onDidLog`). */
export function useLogLines(): LogEntry[] {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [lines, setLines] = useState<LogEntry[]>([]);
  useEffect(() => {
    let live = true;
    const off = studio.on('app:onDidLog', (entry) =>
      setLines((current) => mergeLogLines(current, [entry])),
    );
    void studio.invoke('app:logs', {}).then((result) => {
      if (!live) return;
      if (result.ok) setLines((current) => mergeLogLines(current, result.value.entries));
      else report('Could not read the log', result.error);
    });
    return () => {
      live = false;
      off();
    };
  }, [studio, report]);
  return lines;
}
