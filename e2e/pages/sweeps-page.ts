import type { Locator, Page } from '@playwright/test';

/** Page object of the Profiles page's profile editor, launch plan and sweep progress. */
export class SweepsPage {
  readonly profileList: Locator;
  readonly editor: Locator;
  readonly issues: Locator;
  readonly gridSize: Locator;
  readonly estimate: Locator;
  readonly progress: Locator;
  readonly settled: Locator;

  constructor(readonly page: Page) {
    this.profileList = page.getByRole('list', { name: 'Profile files' });
    this.editor = page.getByLabel('Profile YAML');
    this.issues = page.getByRole('list', { name: 'Profile errors' });
    this.gridSize = page.getByTestId('grid-size');
    this.estimate = page.getByTestId('sweep-estimate');
    this.progress = page.getByRole('region', { name: 'Sweep progress' });
    this.settled = page.getByTestId('sweep-settled');
  }

  async openProfile(name: string): Promise<void> {
    await this.profileList.getByRole('button', { name, exact: true }).click();
    await this.editor.waitFor();
  }

  /** The issue shown for a field path. */
  issue(path: string): Locator {
    return this.issues.locator(`li[data-path="${path}"]`);
  }

  /** The editor's text with `from` replaced by `to`, typed in as a user would paste it. */
  async replace(from: string, to: string): Promise<string> {
    const text = (await this.editor.inputValue()).replace(from, to);
    await this.editor.fill(text);
    return text;
  }
}
