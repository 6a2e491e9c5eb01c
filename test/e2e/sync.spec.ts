import { expect, test } from './harness';
import { startEmulator, type Emulator } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import type { ServiceContext } from '../../electron/services/context';
import { Vault } from '../../electron/services/vault';

test('dashboard shows the change cards and the sample net-worth chart with range buttons', async ({ app }) => {
  await app.open();
  const { page } = app;
  const changes = await app.router('portfolio:changes', undefined);
  if (!changes.ok) throw new Error('portfolio:changes failed');
  const c = changes.data as { sample: boolean; change24h: { pct: number } | null };
  expect(c.sample).toBe(true);

  await expect(page.getByTestId('change-24h')).toContainText('24h change');
  await expect(page.getByTestId('change-7d')).toContainText('7d change');
  // the card shows the change main computed
  const shown = await page.getByTestId('change-24h').locator('.card-value').innerText();
  expect(Number(shown.replace(/[^0-9.-]/g, ''))).toBeCloseTo((c.change24h?.pct ?? 0) * 100, 1);

  const panel = page.getByTestId('networth-panel');
  await expect(panel).toContainText('Net worth');
  await expect(panel.locator('.tag.info')).toHaveText('sample');
  await expect(panel).toContainText('Sample data');
  await expect(page.getByTestId('networth-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('sample data');

  // range buttons: keyboard-operable, pressed state follows the choice
  await expect(page.getByTestId('range-1M')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('range-1Y').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('range-1Y')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('range-1M')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('networth-chart')).toHaveAttribute('aria-label', /1Y/);
  await page.getByTestId('range-All').click();
  await expect(page.getByTestId('networth-chart')).toHaveAttribute('aria-label', /all recorded time/);
  await page.getByTestId('range-1M').click();
  // One asset's value history over the same range.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('BTC');
  await expect(page.getByTestId('networth-chart')).toHaveAttribute('aria-label', /^BTC value over 1M/);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('');
  await app.screenshot('dashboard-networth');
});

const keychain = await new Vault({ service: 'Ballast E2E', timeoutMs: 20_000 }).available();

/** Adds the emulator's Binance and OKX read keys as "Binance main" and "OKX spot"; their ids go to `ids`. */
async function addBinanceAndOkx(ctx: ServiceContext, ids: string[]): Promise<void> {
  ids.push(
    (await ctx.accounts.add({ exchange: 'binance', label: 'Binance main', ...credsOf(TEST_ACCOUNTS.binance.read) })).id,
  );
  ids.push((await ctx.accounts.add({ exchange: 'okx', label: 'OKX spot', ...credsOf(TEST_ACCOUNTS.okx.read) })).id);
}

test.describe('with the exchange emulator', () => {
  test.skip(!keychain.ok, 'needs an OS keychain (run through scripts/with-keyring.sh)');
  let emu: Emulator;
  test.beforeAll(async () => {
    emu = await startEmulator(testConfig({ candleDays: 120 }));
  });
  test.afterAll(async () => {
    await emu.close();
  });
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their arguments
    serviceOptions: async ({}, use) => {
      await use({
        exchangeApiUrls: { binance: emu.urlsFor('binance'), okx: emu.urlsFor('okx') },
        exchangeRateLimitMs: 5,
        exchangeTimeoutMs: 800,
      });
    },
  });

  test('syncs from the dashboard, shows progress and a stale account with its error', async ({ app }) => {
    const ctx = app.services.context;
    ctx.settings.update({ syncIntervalMinutes: 0 });
    const ids: string[] = [];
    try {
      await addBinanceAndOkx(ctx, ids);
      await app.open();
      const { page } = app;
      await expect(page.getByTestId('sync-accounts').locator('li')).toHaveCount(2);
      await expect(page.getByTestId('sync-accounts')).toContainText('not synced yet');

      emu.setFault('okx', { kind: 'slow', delayMs: 250 });
      await page.getByTestId('sync-now').click();
      await expect(page.getByTestId('sync-now')).toBeDisabled();
      await expect(page.getByTestId('sync-progress')).toBeVisible();
      await expect(page.getByTestId('sync-now')).toBeEnabled({ timeout: 20_000 });
      await expect(page.getByTestId('sync-accounts')).toContainText('up to date');
      await expect(page.getByTestId('total-value')).not.toContainText('$0.00');

      // OKX now fails: its last balances stay, marked stale with the error
      emu.setFault('okx', { kind: 'unauthorized' });
      await page.getByTestId('sync-now').click();
      const okxRow = page.getByTestId(`sync-account-${ids[1]}`);
      await expect(okxRow.locator('.tag.crit')).toHaveText('stale', { timeout: 20_000 });
      await expect(okxRow).toContainText('did not accept the API key');
      await expect(page.getByTestId('networth-panel')).not.toContainText('sample');
      await app.screenshot('dashboard-sync');
    } finally {
      emu.setFault('okx', null);
      for (const id of ids) await ctx.vault.deleteSecret(id).catch(() => false);
    }
  });

  test('a vanished balance waits for confirmation and a banned exchange shows its pause', async ({ app }) => {
    const ctx = app.services.context;
    ctx.settings.update({ syncIntervalMinutes: 0 });
    const ids: string[] = [];
    try {
      await addBinanceAndOkx(ctx, ids);
      await ctx.sync.syncNow();
      emu.setFault('okx', { kind: 'zero-balances' });
      emu.setFault('binance', { kind: 'ip-ban', retryAfter: '600' });
      await ctx.sync.syncNow();

      await app.open();
      const { page } = app;
      const binanceRow = page.getByTestId(`sync-account-${ids[0]}`);
      const okxRow = page.getByTestId(`sync-account-${ids[1]}`);
      await expect(binanceRow.getByTestId('sync-pause')).toHaveText(/^Binance: paused until \d\d:\d\d \(IP ban\)$/);
      await expect(okxRow.locator('.tag.warn')).toHaveText('to confirm');
      await expect(okxRow).toContainText('Every balance of OKX spot read as zero.');
      const total = await page.getByTestId('total-value').textContent();
      expect(total).not.toContain('$0.00');

      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Keys & Activity' }).click();
      const okxCard = page.locator(`[data-account="${ids[1]}"]`);
      await expect(page.locator(`[data-account="${ids[0]}"]`).getByTestId('sync-pause')).toContainText('IP ban');
      await expect(okxCard.getByTestId('sync-confirm')).toContainText('Every balance of OKX spot read as zero.');
      // keyboard: the confirm button takes focus and Enter confirms
      const confirm = okxCard.getByRole('button', { name: 'Confirm empty balance' });
      await confirm.focus();
      await page.keyboard.press('Enter');
      await expect(okxCard.getByTestId('sync-confirm')).toHaveCount(0);
      const okx = ctx.sync.status().accounts.find((a) => a.accountId === ids[1]);
      expect(okx).toMatchObject({ needsConfirmation: null, stale: false });
      await app.screenshot('keys-sync-attention');
    } finally {
      emu.setFault('okx', null);
      emu.setFault('binance', null);
      for (const id of ids) await ctx.vault.deleteSecret(id).catch(() => false);
    }
  });
});
