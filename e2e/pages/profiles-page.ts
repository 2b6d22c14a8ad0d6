import type { Locator, Page } from '@playwright/test';

/** Page object of the Profiles page's model panel. */
export class ProfilesPage {
  readonly modelInput: Locator;
  readonly inspectButton: Locator;
  readonly inspection: Locator;
  readonly buildButton: Locator;
  readonly buildResult: Locator;

  constructor(readonly page: Page) {
    this.modelInput = page.getByLabel('ONNX file');
    this.inspectButton = page.getByRole('button', { name: 'Inspect' });
    this.inspection = page.getByTestId('inspection');
    this.buildButton = page.getByRole('button', { name: 'Build graphs' });
    this.buildResult = page.getByTestId('build-result');
  }

  async inspect(model: string): Promise<void> {
    await this.modelInput.fill(model);
    await this.inspectButton.click();
  }

  field(name: 'Chunk' | 'Sink' | 'Window'): Locator {
    return this.page.getByLabel(name, { exact: true });
  }
}
