import { budgetsSchema, type Budgets } from '../../../shared/profile';

/** The budget form's fields as typed (strings, empty for no budget). */
export interface BudgetInputs {
  maxPeakMemoryMb: string;
  maxTtftMs: string;
  minFidelity: string;
}

export const emptyBudgetInputs: BudgetInputs = {
  maxPeakMemoryMb: '',
  maxTtftMs: '',
  minFidelity: '',
};

/** What the form turns into: the budgets when every field is valid, else the fields' errors. */
export type ParsedBudgets =
  | { ok: true; budgets: Budgets }
  | { ok: false; errors: Partial<Record<keyof BudgetInputs, string>> };

const fieldWords: Record<keyof BudgetInputs, string> = {
  maxPeakMemoryMb: 'Memory budget',
  maxTtftMs: 'TTFT budget',
  minFidelity: 'Minimum fidelity',
};

function parseField(name: keyof BudgetInputs, text: string): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return `${fieldWords[name]} must be a number`;
  return value;
}

/** The form's budgets, checked field by field with budgetsSchema (inline errors in its words). */
export function parseBudgets(inputs: BudgetInputs): ParsedBudgets {
  const errors: Partial<Record<keyof BudgetInputs, string>> = {};
  const values: Record<string, number> = {};
  for (const name of Object.keys(fieldWords) as (keyof BudgetInputs)[]) {
    const parsed = parseField(name, inputs[name]);
    if (typeof parsed === 'string') errors[name] = parsed;
    else if (parsed !== undefined) values[name] = parsed;
  }
  const checked = budgetsSchema.safeParse(values);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const name = issue.path[0] as keyof BudgetInputs;
      errors[name] ??= budgetIssue(name);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, budgets: checked.data ?? {} };
}

function budgetIssue(name: keyof BudgetInputs): string {
  return name === 'minFidelity'
    ? 'Minimum fidelity is a cosine between 0 and 1'
    : `${fieldWords[name]} must be above 0`;
}

/** The form's fields for budgets (a profile's, or the last query's). */
export function budgetInputsOf(budgets: Budgets): BudgetInputs {
  const text = (value: number | undefined) => (value === undefined ? '' : String(value));
  return {
    maxPeakMemoryMb: text(budgets.maxPeakMemoryMb),
    maxTtftMs: text(budgets.maxTtftMs),
    minFidelity: text(budgets.minFidelity),
  };
}
