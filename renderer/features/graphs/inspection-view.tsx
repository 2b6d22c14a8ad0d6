import { derivations, missingTokenizerNote, type ModelInspection } from '../../../shared/graph';
import { OpHistogramChart } from '../../charts/op-histogram-chart';
import { formatBytes } from './format-bytes';
import { TensorTable } from './tensor-table';

/** What `graph:inspect` found: summary, geometry, I/O and the op histogram. */
export function InspectionView({ inspection }: { inspection: ModelInspection }) {
  const { decoder, parameters } = inspection;
  const bytes = Object.values(parameters.bytesByDtype).reduce((sum, n) => sum + n, 0);
  return (
    <div className="inspection" data-testid="inspection">
      <dl className="facts">
        <Fact label="Convention" value={inspection.convention} />
        <Fact label="Opset" value={String(inspection.opset)} />
        <Fact
          label="Parameters"
          value={`${parameters.count.toLocaleString('en')} (${formatBytes(bytes)})`}
        />
        {decoder && <Fact label="Layers" value={String(decoder.layers)} />}
        {decoder && (
          <Fact
            label="Heads / KV heads"
            value={`${decoder.heads ?? '?'}${decoder.derived.includes('heads') ? ' (derived)' : ''} / ${decoder.kvHeads}`}
          />
        )}
        {decoder && <Fact label="Head dim" value={String(decoder.headDim)} />}
        {decoder && <Fact label="Vocabulary" value={String(decoder.vocab ?? '?')} />}
      </dl>
      {!decoder && (
        <p role="note">
          Not a decoder the studio recognises: it needs input_ids, past_key_values and logits.
        </p>
      )}
      {decoder?.derived.map((field) => (
        <p role="note" key={field}>
          {derivations[field]}
        </p>
      ))}
      {decoder && inspection.tokenizer === null && <p role="note">{missingTokenizerNote}</p>}
      <TensorTable caption="Inputs" tensors={inspection.inputs} />
      <TensorTable caption="Outputs" tensors={inspection.outputs} />
      <h3>Operators</h3>
      <OpHistogramChart histogram={inspection.opHistogram} />
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
