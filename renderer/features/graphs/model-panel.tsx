import { useState, type FormEvent } from 'react';
import type { ModelInspection } from '../../../shared/graph';
import { useErrorCenter } from '../../errors/error-center';
import { useStudio } from '../../studio-context';
import { BuildStatus } from './build-status';
import { InspectionView } from './inspection-view';
import { ScenarioForm } from './scenario-form';
import { FidelityForm } from './fidelity-form';
import { useGraphJob } from './use-graph-job';

/** The Profiles page's model panel: inspect a model, pick a scenario, build its graphs. */
export function ModelPanel() {
  const studio = useStudio();
  const { report } = useErrorCenter();
  const [model, setModel] = useState('builtin:edge-infinite-tiny');
  const [inspection, setInspection] = useState<ModelInspection | null>(null);
  const [busy, setBusy] = useState(false);
  const { state, build, measure, cancel } = useGraphJob(inspection?.path ?? model);
  const inspect = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await studio.invoke('graph:inspect', { model });
    setBusy(false);
    if (!result.ok) report('Could not inspect the model', result.error);
    setInspection(result.ok ? result.value : null);
  };
  return (
    <section aria-label="Model">
      <h2>Model</h2>
      <form className="model-form" onSubmit={inspect}>
        <label className="field">
          <span>ONNX file</span>
          <input
            value={model}
            onChange={(event) => setModel(event.target.value)}
            size={60}
            spellCheck={false}
          />
        </label>
        <button type="submit" disabled={busy || model.trim() === ''}>
          {busy ? 'Inspecting…' : 'Inspect'}
        </button>
      </form>
      {inspection && <InspectionView inspection={inspection} />}
      {inspection?.decoder && (
        <>
          <h3>Scenario</h3>
          <ScenarioForm
            decoder={inspection.decoder}
            busy={state.status === 'running'}
            onBuild={(plan) => void build(plan)}
            extra={(plan) => (
              <FidelityForm
                defaultDataset={defaultDataset(inspection)}
                disabled={!plan || state.status === 'running'}
                onMeasure={(dataset) => plan && void measure(plan, dataset)}
              />
            )}
          />
          <BuildStatus state={state} onCancel={cancel} />
        </>
      )}
    </section>
  );
}

/** The demo model ships eval sets beside its graphs: offer its passkey set. */
function defaultDataset(inspection: ModelInspection): string {
  if (inspection.convention !== 'edge-infinite') return '';
  return inspection.path.replace(/[^/\\]+$/, 'eval/passkey.jsonl');
}
