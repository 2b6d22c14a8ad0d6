import type { CompareResult, Configuration, Recommendation } from '../../../shared/compare';
import { budgetBreaches, recommend } from '../../../shared/compare-statistics';
import type { Budgets } from '../../../shared/profile';

/**
 * What the Compare page shows of a `compare:query` answer under the budgets the user typed:
 * budgets are applied here, in the page, so changing one redraws without asking the studio again.
 */
export interface CompareView {
  /** What was asked (the side by side asks its tests of the same). */
  query: CompareResult['query'];
  /** The answer's configurations as they came (what does not depend on the budgets reads these). */
  base: readonly Configuration[];
  configurations: Configuration[];
  recommendations: Recommendation[];
  /** Phones (device keys) in first-seen order; `null` is the farm. */
  phones: (string | null)[];
}

/** The result's configurations with their breaches of `budgets`, and the recommendation under them. */
export function compareView(result: CompareResult, budgets: Budgets): CompareView {
  const configurations = result.configurations.map((configuration) =>
    configuration.status === 'measured'
      ? { ...configuration, overBudget: budgetBreaches(configuration, budgets) }
      : configuration,
  );
  const phones = [...new Set(configurations.map((configuration) => configuration.deviceKey))];
  return {
    query: result.query,
    base: result.configurations,
    configurations,
    recommendations: recommend(configurations, budgets),
    phones,
  };
}

/** The configurations of one phone (or the farm's, `null`); every one for `'all'`. */
export function onPhone(
  configurations: readonly Configuration[],
  phone: string | null | 'all',
): Configuration[] {
  if (phone === 'all') return [...configurations];
  return configurations.filter((configuration) => configuration.deviceKey === phone);
}

/** A configuration's name with its phone, for pickers and the side by side. */
export function configurationName(configuration: Configuration): string {
  const phone = configuration.deviceKey ?? 'farm';
  return `${configuration.label} on ${phone}${configuration.emulated ? ' (emulated)' : ''}`;
}
