import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

/** The application menu: the usual roles plus a way to the data dir. */
export function buildMenuTemplate(dataDir: string): MenuItemConstructorOptions[] {
  return [
    {
      label: 'File',
      submenu: [
        { label: 'Open Data Folder', click: () => void shell.openPath(dataDir) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `Edge Studio ${app.getVersion()}`, enabled: false }] },
  ];
}

export function installMenu(dataDir: string): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(dataDir)));
}
