import { createContext, useContext, type ReactNode } from 'react';
import type { StudioApi } from '../shared/contract';
import type { ConnectionState } from './bridge/web-studio';

/** What the renderer knows of its host: the contract API and, in the web host, the socket. */
export interface StudioHost {
  studio: StudioApi;
  kind: 'electron' | 'web' | 'local';
  connection?: {
    state: ConnectionState;
    onDidChangeState(listener: (state: ConnectionState) => void): () => void;
  };
}

const StudioContext = createContext<StudioHost | null>(null);

export function StudioProvider({ host, children }: { host: StudioHost; children: ReactNode }) {
  return <StudioContext.Provider value={host}>{children}</StudioContext.Provider>;
}

/** The host of the current tree; rendering outside a provider is a bug. */
export function useStudioHost(): StudioHost {
  const host = useContext(StudioContext);
  if (!host) throw new Error('useStudioHost outside StudioProvider');
  return host;
}

export function useStudio(): StudioApi {
  return useStudioHost().studio;
}
