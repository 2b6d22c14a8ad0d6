import { describe, expect, it, vi } from 'vitest';
import type { electronMock } from './electron-mock';

const electron = vi.hoisted(() => ({
  current: undefined as unknown as ReturnType<typeof electronMock>,
}));
vi.mock('electron', async () => {
  const { electronMock: make } = await import('./electron-mock');
  electron.current = make();
  return electron.current;
});

const { createMainWindow, denyAllPermissions, rendererUrl } = await import('./window');

describe('main window', () => {
  const url = 'file:///opt/studio/out/renderer/index.html';

  it('is locked down', () => {
    createMainWindow(url, '/opt/studio/out/preload/index.cjs');
    const { options } = electron.current.windows.at(-1) as {
      options: { webPreferences: Record<string, unknown> };
    };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/opt/studio/out/preload/index.cjs',
    });
  });

  it('refuses window.open and sends web links to the system browser', () => {
    createMainWindow(url, '/p.cjs');
    const contents = electron.current.windows.at(-1)?.contents;
    expect(contents?.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents?.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.current.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks navigation away from the renderer', () => {
    createMainWindow(url, '/p.cjs');
    const navigate = electron.current.windows.at(-1)?.contents.listeners.get('will-navigate');
    const away = { preventDefault: vi.fn() };
    navigate?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const same = { preventDefault: vi.fn() };
    navigate?.(same, url);
    expect(same.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every permission request', () => {
    denyAllPermissions();
    const handler = electron.current.session.defaultSession.setPermissionRequestHandler.mock
      .calls[0]?.[0] as (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    const callback = vi.fn();
    handler({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('loads the built renderer unless a dev server is given', () => {
    expect(rendererUrl('/opt/r', {})).toBe('file:///opt/r/index.html');
    expect(rendererUrl('/opt/r', { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBe(
      'http://localhost:5173',
    );
  });
});
