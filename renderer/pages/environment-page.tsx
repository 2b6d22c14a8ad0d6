import type { AppInfo, HostKind } from '../../shared/app-info';
import { LogView } from '../components/log-view';
import { Page } from '../components/page';
import { ThemeSelect } from '../components/theme-select';
import { useInvoke } from '../hooks/use-invoke';

/** Environment: what the main side runs on, read live from `app:info`. */
export function EnvironmentPage() {
  const { state, reload } = useInvoke('app:info', {});
  return (
    <Page
      title="Environment"
      lead="The studio host, runtime and tools, as the main side sees them."
    >
      <section aria-label="Versions">
        <div className="section-header">
          <h2>Versions and paths</h2>
          <button type="button" onClick={() => void reload()}>
            Refresh
          </button>
        </div>
        {state.status === 'loading' && <p aria-busy="true">Reading the environment…</p>}
        {state.status === 'failed' && <p>Could not read the environment: {state.error.message}</p>}
        {state.status === 'ready' && <InfoTable info={state.value} />}
      </section>
      <section aria-label="Preferences">
        <h2>Preferences</h2>
        <ThemeSelect />
      </section>
      <LogView />
    </Page>
  );
}

const hostNames: Record<HostKind, string> = {
  electron: 'Electron',
  web: 'Web host (browser)',
  cli: 'edge-studio CLI',
};

function InfoTable({ info }: { info: AppInfo }) {
  const rows: [string, string][] = [
    ['Studio', info.studioVersion],
    ['Host', hostNames[info.host]],
    ['Node.js', `${info.node} (${info.platform})`],
    ['Electron', info.electron ?? '—'],
    [
      'onnxruntime-node',
      info.onnxruntime.found
        ? info.onnxruntime.version
        : `not available: ${info.onnxruntime.reason}`,
    ],
    [
      'adb',
      info.adb.found ? `${info.adb.version} (${info.adb.path})` : `not found: ${info.adb.reason}`,
    ],
    ['Farm (adb servers)', info.farm.join(', ')],
    ['Data folder', info.dataDir],
  ];
  return (
    <dl className="info-table" data-testid="app-info">
      {rows.map(([label, value]) => (
        <div key={label} className="info-row">
          <dt>{label}</dt>
          <dd data-field={label}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
