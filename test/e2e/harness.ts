/**
 * E2E harness: the Playwright fixture `app`, one running app per test (app-harness.ts: the built
 * renderer served on 127.0.0.1 with the app's CSP, and the preload's API routed to the real
 * main-process router running in this test process). Only the Electron transport is replaced. A test
 * fails when the page threw an uncaught error.
 */
import { test as base, expect } from '@playwright/test';
import type { ServicesOptions } from '../../electron/services/app-services';
import { startAppHarness, type AppHarness } from './app-harness';

export { ROOT, RENDERER_DIR, SCREENSHOT_DIR, serveRenderer, type AppHarness } from './app-harness';

export const test = base.extend<{
  app: AppHarness;
  serviceOptions: Partial<ServicesOptions>;
  /**
   * Files written into the empty data folder before the services start (path relative to it ->
   * content), e.g. a damaged settings file.
   */
  dataDirFiles: Record<string, string>;
}>({
  serviceOptions: [{}, { option: true }],
  dataDirFiles: [{}, { option: true }],
  app: async ({ page, serviceOptions, dataDirFiles }, use) => {
    const running = await startAppHarness({ page, serviceOptions, dataDirFiles });
    await use(running.app);
    await running.close();
    expect(running.errors, 'uncaught errors in the renderer').toEqual([]);
  },
});

export { expect };
