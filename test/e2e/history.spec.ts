/**
 * A new Binance account with two years of trades, through the built renderer: its history imported from
 * the account card in Keys & Activity (progress, steps, markets searched, reconciliation), then the
 * Dashboard's net-worth chart from the first deposit with the install marker, the returns card with
 * its three figures and explanations, and the P&L per asset with sparklines. Then an import held at its
 * first pace and cancelled from the card: what was read is kept and the next import goes on.
 */
import { join } from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './harness';
import { startEmulator, type Emulator } from '../emulator/index';
import { credsOf, historyAccounts, testConfig } from '../emulator/fixtures';
import { Vault } from '../../electron/services/vault';

const CANDLE_DAYS = 800;
const HIST = historyAccounts({ now: Date.now(), candleDays: CANDLE_DAYS });
const keychain = await new Vault({ service: 'Ballast E2E', timeoutMs: 20_000 }).available();

test.skip(!keychain.ok, 'needs an OS keychain (run through scripts/with-keyring.sh)');
let emu: Emulator;
test.beforeAll(async () => {
  emu = await startEmulator(testConfig({ candleDays: CANDLE_DAYS, history: HIST }));
});
test.afterAll(async () => {
  await emu.close();
});

test.describe('imported account history', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their arguments
    serviceOptions: async ({}, use) => {
      await use({
        exchangeApiUrls: { binance: emu.urlsFor('binance') },
        exchangeRateLimitMs: 5,
        historyImport: { paceScale: 0, sleep: async () => undefined },
      });
    },
  });

  test('import from the account card, then net worth from the first deposit, returns and P&L', async ({ app }) => {
    test.setTimeout(120_000);
    const ctx = app.services.context;
    ctx.settings.update({ syncIntervalMinutes: 0 });
    const { id } = await ctx.accounts.add({ exchange: 'binance', label: 'Binance main', ...credsOf(HIST.binance) });
    try {
      await ctx.sync.syncNow();
      await app.open('keys');
      const { page } = app;
      const panel = page.getByTestId('history-panel');
      await expect(panel.getByTestId('history-status')).toContainText('Not imported yet');
      await panel.getByTestId('history-import').click();
      await expect(panel.getByTestId('history-status')).toContainText('Imported', { timeout: 60_000 });
      await expect(panel.getByTestId('history-reconciliation')).toContainText('The history explains all');
      await panel.getByText(/What was read/).click();
      await expect(panel.getByTestId('history-markets')).toContainText('BTC/USDT');
      await expect(panel.getByTestId('history-steps')).toContainText('GET /sapi/v1/capital/deposit/hisrec');
      await app.screenshot('keys-history');

      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Dashboard' }).click();
      await page.getByTestId('range-All').click();
      const chart = page.getByTestId('networth-chart');
      await expect(chart).toHaveAttribute(
        'aria-label',
        /all recorded time, in USD, Ballast installed on \d{4}-\d{2}-\d{2}/,
      );
      await expect(page.getByTestId('networth-note')).toContainText('Rebuilt from your imported history before');
      // the series starts on the day of the first deposit, two years back
      const series = await app.router('snapshots:list', { range: 'All' });
      if (!series.ok) throw new Error('snapshots:list failed');
      const first = (series.data as { points: { t: number }[] }).points[0]!.t;
      expect(first).toBe(Math.floor(HIST.binance.generated.firstDepositAt / 86_400_000) * 86_400_000);

      const returns = page.getByTestId('returns-card');
      await returns.getByTestId('returns-All').click();
      for (const k of ['simple', 'twr', 'mwr'])
        await expect(returns.getByTestId(`return-${k}`).locator('.card-value')).toHaveText(/^[+-]?\d+\.\d%$/);
      await expect(returns.getByTestId('return-twr')).toContainText('compare with BTC or an index');
      await expect(returns.getByTestId('returns-illustration')).toContainText(/You added \$[\d,]+ in/);

      const pnl = page.getByTestId('pnl-section');
      await expect(pnl.getByTestId('pnl-table')).toContainText('BTC');
      await expect(pnl.getByTestId('pnl-total')).toBeVisible();
      await expect(pnl.getByRole('img', { name: /BTC price over 90 days: (up|down)/ })).toBeVisible();
      await expect(
        page.getByTestId('holdings-table').getByRole('img', { name: /ETH price over 90 days/ }),
      ).toBeVisible();
      await pnl.getByLabel('Cost basis').selectOption('average');
      await expect(pnl.getByLabel('Cost basis')).toHaveValue('average');
      await app.screenshot('dashboard-history');
      await returns.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-returns.png') });
      await pnl.screenshot({ path: join(SCREENSHOT_DIR, 'dashboard-pnl.png') });
    } finally {
      await ctx.vault.deleteSecret(id).catch(() => false);
    }
  });
});

test.describe('an import cancelled from the account card', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their arguments
    serviceOptions: async ({}, use) => {
      await use({
        exchangeApiUrls: { binance: emu.urlsFor('binance') },
        exchangeRateLimitMs: 5,
        // every pace between two calls waits until the import is cancelled
        historyImport: { sleep: () => new Promise<void>(() => undefined) },
      });
    },
  });

  test('stops after the page in flight, keeps what was read, and offers to continue', async ({ app }) => {
    test.setTimeout(60_000);
    const ctx = app.services.context;
    ctx.settings.update({ syncIntervalMinutes: 0 });
    const { id } = await ctx.accounts.add({ exchange: 'binance', label: 'Binance main', ...credsOf(HIST.binance) });
    try {
      await ctx.sync.syncNow();
      await app.open('keys');
      const panel = app.page.getByTestId('history-panel');
      // from the day of the first deposit, so the first page holds it
      await panel.getByText('Import options').click();
      const firstDay = new Date(HIST.binance.generated.firstDepositAt).toISOString().slice(0, 10);
      await panel.getByLabel('Start from (optional)').fill(firstDay);
      await panel.getByTestId('history-import').click();
      await expect(panel.getByTestId('history-status')).toContainText(/Deposits: 1 page read, [1-9]\d* new entr/);
      await expect(panel.getByRole('progressbar')).toBeVisible();
      await panel.getByTestId('history-cancel').click();
      await expect(panel.getByTestId('history-status')).toContainText(
        /^Cancelled: [1-9]\d* entr(y|ies) since \d{4}-\d{2}-\d{2} kept/,
      );
      await expect(panel.getByTestId('history-import')).toHaveText('Continue import');
      // what the card says was kept is what is stored
      const stored = await ctx.history.store.entries(id);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((e) => e.kind === 'deposit')).toBe(true);
      await expect(panel.getByTestId('history-status')).toContainText(
        `Cancelled: ${stored.length === 1 ? '1 entry' : `${stored.length} entries`} since ${firstDay} kept; the next import goes on from there.`,
      );
    } finally {
      await ctx.vault.deleteSecret(id).catch(() => false);
    }
  });
});
