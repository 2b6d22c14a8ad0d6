import { EmptyState } from '../components/empty-state';
import { Page } from '../components/page';
import { ModelPanel } from '../features/graphs/model-panel';

/** Profiles: scenario profiles and the model each one specialises. */
export function ProfilesPage() {
  return (
    <Page
      title="Profiles"
      lead="Scenario profiles: model, prefill chunk, sink and window sizes, memory and quantisation."
    >
      <ModelPanel />
      <EmptyState title="No scenario profiles yet">
        <p>
          Profiles for summarisation, QA and chat appear here, each with its model, its scenario
          (chunk <var>C</var>, sink <var>S</var>, window <var>W</var>, memory on or off) and its
          quantisation, plus the KV-cache and memory bytes it implies.
        </p>
        <p>
          Profiles are YAML files in the studio's <code>profiles/</code> folder; a profile is picked
          here to build fixed-shape graphs and start a sweep.
        </p>
      </EmptyState>
    </Page>
  );
}
