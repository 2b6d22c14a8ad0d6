import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the main window loads the renderer from: the dev server, else the built files. */
export function rendererUrl(rendererDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(rendererDir, 'index.html')).href;
}

/** The web preferences every studio window gets (Electron security checklist). */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/**
 * Opens the studio window locked down: isolation and sandbox on, no Node, every navigation away
 * from the renderer and every `window.open` refused (http links go to the system browser).
 */
export function createMainWindow(url: string, preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Edge Studio',
    show: false,
    webPreferences: { ...secureWebPreferences, preload: preloadPath },
  });
  window.webContents.setWindowOpenHandler(({ url: target }) => {
    if (/^https?:\/\//.test(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, target) => {
    if (target !== url) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

/** Refuses every permission request (camera, notifications, …): the studio needs none. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
}
