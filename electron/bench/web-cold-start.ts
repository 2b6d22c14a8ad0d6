import { spawn } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { startStudioHost } from '../../e2e/studio-host';
import { medianOf, type Benchmark } from './benchmark';

const samples = 5;

/**
 * Web host process start → first paint of the shell in Chromium. Baseline: a bare Node process
 * serving one static page, started and painted the same way, so the ratio says what the studio
 * adds on this machine.
 */
export const webColdStart: Benchmark = {
  name: 'web-cold-start',
  description: 'web host process start to first paint of the shell in Chromium, median of 5',
  async run() {
    const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions() });
    try {
      const baseline = await medianOf(samples, () => bareNodeColdStart(browser));
      const value = await medianOf(samples, () => studioColdStart(browser));
      return {
        value,
        unit: 'ms',
        goal: { op: '<=', value: 1500 },
        baseline: { label: 'bare node http page', value: baseline },
      };
    } finally {
      await browser.close();
    }
  },
};

async function studioColdStart(browser: Browser): Promise<number> {
  const started = Date.now();
  const host = await startStudioHost();
  try {
    return (await firstPaintAt(browser, host.url, '[data-testid="app-shell"]')) - started;
  } finally {
    await host.stop();
  }
}

/** Epoch ms of the first contentful paint, once `selector` is on the page. */
async function firstPaintAt(browser: Browser, url: string, selector: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector(selector);
    return await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return performance.timeOrigin + (paint?.startTime ?? performance.now());
    });
  } finally {
    await page.close();
  }
}

const bareServer = `
const { createServer } = require('node:http');
const server = createServer((_q, r) => { r.setHeader('content-type', 'text/html'); r.end('<div id="x">ready</div>'); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function bareNodeColdStart(browser: Browser): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, ['-e', bareServer], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<string>((resolve) =>
      child.stdout.once('data', (data) => resolve(String(data).trim())),
    );
    return (await firstPaintAt(browser, `http://127.0.0.1:${port}/`, '#x')) - started;
  } finally {
    child.kill();
  }
}
