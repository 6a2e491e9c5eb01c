/**
 * Ballast main process: the thin Electron shell. It owns the window, the app:// protocol and the IPC
 * binding; everything else lives in electron/services (plain Node, tested without Electron).
 */
import { app, BrowserWindow, dialog, Menu, Notification, net, protocol, session, shell } from 'electron';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServices } from '../services/app-services';
import { writeFileAtomic } from '../services/files/atomic';
import { createRouter } from '../services/ipc-router';
import { disposeWithin, QUIT_FLUSH_TIMEOUT_MS } from '../services/quit';
import { registerIpc, sendEvent } from './ipc';
import {
  APP_ORIGIN,
  APP_SCHEME,
  applicationMenu,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppUrl,
  mimeType,
  resolveAppPath,
  secureWebPreferences,
} from './security';
import { electronStoreFactory } from './stores';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = resolve(here, '../renderer');
const assetsDir = app.isPackaged ? join(process.resourcesPath, 'assets') : resolve(here, '../../assets');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// One instance only: a second launch focuses the first window.
if (!app.requestSingleInstanceLock()) app.quit();

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = url.host === 'ballast' ? resolveAppPath(url.pathname) : null;
    if (!rel) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(join(rendererDir, rel)).toString());
    if (!response.ok) return new Response('Not found', { status: 404 });
    return new Response(response.body, {
      status: 200,
      headers: {
        'Content-Type': mimeType(rel),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the exchanges and the docs open in the user's browser; nothing opens inside the app.
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

async function createWindow(): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Ballast',
    backgroundColor: '#0f1419',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'), { devTools: !app.isPackaged }),
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) await win.loadURL(devServerUrl);
  else await win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

void app.whenReady().then(async () => {
  const menu = applicationMenu(process.platform, app.isPackaged);
  if (menu !== 'default') Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
  hardenSessions();
  serveRenderer();
  let win: BrowserWindow | null = null;
  const services = await createServices({
    dataDir: app.getPath('userData'),
    assetsDir,
    storeFactory: electronStoreFactory,
    marketDataAutoRefresh: true,
    marketHistoryAutoUpdate: true,
    appVersion: app.getVersion(),
    emit: (event, payload) => {
      if (win) sendEvent(win.webContents, event, payload);
    },
    saveFile: async (suggestedName, content) => {
      const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await writeFileAtomic(result.filePath, content);
      return result.filePath;
    },
    chooseFolder: async () => {
      const options = { properties: ['openDirectory' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
  registerIpc(createRouter(services.handlers, { scrub: services.scrub }), devServerUrl);
  win = await createWindow();
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  // Quit once the services have written what they hold (the activity log's checkpoint), within a limit.
  let flushStarted = false;
  app.on('before-quit', (event) => {
    if (flushStarted) return;
    flushStarted = true;
    event.preventDefault();
    void disposeWithin(() => services.dispose(), QUIT_FLUSH_TIMEOUT_MS).finally(() => app.quit());
  });
});

app.on('window-all-closed', () => {
  app.quit();
});
