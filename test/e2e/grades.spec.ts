import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeDetail, GradeRow, GradesList } from '../../shared/ipc/channels/grades';
import { expect, test, type AppHarness } from './harness';

async function gradesList(app: AppHarness): Promise<GradesList> {
  const r = await app.router('grades:list', undefined);
  if (!r.ok) throw new Error(`grades:list failed: ${r.error.message}`);
  return r.data as GradesList;
}

async function gradeDetail(app: AppHarness, symbol: string): Promise<GradeDetail> {
  const r = await app.router('grades:detail', { symbol });
  if (!r.ok) throw new Error(`grades:detail failed: ${r.error.message}`);
  return r.data as GradeDetail;
}

// Tall enough for the whole view in one screenshot (the content pane scrolls on its own).
test.use({ viewport: { width: 1360, height: 2200 } });

function symbolsOf(rows: GradeRow[]): string[] {
  return rows.map((r) => r.symbol).sort();
}

test('lists the grades of the holdings, filters them and plots the quadrant', async ({ app }) => {
  await app.open('grades');
  const { page } = app;
  const data = await gradesList(app);
  const rows = page.getByTestId('grades-table').locator('tbody tr');
  const shownSymbols = async () =>
    (
      await rows.locator('[data-symbol]').evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol') ?? ''))
    ).sort();

  // My holdings first, each with its grades as main computed them.
  const held = data.rows.filter((r) => r.held);
  expect(held.length).toBeGreaterThan(5);
  await expect(rows).toHaveCount(held.length);
  expect(await shownSymbols()).toEqual(symbolsOf(held));
  for (const r of held) {
    const row = rows.filter({ has: page.locator(`[data-symbol="${r.symbol}"]`) });
    const cells = row.locator('td');
    await expect(cells.nth(2)).toContainText(r.trader === null ? 'insufficient history' : String(Math.round(r.trader)));
    await expect(cells.nth(3)).toContainText(
      r.investor === null ? 'insufficient history' : String(Math.round(r.investor)),
    );
  }
  await expect(page.getByTestId('grades-scatter').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('grade-split')).toContainText(data.split.reading);
  await app.screenshot('grades');

  // All assets with history.
  await page.getByRole('button', { name: 'All assets with history' }).click();
  const all = data.rows.filter((r) => r.haveDays > 0);
  await expect(rows).toHaveCount(all.length);

  // "Trader >= 80": exactly the assets main grades strong on the Trader Grade.
  await page.getByRole('button', { name: 'Trader ≥ 80' }).click();
  const strong = all.filter((r) => r.trader !== null && r.trader >= 80);
  if (strong.length === 0) {
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('No assets match these filters.');
  } else {
    await expect(rows).toHaveCount(strong.length);
    expect(await shownSymbols()).toEqual(symbolsOf(strong));
  }
  await page.getByRole('button', { name: 'Trader ≥ 80' }).click();
  await expect(rows).toHaveCount(all.length);

  // A threshold that splits the sample: the median Trader Grade.
  const traders = all.flatMap((r) => (r.trader === null ? [] : [r.trader])).sort((a, b) => a - b);
  const threshold = Math.round(traders[Math.floor(traders.length / 2)]!);
  await page.getByTestId('filter-trader-min').fill(String(threshold));
  const above = all.filter((r) => r.trader !== null && r.trader >= threshold);
  expect(above.length).toBeGreaterThan(0);
  expect(above.length).toBeLessThan(all.length);
  await expect(rows).toHaveCount(above.length);
  expect(await shownSymbols()).toEqual(symbolsOf(above));
  await expect(page.getByTestId('grades-count')).toContainText(`Showing ${above.length} of ${all.length}`);

  // Plus an Investor Grade ceiling and a text search.
  const investors = above.flatMap((r) => (r.investor === null ? [] : [r.investor])).sort((a, b) => a - b);
  const ceiling = Math.round(investors[Math.floor(investors.length / 2)]!);
  await page.getByTestId('filter-investor-max').fill(String(ceiling));
  const both = above.filter((r) => r.investor !== null && r.investor <= ceiling);
  await expect(rows).toHaveCount(both.length);
  expect(await shownSymbols()).toEqual(symbolsOf(both));
  const target = both[0]!;
  await page.getByRole('searchbox', { name: 'Search assets' }).fill(target.name.toLowerCase());
  await expect(rows.locator('[data-symbol]')).toHaveCount(
    both.filter(
      (r) =>
        r.name.toLowerCase().includes(target.name.toLowerCase()) ||
        r.symbol.toLowerCase().includes(target.name.toLowerCase()),
    ).length,
  );
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(rows).toHaveCount(all.length);

  // "How grades work" lists every factor with its weight, from the engine's definitions.
  const how = page.getByTestId('grades-how');
  await how.locator('summary').click();
  for (const f of [...data.factors.trader, ...data.factors.investor]) {
    const row = how.locator('tbody tr').filter({ hasText: f.label });
    await expect(row.first()).toContainText(`${Math.round(f.weight * 100)}%`);
  }
  await how.scrollIntoViewIfNeeded();
  await app.screenshot('grades-how');
});

