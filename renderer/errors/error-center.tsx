import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { studioErrorSchema, type StudioError } from '../../shared/result';
import { errorHint } from '../../shared/error-hint';

/** One error shown to the user. */
export interface ShownError {
  id: number;
  title: string;
  message: string;
}

interface ErrorCenter {
  errors: ShownError[];
  report(title: string, error: StudioError | unknown): void;
  dismiss(id: number): void;
}

const ErrorCenterContext = createContext<ErrorCenter | null>(null);
const maxShown = 5;
let nextId = 1;

/**
 * Turns any failure (an error value, a thrown error, a rejection) into a message line; an error
 * value also says, by its code, what the user can do.
 */
export function describeError(error: StudioError | unknown): string {
  if (error instanceof Error) return error.message;
  const known = studioErrorSchema.safeParse(error);
  if (known.success) {
    const { code, message } = known.data;
    return `${message} (${code}: ${errorHint(code)})`;
  }
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/**
 * The one place the renderer turns errors into UI: failures reported by pages, plus uncaught
 * errors and unhandled rejections of the window, shown as dismissible alerts.
 */
export function ErrorCenterProvider({ children }: { children: ReactNode }) {
  const [errors, setErrors] = useState<ShownError[]>([]);
  const report = useCallback((title: string, error: StudioError | unknown) => {
    const shown = { id: nextId++, title, message: describeError(error) };
    setErrors((current) => [...current, shown].slice(-maxShown));
  }, []);
  const dismiss = useCallback(
    (id: number) => setErrors((current) => current.filter((error) => error.id !== id)),
    [],
  );
  useWindowErrors(report);
  const center = useMemo(() => ({ errors, report, dismiss }), [errors, report, dismiss]);
  return <ErrorCenterContext.Provider value={center}>{children}</ErrorCenterContext.Provider>;
}

function useWindowErrors(report: ErrorCenter['report']): void {
  useEffect(() => {
    const onError = (event: ErrorEvent) => report('Unexpected error', event.error ?? event.message);
    const onRejection = (event: PromiseRejectionEvent) => report('Unexpected error', event.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    return () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    };
  }, [report]);
}

export function useErrorCenter(): ErrorCenter {
  const center = useContext(ErrorCenterContext);
  if (!center) throw new Error('useErrorCenter outside ErrorCenterProvider');
  return center;
}
