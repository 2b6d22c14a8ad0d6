import { useId } from 'react';
import type { RunRecord } from '../../../shared/run';
import type { RunListFilterInput } from './use-run-list';

type FilterKey = keyof RunListFilterInput;

const labels: Record<FilterKey, string> = {
  device: 'Phone',
  model: 'Model',
  scenario: 'Scenario',
  quant: 'Quant',
};

/** The props: the filter, what changing it does, and the runs whose values are offered. */
export interface RunListFiltersProps {
  filter: RunListFilterInput;
  onChange(filter: RunListFilterInput): void;
  /** Runs seen (unfiltered), whose values each filter offers. */
  seen: readonly RunRecord[];
  phoneName(deviceKey: string): string;
}

function valuesOf(runs: readonly RunRecord[], key: FilterKey): string[] {
  const pick = (run: RunRecord) =>
    key === 'device' ? run.deviceKey : key === 'model' ? run.request.model : run[key];
  return [...new Set(runs.map(pick))].sort();
}

/** Filters of the run list: phone, model, scenario, quant, each "any" or one value seen. */
export function RunListFilters({ filter, onChange, seen, phoneName }: RunListFiltersProps) {
  const id = useId();
  return (
    <form className="run-filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
      {(Object.keys(labels) as FilterKey[]).map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`${id}-${key}`}>{labels[key]}</label>
          <select
            id={`${id}-${key}`}
            value={filter[key] ?? ''}
            onChange={(event) => onChange({ ...filter, [key]: event.target.value || undefined })}
          >
            <option value="">Any</option>
            {valuesOf(seen, key).map((value) => (
              <option key={value} value={value}>
                {key === 'device' ? phoneName(value) : value}
              </option>
            ))}
          </select>
        </div>
      ))}
    </form>
  );
}
