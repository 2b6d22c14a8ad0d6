import type { Locator, Page } from '@playwright/test';

/** A small scenario of the demo model, so a run on an emulated phone takes seconds. */
export interface RunFormValues {
  chunk?: string;
  sink?: string;
  window?: string;
  repetitions?: string;
  warmup?: string;
}

/** Page object of the Runs page: the start form, the run list and the selected run's view. */
export class RunsPage {
  readonly form: Locator;
  readonly list: Locator;
  readonly view: Locator;
  readonly state: Locator;
  readonly stopButton: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Start a run' });
    this.list = page.getByRole('listbox', { name: 'Runs' });
    this.view = page.getByTestId('run-view');
    this.state = page.getByTestId('run-state');
    this.stopButton = this.view.getByRole('button', { name: 'Stop' });
  }

  /** Fills the form (only the fields given) and submits it with Enter. */
  async start(values: RunFormValues): Promise<void> {
    await this.form.getByLabel('Phone').locator('option').first().waitFor({ state: 'attached' });
    const labels: Record<keyof RunFormValues, string> = {
      chunk: 'Chunk',
      sink: 'Sink',
      window: 'Window',
      repetitions: 'Repetitions',
      warmup: 'Warm-up',
    };
    for (const [key, value] of Object.entries(values) as [keyof RunFormValues, string][])
      await this.form.getByLabel(labels[key], { exact: true }).fill(value);
    await this.form.getByLabel('Repetitions').press('Enter');
  }

  /** A chart card of the selected run. */
  card(title: string): Locator {
    return this.view.getByRole('region', { name: title, exact: true });
  }

  /** The data rows of a card's table view (switches the card to it). */
  async tableRows(title: string): Promise<Locator> {
    const card = this.card(title);
    await card.getByRole('button', { name: 'Table' }).click();
    return card.locator('tbody tr');
  }

  /** Switches a card back to its chart. */
  async showChart(title: string): Promise<void> {
    await this.card(title).getByRole('button', { name: 'Chart' }).click();
  }

  /** The samples the selected run's view holds, as it says. */
  async sampleCount(): Promise<number> {
    const text = (await this.state.textContent()) ?? '';
    return Number(/(\d+) samples/.exec(text)?.[1] ?? NaN);
  }
}
