import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness';

const DAMAGED = '{"settings": {"baseCurrency": "EUR", "hideSmallBalances": 25,';

// The settings file is damaged before the app starts (e.g. a crash or a disk error while it was written).
test.use({ dataDirFiles: { 'settings.json': DAMAGED } });

test('starts on a damaged settings file, shows where the original was kept, and the warning can be dismissed', async ({
  app,
}) => {
  await app.open();
  const { page } = app;
  const backup = readdirSync(app.dataDir).find((f) => f.startsWith('settings.corrupt-'));
  expect(backup).toBeDefined();
  expect(readFileSync(join(app.dataDir, backup!), 'utf8')).toBe(DAMAGED);

  const banner = page.locator('.banner.warning').filter({ hasText: 'settings file could not be read' });
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'status');
  await expect(banner).toContainText(backup!);
  // the app itself works on defaults
  await expect(page.locator('h1')).toHaveText('Dashboard');
  await expect(page.getByTestId('total-value')).toBeVisible();
  await app.screenshot('recovery-notice');

  await banner.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toHaveCount(0);
  const info = await app.router('app:info', undefined);
  expect(info.ok && (info.data as { notices: unknown[] }).notices).toEqual([]);
  // the backup stays where the notice said
  expect(existsSync(join(app.dataDir, backup!))).toBe(true);
});
