import type { Locator, Page } from '@playwright/test';

/** Page object of the Devices view. */
export class DevicesPage {
  readonly rows: Locator;
  readonly emulatedBadges: Locator;
  /** The latest live sample of the selected phone, and the lines of its chart. */
  readonly vitalsLatest: Locator;
  readonly vitalsLines: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('device-row');
    this.emulatedBadges = page.getByTestId('emulated-badge');
    this.vitalsLatest = page.getByTestId('vitals-latest');
    this.vitalsLines = page.getByTestId('device-vitals').locator('.recharts-line');
  }

  /** The row of the phone with this model. */
  row(model: string): Locator {
    return this.rows.filter({ hasText: model });
  }
}
