import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadStudio } from './studio-api';

// The page gets exactly one object: the contract-derived studio API. No raw ipcRenderer.
contextBridge.exposeInMainWorld('studio', createPreloadStudio(ipcRenderer));
