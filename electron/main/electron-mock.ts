import { vi } from 'vitest';

/** What a test needs of a registered `ipcMain.handle` callback. */
export type InvokeListener = (event: unknown, args: unknown) => Promise<unknown>;

/**
 * A stand-in for the `electron` module (the binary cannot run here): records IPC handlers and
 * window options so tests can drive them. Use with `vi.mock('electron', () => electronMock())`.
 */
export function electronMock() {
  const handlers = new Map<string, InvokeListener>();
  const windows: { options: unknown; contents: FakeWebContents }[] = [];
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(options: unknown) {
      windows.push({ options, contents: this.webContents });
    }
    once = vi.fn();
    loadURL = vi.fn(async () => undefined);
    static getAllWindows = () => [];
  }
  return {
    handlers,
    windows,
    ipcMain: {
      handle: vi.fn((channel: string, listener: InvokeListener) => handlers.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    BrowserWindow,
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn() } },
    app: { getVersion: () => '0.0.0' },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
  };
}

/** Just enough of `WebContents` for the window and IPC wrappers. */
export class FakeWebContents {
  destroyed = false;
  sent: [string, unknown][] = [];
  listeners = new Map<string, (...args: unknown[]) => void>();
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  isDestroyed = () => this.destroyed;
  send = (channel: string, payload: unknown) => void this.sent.push([channel, payload]);
  on = (name: string, listener: (...args: unknown[]) => void) =>
    void this.listeners.set(name, listener);
  setWindowOpenHandler = (handler: (details: { url: string }) => { action: string }) => {
    this.openHandler = handler;
  };
}
