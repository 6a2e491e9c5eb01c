/**
 * The built renderer (out/renderer) in Debian's Chromium for the renderer benches, started the way the
 * E2E tests start it (test/e2e/app-harness.ts: served on 127.0.0.1 with the app's CSP, `window.ballast`
 * and its events routed to the real services on a temporary data folder), here with an in-memory
 * keychain. Outside the Playwright test runner, so no fixture: `openApp` returns the page, `open` to
 * show a view and a `close` to call at the end.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { startAppHarness } from '../test/e2e/app-harness';
import { memoryKeytar } from '../test/main/support/keychain';

export interface BenchApp {
  page: Page;
  /** Opens the app at a view id and waits for the first render. */
  open(view: string): Promise<void>;
  close(): Promise<void>;
}

export async function openApp(): Promise<BenchApp> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1360, height: 880 } });
  const harness = await startAppHarness({
    page,
    serviceOptions: { vault: { keytar: memoryKeytar(), service: 'Ballast Bench' } },
  });
  return {
    page,
    open: (view) => harness.app.open(view),
    async close() {
      await browser.close();
      await harness.close();
    },
  };
}
