/**
 * One live state across the app: main's 'portfolio:changed' event makes every mounted view reload from
 * the same revision (no screen mixes the sample with the user's figures), in-app links never reload
 * the page (Index Lab runs survive, back and forward work, the focus moves to the new view's heading),
 * and Settings never drops an edit silently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AllocationView } from '../../shared/ipc/channels/allocation';
import { expect, test, type AppHarness } from './harness';

async function allocation(app: AppHarness): Promise<AllocationView> {
  const r = await app.router('allocation:get', undefined);
  if (!r.ok) throw new Error(`allocation:get failed: ${r.error.message}`);
  return r.data as AllocationView;
}

async function go(app: AppHarness, title: string) {
  await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: title }).click();
  await expect(app.page.locator('h1')).toHaveText(title);
}

test('a first manual holding replaces the sample on every panel of the dashboard at once', async ({ app }) => {
  await app.open('dashboard');
  const { page } = app;
  const sample = await allocation(app);
  expect(sample.findings.length).toBeGreaterThan(0);
  const panel = page.getByTestId('warnings-panel');
  await expect(panel).toContainText(sample.findings[0]!.title);
  await expect(page.getByTestId('networth-panel').locator('.tag.info')).toHaveText('sample');

  const form = page.getByTestId('manual-holdings');
  await form.getByLabel('Asset').fill('ETH');
  await form.getByLabel('Amount').fill('2');
  await form.getByLabel('Wallet or platform').fill('Ledger');
  await form.getByRole('button', { name: 'Add holding' }).click();
  await expect(form.getByTestId('mh-status')).toContainText('Added 2 ETH to Ledger');

  // Every panel now shows the user's portfolio: no banner, no sample chart, the user's warnings.
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
  await expect(page.getByTestId('networth-panel').locator('.tag.info')).toHaveCount(0);
  await expect(page.getByTestId('networth-panel')).not.toContainText('Sample data');
  const mine = await allocation(app);
  expect(mine.sample).toBe(false);
  for (const f of sample.findings.slice(0, 5)) {
    if (!mine.findings.some((m) => m.title === f.title)) await expect(panel).not.toContainText(f.title);
  }
  await expect(panel.locator('li')).toHaveCount(Math.min(5, mine.findings.length));
  await expect(page.getByTestId('holdings-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('holdings-table')).toContainText('ETH');
});

test('views follow a change made elsewhere without being switched', async ({ app }) => {
  await app.open('warnings');
  const { page } = app;
  const before = await allocation(app);
  await expect(page.getByTestId('finding')).toHaveCount(before.findings.length);
  await expect(page.locator('[data-rule="small-caps-max"]')).toHaveCount(1);

  // A change main makes on its own (as a sync, a CSV import or another window would).
  app.services.context.settings.update({ rules: { 'small-caps-max': { enabled: false } } });
  await expect(page.locator('[data-rule="small-caps-max"]')).toHaveCount(0);
  await expect(page.getByTestId('finding')).toHaveCount(before.findings.length - 1);
  const changes = app.events.filter((e) => e.event === 'portfolio:changed');
  expect(changes.at(-1)?.payload).toMatchObject({ reason: 'settings', sample: true });
});

test('in-app links stay in the page: Index Lab runs survive, back and forward work, focus moves', async ({ app }) => {
  await app.open('indexlab');
  const { page } = app;
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 20_000 });
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('pin-run').click();
  await expect(page.getByTestId('compare')).toBeVisible();
  // A marker that a reload would wipe.
  await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 1));

  await go(app, 'Dashboard');
  await expect(page.locator('h1')).toBeFocused();
  await page
    .getByTestId('warnings-panel')
    .getByRole('button', { name: /Warnings|findings/ })
    .click();
  await expect(page.locator('h1')).toHaveText('Warnings');
  await expect(page).toHaveURL(/#warnings$/);
  await page
    .locator('[data-rule="small-caps-max"]')
    .getByRole('button', { name: 'Tune this rule in Settings' })
    .click();
  await expect(page.locator('h1')).toHaveText('Settings');
  await expect(page.getByTestId('rule-small-caps-max')).toHaveClass(/highlighted/);

  await page.goBack();
  await expect(page.locator('h1')).toHaveText('Warnings');
  await page.goBack();
  await expect(page.locator('h1')).toHaveText('Dashboard');
  await page.goBack();
  await expect(page.locator('h1')).toHaveText('Index Lab');
  await expect(page.getByTestId('run-result')).toBeVisible();
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.goForward();
  await expect(page.locator('h1')).toHaveText('Dashboard');
  expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1);
});

test('an unsaved rule threshold is never dropped silently when leaving Settings', async ({ app }) => {
  await app.open('settings');
  const { page } = app;
  const stored = () =>
    (JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { settings: { rules: unknown } }).settings
      .rules;
  const card = page.getByRole('group', { name: 'Small caps above limit' });
  await card.getByLabel('Warn above').fill('30');
  await expect(page.getByTestId('unsaved-count')).toHaveText('1 unsaved change');

  // Leaving asks; staying keeps the edit.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Warnings' }).click();
  const dialog = page.getByTestId('leave-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('not saved');
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page.locator('h1')).toHaveText('Settings');
  await expect(card.getByLabel('Warn above')).toHaveValue('30');

  // Back and forward ask too; "Save and leave" saves, then leaves.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Warnings' }).click();
  await dialog.getByRole('button', { name: 'Save and leave' }).click();
  await expect(page.locator('h1')).toHaveText('Warnings');
  expect(stored()).toEqual({ 'small-caps-max': { maxShare: 0.3 } });
  await expect(page.locator('[data-rule="small-caps-max"]')).toHaveCount(0);

  // Discarding is a choice too, and then nothing is saved.
  await go(app, 'Settings');
  await card.getByLabel('Warn above').fill('45');
  await page.goBack();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.locator('h1')).toHaveText('Warnings');
  expect(stored()).toEqual({ 'small-caps-max': { maxShare: 0.3 } });
});
