import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StudioApi } from '../shared/contract';
import { App } from './app';
import { WebStudio } from './bridge/web-studio';
import { ErrorCenterProvider } from './errors/error-center';
import { StudioProvider, type StudioHost } from './studio-context';
import './styles/app.css';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web host. */
    studio?: StudioApi;
  }
}

/** Electron's preload API when present, else the web host's WebSocket bridge. */
function connectHost(): StudioHost {
  if (window.studio) return { studio: window.studio, kind: 'electron' };
  const web = new WebStudio();
  return { studio: web, kind: 'web', connection: web };
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ErrorCenterProvider>
      <StudioProvider host={connectHost()}>
        <App />
      </StudioProvider>
    </ErrorCenterProvider>
  </StrictMode>,
);
