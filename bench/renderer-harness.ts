/**
 * The built renderer (out/renderer) in Debian's Chromium for the renderer benches, the way the E2E
 * harness runs it: served on 127.0.0.1 with the app's CSP, `window.ballast` routed to the real
 * main-process router (createServices on a temporary data folder, in-memory keychain). Outside the
 * Playwright test runner, so no fixture: `openApp` returns the page and a `close` to call at the end.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_GLOBAL, CHANNELS, EVENTS } from '../shared/ipc/contract';
import { createServices } from '../electron/services/app-services';
import { createRouter } from '../electron/services/ipc-router';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { serveRenderer } from '../test/e2e/harness';
import { memoryKeytar } from '../test/main/support/keychain';
import { testServicesOptions } from '../test/main/support/services';

export interface BenchApp {
  page: Page;
  url: string;
  close(): Promise<void>;
}

export async function openApp(): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ballast-bench-renderer-'));
  const services = await createServices(
    testServicesOptions(
      dataDir,
      { events: [], notifications: [] },
      { vault: { keytar: memoryKeytar(), service: 'Ballast Bench' } },
    ),
  );
  const router = createRouter(services.handlers, { scrub: services.scrub });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1360, height: 880 } });
  await page.exposeFunction('__ballastInvoke', (channel: string, payload: unknown) => router(channel, payload));
  await page.addInitScript(
    ({ channels, globalName }) => {
      const w = globalThis as unknown as Record<string, unknown> & {
        __ballastInvoke: (c: string, p: unknown) => Promise<unknown>;
      };
      const api: Record<string, unknown> = {};
      for (const c of channels) api[c] = (req: unknown) => w.__ballastInvoke(c, req);
      api['on'] = () => () => undefined;
      w[globalName] = Object.freeze(api);
    },
    { channels: CHANNELS as string[], events: EVENTS as string[], globalName: API_GLOBAL },
  );
  const { url, server } = await serveRenderer();
  return {
    page,
    url: `${url}/index.html`,
    async close() {
      await browser.close();
      await services.dispose();
      server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
