/**
 * Market data end to end, through the UI and the real services: a new user (no holdings) downloads the
 * top 20 from the history emulator (exchanges, Coin Metrics and CoinGecko on 127.0.0.1, serving the shared
 * history), sees the progress, sees each asset with its sources in the Market data view, then runs the
 * default Index Lab index (top 10, market cap, weekly): its result states historical market caps, and a
 * rebalance's members are the top 10 by the shared CSVs' caps of the day before. Cancel stops a slow run.
 * The Network view lists the requests with hosts and purposes. axe-core finds no serious or critical
 * violation in the Market data and Network views.
 * Skips when ../shared/data is absent.
 */
import AxeBuilder from '@axe-core/playwright';
import { DAY_MS } from '../../shared/domain/types';
import { isoDay, simulate } from '../../shared/indexlab';
import type { MarketHistoryCoverage } from '../../shared/ipc/channels/market-history';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import { loadHistoryData, SHARED_DATA_MISSING, type HistoryData } from '../emulator/history-data';
import { fromSharedData, PRICE_SOURCES, startHistoryEmulator, type HistoryEmulator } from '../emulator/history-server';
import { capOn, defaultListings, geckoIds, worldCatalog } from '../emulator/history-world';
import { fixedClock } from '../main/support/clock';
import { expect, test as base } from './harness';

const HISTORY: HistoryData | null = loadHistoryData();
/** The day after the shared history's last day (2021-09-17), at noon UTC. */
const TODAY = Date.UTC(2021, 8, 18) / DAY_MS;
const UNLIMITED = { requests: Number.MAX_SAFE_INTEGER, windowMs: 1 };

const test = base.extend<object, { history: HistoryEmulator | null }>({
  history: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!HISTORY) return use(null);
      const clock = fixedClock(TODAY * DAY_MS + DAY_MS / 2);
      const emu = await startHistoryEmulator({
        data: fromSharedData(HISTORY, geckoIds()),
        listings: defaultListings(HISTORY),
        now: clock.now,
      });
      await use(emu);
      await emu.close();
    },
    { scope: 'worker' },
  ],
  serviceOptions: async ({ history }, use) => {
    if (!history || !HISTORY) return use({});
    await use({
      ...history.options,
      exchangeRateLimitMs: 1,
      catalogBundle: worldCatalog(HISTORY, TODAY - 1),
      now: () => TODAY * DAY_MS + DAY_MS / 2,
      marketHistory: {
        sleep: async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted(),
        retry: { attempts: 3, baseMs: 10, capMs: 50 },
        limits: { coinMetrics: UNLIMITED, coinGecko: UNLIMITED },
      },
    });
  },
});

test.skip(!HISTORY, SHARED_DATA_MISSING);

