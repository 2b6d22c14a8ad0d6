import type { WebFrameMain } from 'electron';

/**
 * True when an IPC message comes from the studio's own renderer: a top-level frame whose URL is
 * the packaged renderer (file:) or, in development, the renderer dev server.
 */
export function isTrustedFrame(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined,
  rendererUrl: string,
): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    const expected = new URL(rendererUrl);
    if (url.protocol !== expected.protocol) return false;
    return expected.protocol === 'file:'
      ? url.pathname === expected.pathname
      : url.origin === expected.origin;
  } catch {
    return false;
  }
}