test('opens a token’s factor breakdown from the table with the keyboard, and Escape closes it', async ({ app }) => {
  await app.open('grades');
  const { page } = app;
  const d = await gradeDetail(app, 'BTC');
  if (d.trader.grade === null || d.investor.grade === null) throw new Error('BTC should have both grades');

  const open = page.locator('[data-symbol="BTC"]');
  await open.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('grade-detail');
  await expect(detail).toBeVisible();
  await expect(page.getByTestId('grades-list')).toBeHidden();
  await expect(detail.getByRole('heading', { level: 2 }).first()).toContainText('BTC');
  await expect(page.getByTestId('detail-reading')).toHaveText(d.quadrant.reading);

  const traderRows = page.getByTestId('factors-trader').locator('.factor-row');
  const investorRows = page.getByTestId('factors-investor').locator('.factor-row');
  await expect(traderRows).toHaveCount(d.trader.factors.length);
  await expect(investorRows).toHaveCount(d.investor.factors.length);
  for (const [i, f] of d.trader.factors.entries()) {
    await expect(traderRows.nth(i)).toContainText(f.label);
    await expect(traderRows.nth(i)).toContainText(f.explanation.replace(/ -> /g, ' → '));
  }
  for (const [i, f] of d.investor.factors.entries()) await expect(investorRows.nth(i)).toContainText(f.label);
  await expect(page.getByTestId('detail-trader-grade')).toHaveText(String(Math.round(d.trader.grade)));
  await expect(page.getByTestId('detail-investor-grade')).toHaveText(String(Math.round(d.investor.grade)));
  await expect(page.getByTestId('detail-price-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('detail-history-chart').locator('canvas')).toBeVisible();
  await app.screenshot('grades-detail');

  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(page.getByTestId('grades-list')).toBeVisible();
  await expect(open).toBeFocused();

  // A mouse click on a row opens it too; the Back button returns.
  const eth = page
    .getByTestId('grades-table')
    .locator('tbody tr')
    .filter({ has: page.locator('[data-symbol="ETH"]') });
  await eth.locator('td').nth(1).click();
  await expect(detail.getByRole('heading', { level: 2 }).first()).toContainText('ETH');
  await page.getByTestId('detail-back').click();
  await expect(page.getByTestId('grades-list')).toBeVisible();
});

test('changes the target split and keeps it', async ({ app }) => {
  await app.open('grades');
  const { page } = app;
  await expect(page.getByTestId('split-target-trader')).toHaveText('target 30%');

  await page.getByTestId('split-edit').click();
  const input = page.getByTestId('split-trader-input');
  await input.fill('150');
  await page.getByRole('button', { name: 'Save target' }).click();
  await expect(page.getByTestId('grade-split').getByRole('alert')).toBeVisible();

  await input.fill('40');
  await expect(page.getByTestId('split-investor-preview')).toContainText('60%');
  await page.getByRole('button', { name: 'Save target' }).click();
  await expect(page.getByTestId('split-target-trader')).toHaveText('target 40%');
  await expect(page.getByTestId('split-target-investor')).toHaveText('target 60%');

  const stored = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8')) as {
    settings: { gradeSplit: { trader: number; investor: number } };
  };
  expect(stored.settings.gradeSplit).toEqual({ trader: 0.4, investor: 0.6 });
  const data = await gradesList(app);
  expect(data.split.target).toEqual({ trader: 0.4, investor: 0.6 });
  await expect(page.getByTestId('split-reading')).toHaveText(data.split.reading);

  // Still there after a reload.
  await page.reload();
  await expect(page.getByTestId('split-target-trader')).toHaveText('target 40%');
});

test('shows how the grades have done on the price history in use, with its sample sizes and caveat', async ({
  app,
}) => {
  await app.open('grades');
  const { page } = app;
  const panel = page.getByTestId('grades-report-panel');
  await expect(page.getByTestId('grades-report')).toHaveCount(0);
  // Opened with the keyboard: the measurement is asked for only then.
  await panel.locator('summary').focus();
  await page.keyboard.press('Enter');
  const report = page.getByTestId('grades-report');
  await expect(report).toBeVisible();
  const r = await app.router('grades:report', undefined);
  if (!r.ok) throw new Error(`grades:report failed: ${r.error.message}`);
  const card = r.data as import('../../shared/ipc/channels/grades').GradesReportView;
  await expect(page.getByTestId('report-basis')).toContainText('generated sample');
  await expect(page.getByTestId('report-basis')).toContainText(`${card.assets.trader} tokens`);
  await expect(page.getByTestId('report-reading-trader')).toHaveText(card.readings.trader);
  await expect(page.getByTestId('report-reading-investor')).toHaveText(card.readings.investor);
  // One row per bucket, with the number of token-days each rests on.
  const investorRows = page.getByTestId('report-buckets-investor').locator('tbody tr');
  await expect(investorRows).toHaveCount(3);
  await expect(investorRows.first()).toContainText(card.investor[0]!.buckets.strong.n.toLocaleString('en-US'));
  await expect(page.getByTestId('report-ic-trader').locator('tbody tr')).toHaveCount(2);
  await app.screenshot('grades-report');
});
