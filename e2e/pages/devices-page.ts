import type { Locator, Page } from '@playwright/test';

/** Page object of the Devices view. */
export class DevicesPage {
  readonly rows: Locator;
  readonly emulatedBadges: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('device-row');
    this.emulatedBadges = page.getByTestId('emulated-badge');
  }

  /** The row of the phone with this model. */
  row(model: string): Locator {
    return this.rows.filter({ hasText: model });
  }
}