test('downloads the top 20, lists its sources, and runs a top-10 index on historical caps', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await app.open('market-data');
  await expect(page.getByTestId('md-table')).toContainText('Nothing stored yet');

  await page.getByTestId('md-top-n').fill('20');
  await page.getByTestId('md-update').click();
  const progress = page.getByTestId('md-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).toContainText(/steps/);
  await expect(progress).toContainText(/^Done: (\d+) of \1 steps/, { timeout: 90_000 });

  // Every asset of the top 20 with its price provider and market-cap source (the table is virtualised:
  // the rows in view are in the page, the summary counts them all).
  await expect(page.getByTestId('md-summary')).toContainText('(of 20)', { timeout: 10_000 });
  await expect(page.getByTestId('md-row').first()).toBeVisible();
  const providers = await page.getByTestId('md-provider').allTextContents();
  expect(providers.length).toBeGreaterThanOrEqual(8);
  expect(
    providers.every((p) => / · [A-Z0-9]+\/USDT?$/.test(p)),
    providers.join(', '),
  ).toBe(true);
  const coverage = await app.router('market-history:coverage', undefined);
  if (!coverage.ok) throw new Error('market-history:coverage failed');
  const assets = (coverage.data as MarketHistoryCoverage).assets;
  expect(assets).toHaveLength(20);
  expect(assets.filter((x) => x.provider !== null && x.days > 0).length).toBeGreaterThanOrEqual(18);
  await page.getByLabel('Filter').fill('SOL');
  await expect(page.getByTestId('md-row')).toHaveCount(assets.some((x) => x.symbol === 'SOL') ? 1 : 0);
  await page.getByLabel('Filter').fill('');
  await expect(page.getByTestId('md-row').filter({ hasText: 'BTC' }).first().getByTestId('md-cap')).toContainText(
    'Coin Metrics',
  );
  await expect(page.getByTestId('md-attribution')).toContainText('CC BY-NC 4.0');
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await app.screenshot('market-data');

  // The Index Lab runs the default index (top 10, market cap, weekly) on that history.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Index Lab' }).click();
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('run-button').click();
  const result = page.getByTestId('run-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  const sources = page.getByTestId('run-data-sources');
  await expect(sources).toContainText('Market caps: historical');
  await expect(sources).toContainText("Universe: today's survivors");
  await expect(sources).toContainText('Coin Metrics (market caps)');

  // The app's numbers are the engine's on the same data, and its rankings follow the CSV caps of d - 1.
  const view = await app.router('prices:history', undefined);
  if (!view.ok) throw new Error('prices:history failed');
  const data = view.data as PriceHistoryView;
  expect(data.sample).toBe(true);
  const r = simulate({}, { prices: data.history, catalog: data.catalog, sources: data.sources });
  await expect(page.getByTestId('metric-total-return').locator('.card-value')).toHaveText(
    `${r.metrics.totalReturn > 0 ? '+' : ''}${(r.metrics.totalReturn * 100).toFixed(1)}%`,
  );
  expect(r.data.capSource).toBe('historical');
  expect(r.rebalances.some((x) => x.catalogCaps)).toBe(false);
  const h = HISTORY!;
  const stored = Object.keys(data.history).filter((s) => !data.catalog[s]?.stablecoin);
  for (const k of [0.25, 0.5, 0.75]) {
    const reb = r.rebalances[Math.floor(r.rebalances.length * k)]!;
    const prev = reb.t / DAY_MS - 1;
    const eligible = stored.filter((s) => {
      const series = data.history[s]!;
      const first = Math.floor(series[0]!.t / DAY_MS);
      const last = Math.floor(series[series.length - 1]!.t / DAY_MS);
      return prev - first + 1 >= 30 && prev - last <= 3 && capOn(h, s, prev) !== null;
    });
    const top = eligible.sort((a, b) => capOn(h, b, prev)! - capOn(h, a, prev)!).slice(0, 10);
    expect(Object.keys(reb.weights).sort(), `members on ${reb.date} (caps of ${isoDay(prev * DAY_MS)})`).toEqual(
      top.sort(),
    );
  }

  // The Network view lists the download's requests with their hosts and purposes.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Network' }).click();
  await expect(page.getByTestId('net-row').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('net-totals')).toContainText('127.0.0.1');
  await expect(page.getByTestId('net-totals')).toContainText('Market history (prices)');
  await expect(page.getByTestId('net-totals')).toContainText('Market history (market caps)');
  await page.getByLabel('Purpose', { exact: true }).selectOption('market-caps');
  await expect
    .poll(async () => [...new Set(await page.getByTestId('net-row').locator('td:nth-child(3)').allTextContents())])
    .toEqual(['Market history (market caps)']);
  const netAxe = await new AxeBuilder({ page }).include('main').analyze();
  expect(
    netAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`),
  ).toEqual([]);
});

test('cancels a running update and keeps what was fetched', async ({ app, history }) => {
  test.setTimeout(120_000);
  const { page } = app;
  // Slow prices, so the run is still going when Cancel is pressed.
  for (const source of PRICE_SOURCES) history!.setFault(source, { kind: 'slow', delayMs: 400 });
  try {
    await app.open('market-data');
    await page.getByTestId('md-top-n').fill('40');
    await page.getByTestId('md-update').click();
    await expect(page.getByTestId('md-progress')).toContainText(/steps/, { timeout: 30_000 });
    await expect(page.getByTestId('md-cancel')).toBeEnabled();
    await page.getByTestId('md-cancel').click();
    await expect(page.getByTestId('md-progress')).toContainText(/^Cancelled:/, { timeout: 60_000 });
    await expect(page.getByTestId('md-update')).toBeEnabled();
    const status = await app.router('market-history:status', undefined);
    if (!status.ok) throw new Error('market-history:status failed');
    expect((status.data as { lastRun: { state: string } | null }).lastRun?.state).toBe('cancelled');
  } finally {
    for (const source of PRICE_SOURCES) history!.setFault(source, null);
  }
});
