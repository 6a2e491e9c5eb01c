/**
 * The first run with a real key, through the UI against the exchange emulator: adding a key starts
 * its first sync at once (progress, then the result), and the Dashboard then shows only the user's
 * figures (no sample banner, chart or warnings). Then a BTC base currency: the dust threshold stays
 * in US dollars (no holding vanishes below "1 BTC"), totals keep satoshis, and hidden small balances
 * are counted with a way to show them.
 */
import type { AllocationView } from '../../shared/ipc/channels/allocation';
import { credsOf, TEST_ACCOUNTS, TEST_BALANCES } from '../emulator/fixtures';
import type { AppHarness } from './harness';
import { expect, test } from './exchange-fixture';

async function call<T>(app: AppHarness, channel: string, payload?: unknown): Promise<T> {
  const r = await app.router(channel, payload);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`);
  return r.data as T;
}

const HELD = Object.keys(TEST_BALANCES.binance);

test('a first key is synced at once and replaces the sample everywhere', async ({ app }) => {
  await app.open('keys');
  const { page } = app;
  await expect(page.getByTestId('sample-banner')).toBeVisible();

  const form = page.getByTestId('add-account');
  const key = TEST_ACCOUNTS.binance.read;
  await form.getByRole('combobox', { name: 'Exchange', exact: true }).selectOption('binance');
  await form.getByLabel('Name').fill('Binance main');
  await form.getByLabel('API key').fill(key.apiKey);
  await form.getByLabel('Secret').fill(key.secret);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(page.getByTestId('key-added')).toContainText('verified read-only');

  // The first sync starts by itself and says how it went.
  const progress = page.getByTestId('first-sync');
  await expect(progress).toContainText('Balances synced.');
  await expect(page.getByTestId('sample-banner')).toHaveCount(0);
  // The activity panel follows the sync's calls without a reload.
  await expect(async () => {
    const total = (await call<{ total: number }>(app, 'activity:query', { kind: 'api-call', limit: 1, offset: 0 }))
      .total;
    await expect(page.getByTestId('activity-chart')).toHaveAttribute('aria-label', new RegExp(`: ${total} calls`), {
      timeout: 1500,
    });
  }).toPass({ timeout: 15_000 });
  await progress.getByRole('button', { name: 'See your portfolio on the Dashboard' }).click();
  await expect(page.locator('h1')).toHaveText('Dashboard');

  // Real numbers on every panel: the total, the holdings, the chart and the warnings.
  await expect(page.getByTestId('total-value')).not.toContainText('Syncing');
  await expect(page.getByTestId('total-value')).not.toContainText('$0.00');
  const table = page.getByTestId('holdings-table');
  await expect(table.locator('tbody tr')).toHaveCount(HELD.length);
  for (const asset of HELD) await expect(table).toContainText(asset);
  await expect(page.getByTestId('networth-panel').locator('.tag.info')).toHaveCount(0);
  await expect(page.getByTestId('networth-panel')).not.toContainText('Sample data');
  const mine = await call<AllocationView>(app, 'allocation:get');
  expect(mine.sample).toBe(false);
  const panel = page.getByTestId('warnings-panel');
  if (mine.findings.length > 0) await expect(panel).toContainText(mine.findings[0]!.title);
  else await expect(panel).toContainText('No warnings');
  await app.screenshot('first-run-dashboard');
});

test('a BTC base hides no holding below 1 BTC, keeps satoshis and says which small balances are hidden', async ({
  app,
}) => {
  await call(app, 'accounts:add', {
    exchange: 'binance',
    label: 'Binance main',
    ...credsOf(TEST_ACCOUNTS.binance.read),
  });
  await call(app, 'sync:now', { wait: true });
  await call(app, 'settings:update', { baseCurrency: 'BTC' });
  await app.open('dashboard');
  const { page } = app;
  const table = page.getByTestId('holdings-table');

  // The dust threshold is $1, not 1 BTC: every holding stays.
  await expect(table.locator('tbody tr')).toHaveCount(HELD.length);
  await expect(page.getByTestId('dust-note')).toHaveCount(0);
  // The total in BTC to the satoshi (0.5 BTC alone is held, so it is more than that).
  await expect(page.getByTestId('total-value')).toContainText(/\d\.\d{3,8} BTC/);

  // A threshold above the smallest holdings hides them, and says so.
  await call(app, 'settings:update', { dustThreshold: 2000 });
  const note = page.getByTestId('dust-note');
  await expect(note).toContainText(/\d+ small balances? hidden \(under \$2,000\.00\)/);
  const shown = await table.locator('tbody tr').count();
  expect(shown).toBeLessThan(HELD.length);
  await note.getByRole('button', { name: 'Show them' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(HELD.length);
  await note.getByRole('button', { name: 'Hide them' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(shown);
});

test('with nothing priced, Diversification says where prices come from and links there', async ({ app }) => {
  const wallet = await call<{ id: string }>(app, 'holdings:addWallet', { label: 'Ledger' });
  await call(app, 'holdings:add', { walletId: wallet.id, asset: 'BTC', amount: 0.5 });
  await app.open('diversification');
  const { page } = app;
  const empty = page.getByTestId('breakdown-empty');
  await expect(empty).toContainText('priced from your exchanges’ tickers');
  await empty.getByRole('button', { name: 'add a read-only exchange key in Keys & Activity' }).click();
  await expect(page.locator('h1')).toHaveText('Keys & Activity');
  await expect(page.getByTestId('add-account')).toBeVisible();
});
