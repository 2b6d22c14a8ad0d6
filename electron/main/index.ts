import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHostArgs, resolveHostArgs, type HostPlace } from '../core/host-args';
import { rendererDir } from '../core/paths';
import { createStudioCore } from '../core/studio-core';
import { registerInvokeHandlers, sendEvent } from './ipc-main';
import { installMenu } from './menu';
import { createMainWindow, denyAllPermissions, rendererUrl } from './window';

// `--data` and `--adb` mean what they mean to the CLI and the web host (core/host-args).
const place = resolveHostArgs(readHostArgs(process.argv));
if (place.ok) {
  app.setPath('userData', place.value.dataDir);
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => onReady(place.value));
} else {
  // A farm the user asked for but mistyped is not an empty farm: say so and stop.
  console.error(`edge-studio: ${place.error.message}`);
  dialog.showErrorBox('Edge Studio cannot start', place.error.message);
  app.exit(2);
}

async function onReady({ dataDir, farm }: HostPlace): Promise<void> {
  const core = createStudioCore({ host: 'electron', dataDir, farm });
  const url = rendererUrl(rendererDir());
  denyAllPermissions();
  registerInvokeHandlers(core.handlers, url, core.log);
  core.events.subscribe((event) =>
    BrowserWindow.getAllWindows().forEach((window) => sendEvent(window.webContents, event)),
  );
  installMenu(dataDir);
  const preload = join(fileURLToPath(new URL('.', import.meta.url)), '../preload/index.cjs');
  createMainWindow(url, preload);
  core.warmCompare();
  app.on('will-quit', () => core.close());
}
