import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFarm } from '../core/devices/farm-hosts';
import { rendererDir, resolveDataDir } from '../core/paths';
import { createStudioCore } from '../core/studio-core';
import { dataDirArg } from './data-dir-arg';
import { registerInvokeHandlers, sendEvent } from './ipc-main';
import { installMenu } from './menu';
import { createMainWindow, denyAllPermissions, rendererUrl } from './window';

const dataDir = resolveDataDir(dataDirArg(process.argv));
app.setPath('userData', dataDir);

async function onReady(): Promise<void> {
  const farm = resolveFarm([]);
  const core = createStudioCore({ host: 'electron', dataDir, farm: farm.ok ? farm.value : [] });
  const url = rendererUrl(rendererDir());
  denyAllPermissions();
  registerInvokeHandlers(core.handlers, url, core.log);
  core.events.subscribe((event) =>
    BrowserWindow.getAllWindows().forEach((window) => sendEvent(window.webContents, event)),
  );
  installMenu(dataDir);
  const preload = join(fileURLToPath(new URL('.', import.meta.url)), '../preload/index.cjs');
  createMainWindow(url, preload);
  app.on('will-quit', () => core.close());
}

app.on('window-all-closed', () => app.quit());
void app.whenReady().then(onReady);
