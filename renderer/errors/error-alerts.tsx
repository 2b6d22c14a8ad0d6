import { useErrorCenter } from './error-center';

/** The alert stack of the shell; each alert can be dismissed with its button or Escape. */
export function ErrorAlerts() {
  const { errors, dismiss } = useErrorCenter();
  if (errors.length === 0) return null;
  return (
    <div className="error-alerts" aria-live="assertive">
      {errors.map((error) => (
        <div
          key={error.id}
          role="alert"
          className="error-alert"
          onKeyDown={(event) => event.key === 'Escape' && dismiss(error.id)}
        >
          <strong>{error.title}</strong>
          <span>{error.message}</span>
          <button type="button" onClick={() => dismiss(error.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
