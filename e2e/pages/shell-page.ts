import type { Locator, Page } from '@playwright/test';

/** Page object of the app shell: navigation and the current page. */
export class ShellPage {
  readonly nav: Locator;
  readonly heading: Locator;

  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {
    this.nav = page.getByRole('navigation', { name: 'Pages' });
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** Opens the studio at a page and waits for the shell to render. */
  async open(pageId = 'devices'): Promise<void> {
    await this.page.goto(`${this.url}#/${pageId}`);
    await this.page.getByTestId('app-shell').waitFor();
  }

  async goTo(title: string): Promise<void> {
    await this.nav.getByRole('link', { name: title }).click();
    await this.page.locator(`main h1:text-is("${title}")`).waitFor();
  }

  link(title: string): Locator {
    return this.nav.getByRole('link', { name: title });
  }
}
