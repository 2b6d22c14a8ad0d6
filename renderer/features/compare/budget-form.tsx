import type { BudgetInputs, ParsedBudgets } from './compare-budgets';

const fields: { name: keyof BudgetInputs; label: string; placeholder: string }[] = [
  { name: 'maxPeakMemoryMb', label: 'Memory budget (MiB)', placeholder: 'e.g. 512' },
  { name: 'maxTtftMs', label: 'TTFT budget (ms)', placeholder: 'e.g. 800' },
  { name: 'minFidelity', label: 'Minimum fidelity (cosine, 0–1)', placeholder: 'e.g. 0.99' },
];

/** The budgets the recommendation keeps to, checked as typed; errors next to their field. */
export function BudgetForm({
  inputs,
  parsed,
  onChange,
}: {
  inputs: BudgetInputs;
  parsed: ParsedBudgets;
  onChange(inputs: BudgetInputs): void;
}) {
  const errors = parsed.ok ? {} : parsed.errors;
  return (
    <fieldset className="compare-budgets">
      <legend>Budgets</legend>
      {fields.map((field) => {
        const error = errors[field.name];
        const errorId = `budget-${field.name}-error`;
        return (
          <label key={field.name}>
            {field.label}
            <input
              inputMode="decimal"
              value={inputs[field.name]}
              placeholder={field.placeholder}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(event) => onChange({ ...inputs, [field.name]: event.target.value })}
            />
            {error && (
              <span id={errorId} className="field-error" role="alert">
                {error}
              </span>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}
