import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness';

test('opens on the labelled sample portfolio with a sortable, searchable holdings table', async ({ app }) => {
  await app.open();
  const { page } = app;
  await expect(page.getByTestId('sample-banner')).toContainText('Sample data');
  await expect(page.locator('h1')).toHaveText('Dashboard');

  // The total shown is the sum of the holdings main valued.
  const view = await app.router('portfolio:get', undefined);
  if (!view.ok) throw new Error('portfolio:get failed');
  const data = view.data as { portfolio: { positions: { value: number | null }[] } };
  const total = data.portfolio.positions.reduce((s, p) => s + (p.value ?? 0), 0);
  const shown = await page.getByTestId('total-value').locator('.card-value').innerText();
  expect(Number(shown.replace(/[^0-9.]/g, ''))).toBeCloseTo(total, 0);

  const rows = page.getByTestId('holdings-table').locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  // Sorted by value, largest first.
  const values = await rows.locator('td:nth-child(4)').allInnerTexts();
  const nums = values.map((v) => Number(v.replace(/[^0-9.]/g, '')));
  expect([...nums].sort((a, b) => b - a)).toEqual(nums);

  // Sorting by asset (keyboard) puts names in order.
  await page.getByRole('button', { name: /^Asset/ }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const assets = await rows.locator('td:first-child strong').allInnerTexts();
  expect(assets).toEqual([...assets].sort());

  await app.screenshot('dashboard');
  await page.getByRole('searchbox', { name: 'Search assets' }).fill('btc');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('BTC');
});

test('keyboard shortcuts switch views', async ({ app }) => {
  await app.open();
  await app.page.keyboard.press('Control+2');
  await expect(app.page.locator('h1')).not.toHaveText('Dashboard');
  await app.page.keyboard.press('Control+1');
  await expect(app.page.locator('h1')).toHaveText('Dashboard');
});

test('settings are validated in main and saved to the settings file', async ({ app }) => {
  await app.open('settings');
  const { page } = app;
  await page.getByLabel('Hide balances worth less than').fill('-5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not valid');

  await page.getByLabel('Hide balances worth less than').fill('25');
  await page.getByRole('combobox', { name: 'Base currency' }).selectOption('EUR');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await app.screenshot('settings');

  const stored = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
    settings: { dustThreshold: number; baseCurrency: string };
  };
  expect(stored.settings.dustThreshold).toBe(25);
  expect(stored.settings.baseCurrency).toBe('EUR');
});

test('the page runs under the strict CSP: no inline scripts, no eval', async ({ app }) => {
  await app.open();
  // Code run by page.evaluate itself is exempt from CSP (DevTools protocol), so the checks below make the
  // page compile code on its own: an injected inline <script> and a string-based timer.
  const result = await app.page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.effectiveDirective}:${e.blockedURI}`),
    );
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean };
    return { inline: w.__inlineRan === true, evaluated: w.__evalRan === true, violations };
  });
  expect(result.inline).toBe(false);
  expect(result.evaluated).toBe(false);
  expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem:inline', 'script-src:eval']));
});

test('the bridge exposes exactly the contract channels and rejects bad payloads with a typed error', async ({
  app,
}) => {
  await app.open();
  const res = await app.page.evaluate(async () => {
    const api = (window as unknown as { ballast: Record<string, (r: unknown) => Promise<unknown>> }).ballast;
    const bad = await api['settings:update']!({ dustThreshold: 'lots', __proto__: { polluted: true } });
    return { keys: Object.keys(api), bad, frozen: Object.isFrozen(api) };
  });
  expect(res.frozen).toBe(true);
  expect(res.keys).toContain('portfolio:get');
  expect(res.bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  expect(JSON.stringify(res.bad)).not.toContain('at ');
});
