/**
 * The real app under Electron, driven by Playwright's `_electron`. Runs only where an Electron binary is
 * installed (the first `npm start` downloads it); elsewhere the suite is skipped with a one-line reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const p = join(override, rel ?? 'electron');
    return existsSync(p) ? p : null;
  }
  if (!rel) return null;
  const p = join(pkg, 'dist', rel);
  return existsSync(p) ? p : null;
}

const binary = electronBinary();
test.skip(!binary, 'Electron binary not installed on this machine (the first `npm start` downloads it).');

test('the real app opens the sample portfolio in a locked-down window', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'ballast-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT, `--user-data-dir=${userData}`, ...(process.env['CI'] ? ['--no-sandbox'] : [])],
  });
  try {
    const win = await app.firstWindow();
    await expect(win.locator('[data-testid="sample-banner"]')).toBeVisible();
    const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL());
    expect(url).toBe('app://ballast/index.html#dashboard');
    // No Node in the page (nodeIntegration off, sandbox on), and the bridge holds the contract's functions only.
    const page = await win.evaluate(() => ({
      process: typeof (globalThis as { process?: unknown }).process,
      require: typeof (globalThis as { require?: unknown }).require,
      bridge: Object.keys((globalThis as unknown as { ballast: object }).ballast).sort(),
    }));
    expect(page.process).toBe('undefined');
    expect(page.require).toBe('undefined');
    expect(page.bridge).toContain('portfolio:get');
    expect(page.bridge.some((k) => k.toLowerCase().includes('ipc'))).toBe(false);
    await win.screenshot({ path: join(ROOT, 'test-results/screenshots/electron-dashboard.png') });
  } finally {
    await app.close();
  }
});
