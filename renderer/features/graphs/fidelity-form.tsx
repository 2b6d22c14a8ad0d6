import { useId, useState } from 'react';

/** A dataset path and a button that measures the plan's fidelity on it. */
export function FidelityForm(props: {
  defaultDataset: string;
  disabled: boolean;
  onMeasure(dataset: string): void;
}) {
  const id = useId();
  const [dataset, setDataset] = useState(props.defaultDataset);
  return (
    <div className="fidelity-form">
      <div className="field">
        <label htmlFor={id}>Dataset (JSONL)</label>
        <input
          id={id}
          value={dataset}
          onChange={(event) => setDataset(event.target.value)}
          size={48}
          spellCheck={false}
        />
      </div>
      <button
        type="button"
        disabled={props.disabled || dataset.trim() === ''}
        onClick={() => props.onMeasure(dataset.trim())}
      >
        Measure fidelity
      </button>
    </div>
  );
}
