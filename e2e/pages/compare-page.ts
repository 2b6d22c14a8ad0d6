import type { Locator, Page } from '@playwright/test';

/** Page object of the Compare page and the Reports page's report builder. */
export class ComparePage {
  readonly pareto: Locator;
  readonly recommendation: Locator;
  readonly table: Locator;
  readonly significance: Locator;
  readonly buildForm: Locator;
  readonly built: Locator;

  constructor(readonly page: Page) {
    this.pareto = page.getByRole('region', { name: 'TTFT × peak memory (Pareto)' });
    this.recommendation = page.getByRole('list', { name: 'Recommendation' });
    this.table = page.getByRole('table', { name: /configurations/ });
    this.significance = page.getByRole('list', { name: 'Significance' });
    this.buildForm = page.getByRole('form', { name: 'Build a report' });
    this.built = page.getByTestId('report-built');
  }

  /** Builds the newest sweep's report in `format` on the Reports page; the file it was written to. */
  async buildReport(format: 'HTML' | 'CSV' | 'JSON'): Promise<string> {
    await this.buildForm.getByLabel('Format').selectOption({ label: format });
    await this.buildForm.getByRole('button', { name: 'Build report' }).click();
    return (await this.built.locator('code').textContent()) ?? '';
  }
}
