import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { AllocationView } from '../../shared/ipc/channels/allocation';
import { expect, test, type AppHarness } from './harness';

async function allocation(app: AppHarness): Promise<AllocationView> {
  const r = await app.router('allocation:get', undefined);
  if (!r.ok) throw new Error(`allocation:get failed: ${r.error.message}`);
  return r.data as AllocationView;
}

const pctText = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Switches view through the sidebar, as a user would (the app is already open). */
async function go(app: AppHarness, title: string) {
  await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: title }).click();
  await expect(app.page.locator('h1')).toHaveText(title);
}

test('the breakdown shows a chart and a table per dimension, slice holdings and concentration', async ({ app }) => {
  const data = await allocation(app);
  const b = data.breakdown;
  await app.open('diversification');
  const { page } = app;

  // Concentration cards, from the figures main computed.
  const c = b.concentration;
  await expect(page.getByTestId('card-largest')).toContainText(`${c.largest!.asset} ${pctText(c.largest!.share)}`);
  await expect(page.getByTestId('card-top3')).toContainText(pctText(c.top3Share));
  await expect(page.getByTestId('card-hhi')).toContainText(Math.round(c.hhiPoints).toLocaleString('en-US'));
  await expect(page.getByTestId('card-effective')).toContainText(c.effectiveAssets.toFixed(1));

  const dims = [
    { tab: 'By asset', slices: b.byAsset },
    { tab: 'Market-cap tier', slices: b.byTier },
    { tab: 'Sector', slices: b.bySector },
    { tab: 'Exchange & custody', slices: b.byCustody },
  ];
  const rows = page.getByTestId('slice-table').locator('tbody tr');
  for (const d of dims) {
    await page.getByRole('tab', { name: d.tab }).click();
    await expect(page.getByRole('tab', { name: d.tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('breakdown-chart').locator('canvas')).toBeVisible();
    await expect(rows).toHaveCount(d.slices.length);
    await expect(rows.first()).toContainText(d.slices[0]!.label);
    await expect(rows.first()).toContainText(pctText(d.slices[0]!.share));
  }

  // Clicking a custody row shows what that custody holds.
  const binance = b.byCustody.find((s) => s.custody?.platform === 'binance')!;
  await page.getByRole('button', { name: binance.label }).click();
  const holdings = page.getByTestId('slice-holdings');
  await expect(holdings).toBeVisible();
  await expect(holdings.locator('tbody tr')).toHaveCount(binance.positions.length);
  for (const p of binance.positions) await expect(holdings).toContainText(p.asset);
  await app.screenshot('diversification');

  // Keyboard: arrows move between tabs, Enter on a row's button selects it.
  await page.getByRole('tab', { name: 'Exchange & custody' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Sector' })).toHaveAttribute('aria-selected', 'true');
  await expect(holdings).toBeHidden();
  const meme = b.bySector.find((s) => s.key === 'meme')!;
  await page.getByRole('button', { name: meme.label }).focus();
  await page.keyboard.press('Enter');
  await expect(holdings).toContainText(meme.label);
  for (const p of meme.positions) await expect(holdings).toContainText(p.asset);

  // Clicking the chart selects a slice too.
  await page.getByRole('tab', { name: 'By asset' }).click();
  const canvas = page.getByTestId('breakdown-chart').locator('canvas');
  const box = (await canvas.boundingBox())!;
  // The largest slice starts at 12 o'clock and runs clockwise: click just right of the top.
  await page.mouse.click(box.x + box.width / 2 + 12, box.y + box.height * 0.12);
  await expect(holdings).toContainText(b.byAsset[0]!.label);
});

test('the warnings view lists the sample warnings with their why and a way to tune them', async ({ app }) => {
  const data = await allocation(app);
  await app.open('warnings');
  const { page } = app;
  const items = page.getByTestId('finding');
  await expect(items).toHaveCount(data.findings.length);
  for (const id of ['custody-max', 'small-caps-max', 'meme-max', 'stablecoin-reserve-min']) {
    await expect(page.locator(`[data-testid="finding"][data-rule="${id}"]`)).toHaveCount(1);
  }
  await expect(page.getByTestId('group-info').locator('[data-rule="stablecoin-reserve-min"]')).toBeVisible();
  await expect(page.getByTestId('group-warning').locator('[data-rule="small-caps-max"]')).toBeVisible();

  const small = data.findings.find((f) => f.ruleId === 'small-caps-max')!;
  const item = page.locator('[data-rule="small-caps-max"]');
  await expect(item).toContainText(small.message);
  const toggle = item.getByRole('button', { name: /Why it matters/ });
  await toggle.click();
  await expect(item.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
  await expect(item).toContainText(small.why);
  await expect(item.locator('.figures')).toContainText(pctText(small.numbers['share']!));
  await app.screenshot('warnings');

  // The dashboard shows the top findings and leads to this view.
  await go(app, 'Dashboard');
  const panel = page.getByTestId('warnings-panel');
  await expect(panel.locator('li')).toHaveCount(Math.min(5, data.findings.length));
  await expect(panel).toContainText(data.findings[0]!.title);
  await app.screenshot('dashboard-warnings');
  await panel.getByRole('button', { name: /Warnings|findings/ }).click();
  await expect(page.locator('h1')).toHaveText('Warnings');

  // "Tune this rule" opens Settings at that rule.
  await page
    .locator('[data-rule="small-caps-max"]')
    .getByRole('button', { name: 'Tune this rule in Settings' })
    .click();
  await expect(page.locator('h1')).toHaveText('Settings');
  await expect(page.getByTestId('rule-small-caps-max')).toHaveClass(/highlighted/);
  await expect(page.getByTestId('rule-small-caps-max')).toBeInViewport();
});

test('a threshold changed in Settings changes the warnings', async ({ app }) => {
  await app.open('settings');
  const { page } = app;
  const card = page.getByRole('group', { name: 'Small caps above limit' });
  const warnAbove = card.getByLabel('Warn above');
  await expect(warnAbove).toHaveValue('20');
  await expect(card).toContainText('default 20%');

  // An invalid value is refused with the reason; nothing is saved.
  await warnAbove.fill('150');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card.getByRole('alert')).toContainText('Warn above');
  const stored = () =>
    (JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as { settings: { rules: unknown } }).settings
      .rules;
  expect(stored()).toEqual({});

  await warnAbove.fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card.getByRole('status')).toHaveText('Saved.');
  expect(stored()).toEqual({ 'small-caps-max': { maxShare: 0.3 } });
  await card.scrollIntoViewIfNeeded();
  await app.screenshot('settings-rules');

  await go(app, 'Warnings');
  await expect(page.getByTestId('finding').first()).toBeVisible();
  await expect(page.locator('[data-rule="small-caps-max"]')).toHaveCount(0);
  await expect(page.locator('[data-rule="meme-max"]')).toHaveCount(1);

  // Reset brings it back.
  await go(app, 'Settings');
  await page
    .getByRole('group', { name: 'Small caps above limit' })
    .getByRole('button', { name: 'Reset to defaults' })
    .click();
  await expect(page.getByRole('group', { name: 'Small caps above limit' }).getByLabel('Warn above')).toHaveValue('20');
  await go(app, 'Warnings');
  await expect(page.locator('[data-rule="small-caps-max"]')).toHaveCount(1);
});

test('the Balanced preset shows drift and a plan that exports as CSV', async ({ app }) => {
  await app.open('diversification');
  const { page } = app;
  await page.getByRole('button', { name: /^Balanced/ }).click();
  const drift = page.getByTestId('drift-table');
  await expect(drift).toBeVisible();
  await expect(drift.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('target-sum')).toHaveText('100.00%');
  await expect(page.getByTestId('never-orders')).toContainText('Ballast never places orders');
  const trades = page.getByTestId('plan-trades').locator('tbody tr');
  await expect(trades.first()).toContainText(/sell|buy/);

  await page.getByRole('button', { name: 'Save targets' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Targets saved' })).toBeVisible();
  const saved = await allocation(app);
  expect(saved.targets?.dimension).toBe('tier');
  expect(saved.drift).not.toBeNull();

  // The plan on screen is the one main computes for the saved targets at the chosen fee.
  await page.getByLabel('Fee per trade').fill('25');
  const r = await app.router('allocation:plan', { feeBps: 25 });
  if (!r.ok) throw new Error(r.error.message);
  const plan = r.data as { trades: { asset: string; side: string }[]; totalFees: number };
  await expect(trades).toHaveCount(plan.trades.length);
  await expect(page.getByTestId('plan-fees')).toContainText('0.25% of each trade');
  await page.getByTestId('drift').scrollIntoViewIfNeeded();
  await page.getByTestId('rebalance-plan').scrollIntoViewIfNeeded();
  await app.screenshot('targets-plan');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved \d+ trades to/ })).toBeVisible();
  const dir = join(app.dataDir, 'exports');
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  expect(files).toHaveLength(1);
  const csv = Papa.parse<Record<string, string>>(readFileSync(join(dir, files[0]!), 'utf8'), { header: true });
  expect(csv.meta.fields).toEqual(['side', 'asset', 'amount', 'price', 'value', 'fee', 'group', 'base']);
  expect(csv.data.map((row) => `${row['side']}:${row['asset']}`)).toEqual(
    plan.trades.map((t) => `${t.side}:${t.asset}`),
  );
  for (const row of csv.data) expect(Number(row['fee'])).toBeCloseTo((Number(row['value']) * 25) / 10_000, 6);

  // Drift warnings now follow the saved targets.
  await go(app, 'Warnings');
  const outside = saved.drift!.filter((d) => d.outsideBand).length;
  await expect(page.locator('[data-rule="target-drift"]')).toHaveCount(outside);
});
