/**
 * The window's security settings, kept free of Electron runtime imports so tests can check them
 * under plain Node. Follows Electron's security checklist.
 */
import type { MenuItemConstructorOptions, WebPreferences } from 'electron';

/** Custom scheme the renderer is served from; nothing else may be loaded in the window. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ballast';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Strict Content-Security-Policy: only the app's own scripts, styles and images; no eval, no inline
 * scripts, no remote code, no plugins, no framing. The renderer talks to nothing over the network:
 * exchange and market-data calls happen in main.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The window's webPreferences. `devTools` is false in packaged builds (`!app.isPackaged`), so a
 * released app cannot open the developer tools.
 */
export function secureWebPreferences(
  preloadPath: string,
  opts: { devTools: boolean } = { devTools: false },
): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: opts.devTools,
  };
}

/** True when `url` belongs to the app's own origin (or, in development, the dev server's). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Maps an app:// request path to a file under the renderer directory, refusing anything that would
 * escape it (path traversal, encoded separators, absolute paths). Returns the relative path or null.
 */
export function resolveAppPath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const rel = parts.join('/');
  return rel === '' ? 'index.html' : rel;
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
};

export function mimeType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/**
 * Sites a link may open in the user's browser (exact host or a subdomain of it): the exchanges Ballast
 * supports, where keys are created, and the project's documentation. Anything else, and anything but
 * https on the default port without a user name, stays closed.
 */
export const EXTERNAL_HOSTS = [
  'binance.com',
  'coinbase.com',
  'kraken.com',
  'okx.com',
  'bybit.com',
  'kucoin.com',
  'github.com',
] as const;

/** Whether `url` may be opened in the user's browser (shell.openExternal). */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return EXTERNAL_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * The application menu: in development Electron's default (reload, developer tools); in a packaged
 * build none on Windows and Linux, and on macOS only the app menu and Edit (copy and paste need it),
 * without reload or developer tools. null means no menu.
 */
export function applicationMenu(platform: string, packaged: boolean): MenuItemConstructorOptions[] | null | 'default' {
  if (!packaged) return 'default';
  if (platform !== 'darwin') return null;
  return [
    { role: 'appMenu', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'quit' }] },
    { role: 'editMenu' },
  ];
}
