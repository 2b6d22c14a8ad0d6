import { existsSync } from 'node:fs';

/** Debian's Chromium, or `$CHROMIUM_PATH`; the tests never download a browser. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: run \`sudo apt-get install chromium\` or set CHROMIUM_PATH`,
    );
  }
  return path;
}

/**
 * Launch options for headless Chromium on a closed network: background networking off so it
 * makes no connections of its own, no sandbox because CI runs as root.
 */
export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  };
}
