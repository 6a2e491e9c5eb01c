/**
 * The app as the E2E tests and the renderer bench drive it: the built renderer (out/renderer,
 * byte-for-byte what ships) served on 127.0.0.1 with the app's CSP, and the preload's API
 * (`window.ballast`, one function per contract channel plus `on`) installed by an init script that
 * routes every call to the real main-process router running in this process. Only the Electron
 * transport is replaced. No test-runner imports: the Playwright fixture (harness.ts) and
 * bench/renderer.bench.ts both start the app with `startAppHarness`.
 */
import type { Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { API_GLOBAL, CHANNELS, EVENTS, type EventMap, type EventName } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppPath } from '../../electron/main/security';
import {
  activityLogItem,
  createServices,
  type Services,
  type ServicesOptions,
} from '../../electron/services/app-services';
import { createRouter, type Router } from '../../electron/services/ipc-router';
import { logKeyScopeFor, ROOT, testServicesOptions, type Recorded } from '../main/support/services';

export { ROOT };
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

export function serveRenderer(dir = RENDERER_DIR): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`Built renderer not found in ${dir}: run \`npm run build\` first.`);
  }
  const server = createServer((req, res) => {
    const rel = resolveAppPath(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = rel ? join(dir, rel) : null;
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': mimeType(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      ok({ url: `http://127.0.0.1:${port}`, server });
    }),
  );
}

export interface AppHarness extends Recorded {
  page: Page;
  services: Services;
  router: Router;
  dataDir: string;
  /** Open the app (optionally at a view id) and wait for the first render. */
  open(view?: string): Promise<void>;
  screenshot(name: string): Promise<void>;
}

/** Installs the same API the preload exposes, routed to `window.__ballastInvoke`. */
async function installBridge(page: Page, router: Router) {
  await page.exposeFunction('__ballastInvoke', (channel: string, payload: unknown) => router(channel, payload));
  await page.addInitScript(
    ({ channels, events, globalName }) => {
      const listeners = new Map<string, Set<(p: unknown) => void>>();
      const api: Record<string, unknown> = {};
      const w = globalThis as unknown as Record<string, unknown> & {
        __ballastInvoke: (c: string, p: unknown) => Promise<unknown>;
      };
      for (const c of channels) api[c] = (req: unknown) => w.__ballastInvoke(c, req);
      api['on'] = (event: string, listener: (p: unknown) => void) => {
        if (!events.includes(event)) throw new Error(`Unknown event: ${event}`);
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      };
      w['__ballastEmit'] = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
      w[globalName] = Object.freeze(api);
    },
    { channels: CHANNELS as string[], events: EVENTS as string[], globalName: API_GLOBAL },
  );
}

export interface StartOptions {
  page: Page;
  serviceOptions?: Partial<ServicesOptions>;
  /** Files written into the empty data folder before the services start (path relative to it -> content). */
  dataDirFiles?: Record<string, string>;
}

export interface RunningHarness {
  app: AppHarness;
  /** Uncaught errors of the page so far. */
  errors: string[];
  /** Stops the services and the server and removes the data folder. */
  close(): Promise<void>;
}

/** Starts the real services in a new data folder behind the real router, and the page's bridge to them. */
export async function startAppHarness(opts: StartOptions): Promise<RunningHarness> {
  const { page } = opts;
  const dataDir = mkdtempSync(join(tmpdir(), 'ballast-e2e-'));
  for (const [name, content] of Object.entries(opts.dataDirFiles ?? {})) {
    const path = join(dataDir, name);
    if (!path.startsWith(join(dataDir, '/'))) throw new Error(`dataDirFiles: ${name} is outside the data folder`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  const recorded: Recorded = { events: [], notifications: [] };
  let pageReady = false;
  const services = await createServices(
    testServicesOptions(dataDir, recorded, {
      appVersion: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string,
      emit: <E extends EventName>(event: E, payload: EventMap[E]) => {
        if (!pageReady) return;
        void page
          .evaluate(
            ([e, p]) =>
              (globalThis as unknown as { __ballastEmit: (a: unknown, b: unknown) => void }).__ballastEmit(e, p),
            [event, payload] as const,
          )
          .catch(() => undefined);
      },
      // Test keys go to their own keychain service, never the app's.
      vault: { service: 'Ballast E2E' },
      ...opts.serviceOptions,
    }),
  );
  const router = createRouter(services.handlers, { scrub: services.scrub });
  await installBridge(page, router);
  const { url, server } = await serveRenderer();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const app: AppHarness = {
    page,
    services,
    router,
    dataDir,
    ...recorded,
    async open(view) {
      await page.goto(`${url}/index.html${view ? `#${view}` : ''}`);
      pageReady = true;
      await page.locator('h1').waitFor({ state: 'visible' });
    },
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
  };
  return {
    app,
    errors,
    async close() {
      pageReady = false;
      await services.dispose();
      // The activity log's keychain item of this temporary data folder (see logKeyScopeFor).
      if (!opts.serviceOptions?.vault?.keytar) {
        await services.context.vault.deleteAppItem(activityLogItem(logKeyScopeFor(dataDir))).catch(() => false);
      }
      server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
