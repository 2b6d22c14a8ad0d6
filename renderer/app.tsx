import { ConnectionBanner } from './components/connection-banner';
import { NavBar } from './components/nav-bar';
import { ErrorAlerts } from './errors/error-alerts';
import { PageErrorBoundary } from './errors/error-boundary';
import { useHashRoute } from './hooks/use-hash-route';
import { useTheme } from './hooks/use-theme';

/** The shell: navigation, the current page, connection state and the error alerts. */
export function App() {
  const route = useHashRoute();
  useTheme();
  const Current = route.component;
  return (
    <div className="shell" data-testid="app-shell">
      <NavBar current={route} />
      <main className="content" data-page={route.id}>
        <ConnectionBanner />
        <ErrorAlerts />
        <PageErrorBoundary page={route.id}>
          <Current />
        </PageErrorBoundary>
      </main>
    </div>
  );
}
