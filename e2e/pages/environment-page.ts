import type { Locator, Page } from '@playwright/test';

/** Page object of the Environment view. */
export class EnvironmentPage {
  readonly info: Locator;
  readonly theme: Locator;

  constructor(readonly page: Page) {
    this.info = page.getByTestId('app-info');
    this.theme = page.getByLabel('Theme');
  }

  /** The value shown for one row of the versions table. */
  field(label: string): Locator {
    return this.info.locator(`dd[data-field="${label}"]`);
  }
}
