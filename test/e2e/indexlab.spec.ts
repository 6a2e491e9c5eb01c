/**
 * Index Lab end to end on the sample prices: simulations run in the built app's Web Worker, results
 * match the engine run directly on the same data, runs compare side by side, a sweep fills a heatmap,
 * "my portfolio" runs, and an exported spec parses with the CLI's spec parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseIndexSpec, simulate } from '../../shared/indexlab';
import type { SavedIndexSpec } from '../../shared/ipc/channels/indexlab';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import { expect, test } from './harness';

const signedPct = (v: number) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;

async function openLab(app: { page: Page; open: (v?: string) => Promise<void> }): Promise<string[]> {
  const workers: string[] = [];
  app.page.on('worker', (w) => workers.push(w.url()));
  await app.open('indexlab');
  await expect(app.page.getByTestId('run-button')).toBeEnabled({ timeout: 20_000 });
  return workers;
}

/** Scrolls the app's content pane so the element starts at the top (for screenshots). */
async function scrollToTop(page: Page, testId: string) {
  await page.evaluate(`document.querySelector('[data-testid="${testId}"]').scrollIntoView({ block: 'start' })`);
}

async function expectDrawn(page: Page, testId: string) {
  const canvas = page.getByTestId(testId).locator('canvas');
  await expect(canvas).toBeVisible();
  const box = await canvas.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(100);
  expect(box?.height ?? 0).toBeGreaterThan(100);
}

test('runs, compares, sweeps, simulates my portfolio and exports a spec the CLI reads', async ({ app }) => {
  const workers = await openLab(app);
  const { page } = app;
  await expect(page.getByTestId('no-run')).toBeVisible();

  // 1. The default index: top 10 by market cap, weekly.
  await page.getByTestId('run-button').click();
  const result = page.getByTestId('run-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  expect(
    workers.some((u) => /indexlab\.worker/.test(u)),
    `workers: ${workers.join(', ')}`,
  ).toBe(true);

  // The numbers are the engine's on the same data (run here, outside the app).
  const view = await app.router('prices:history', undefined);
  if (!view.ok) throw new Error('prices:history failed');
  const data = view.data as PriceHistoryView;
  const expected = simulate({}, { prices: data.history, catalog: data.catalog });
  await expect(page.getByTestId('metric-total-return').locator('.card-value')).toHaveText(
    signedPct(expected.metrics.totalReturn),
  );
  await expect(page.getByTestId('metric-sharpe').locator('.card-value')).toHaveText(
    expected.metrics.sharpe!.toFixed(2),
  );
  await expect(page.getByTestId('metric-max-drawdown')).toContainText('→');
  await expect(page.getByTestId('metric-turnover')).toContainText(`${expected.metrics.rebalances} rebalances`);
  for (const chart of ['chart-equity', 'chart-drawdown', 'chart-weights']) await expectDrawn(page, chart);

  // The rebalance log is collapsed, opens with the keyboard and pages.
  const log = page.getByTestId('rebalance-log');
  await log.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(log.locator('tbody tr')).toHaveCount(12);
  await expect(log.locator('tbody tr').first()).toContainText('initial');
  await log.getByRole('button', { name: 'Next page of the log' }).click();
  await expect(log).toContainText('Page 2 of');
  await log.locator('summary').click();
  await scrollToTop(page, 'run-result');
  await app.screenshot('indexlab');

  // 2. Pin it, run an equal-weight variant and compare.
  await page.getByTestId('pin-run').click();
  await page.getByLabel('Method', { exact: true }).selectOption('equal');
  await page.getByLabel('Name', { exact: true }).fill('Equal weight top 10');
  await page.getByLabel('Name', { exact: true }).press('Enter'); // Enter submits the builder
  await expect(page.getByTestId('run-result').locator('h2')).toHaveText('Equal weight top 10', { timeout: 20_000 });
  await page.getByTestId('pin-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table.locator('thead th')).toHaveCount(3);
  await expect(table.locator('thead')).toContainText('Equal weight top 10');
  const equal = simulate({ weighting: { method: 'equal' } }, { prices: data.history, catalog: data.catalog });
  const returns = table.locator('tbody tr').filter({ hasText: 'Total return' }).locator('td');
  await expect(returns).toContainText([signedPct(expected.metrics.totalReturn), signedPct(equal.metrics.totalReturn)]);
  // The better total return is the highlighted one.
  const bestIndex = expected.metrics.totalReturn >= equal.metrics.totalReturn ? 0 : 1;
  await expect(returns.nth(bestIndex)).toHaveClass(/il-best/);
  await expect(returns.nth(1 - bestIndex)).not.toHaveClass(/il-best/);
  await expectDrawn(page, 'chart-compare');
  await scrollToTop(page, 'compare');
  await app.screenshot('indexlab-compare');

  // 3. A 2 x 3 sweep of the equal-weight index: cadence x fee.
  const sweep = page.getByTestId('sweep');
  await sweep.getByLabel('Parameter').first().selectOption('cadence');
  await sweep.getByLabel('Values').first().fill('weekly, monthly, quarterly');
  await sweep.getByLabel('Parameter').nth(1).selectOption('feeBps');
  await sweep.getByLabel('Values').nth(1).fill('0, 50');
  await page.getByTestId('sweep-run').click();
  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap).toBeVisible({ timeout: 20_000 });
  await expect(heatmap.locator('td.heatmap-cell')).toHaveCount(6);
  await expect(heatmap.locator('td.heatmap-cell.empty')).toHaveCount(0);
  const free = simulate(
    { weighting: { method: 'equal' }, rebalance: { cadence: 'monthly' }, costs: { feeBps: 0 } },
    { prices: data.history, catalog: data.catalog },
  );
  await expect(heatmap.getByLabel(/Fee \(bps\) 0, Cadence monthly: Sharpe/)).toHaveText(
    free.metrics.sharpe!.toFixed(2),
  );
  // Switching the metric redraws without re-running.
  await sweep.getByLabel('Metric').selectOption('maxDrawdown');
  await expect(heatmap.getByLabel(/Fee \(bps\) 0, Cadence monthly: Max drawdown/)).toHaveText(
    `−${(free.metrics.maxDrawdown * 100).toFixed(0)}%`,
  );
  await scrollToTop(page, 'sweep');
  await app.screenshot('indexlab-sweep');

  // 4. My portfolio, weekly.
  await page.getByTestId('my-run').click();
  const mine = page.getByTestId('my-result');
  await expect(mine).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('my-period')).toContainText('365 days');
  await expect(page.getByTestId('my-difference')).toContainText(/did better/);
  await expectDrawn(page, 'chart-my');
  await scrollToTop(page, 'my-portfolio');
  await app.screenshot('indexlab-my');

  // 5. Export the spec: the file is what the CLI's parser accepts.
  await page.getByTestId('export-spec').click();
  await expect(page.getByTestId('builder-message')).toContainText('Spec saved to');
  const exportsDir = join(app.dataDir, 'exports');
  const specFile = readdirSync(exportsDir).find((f) => f.includes('spec') && f.endsWith('.json'));
  expect(specFile).toBeTruthy();
  const parsed = parseIndexSpec(JSON.parse(readFileSync(join(exportsDir, specFile!), 'utf8')));
  expect(parsed.ok).toBe(true);
  if (parsed.ok) {
    expect(parsed.spec.weighting.method).toBe('equal');
    expect(parsed.spec.name).toBe('Equal weight top 10');
  }

  // 6. Nothing is lost on a view switch: the builder and the results come back.
  await page.keyboard.press('Control+1');
  await expect(page.locator('h1')).toHaveText('Dashboard');
  await page.keyboard.press('Control+4');
  await expect(page.locator('h1')).toHaveText('Index Lab');
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('equal');
  await expect(page.getByTestId('run-result').locator('h2')).toHaveText('Equal weight top 10');
  await expect(page.getByTestId('compare-table').locator('thead th')).toHaveCount(3);
  await expect(page.getByTestId('heatmap')).toBeVisible();
});

test('validates inline, imports and saves specs, and cancels a long sweep', async ({ app }) => {
  await openLab(app);
  const { page } = app;

  // Inline validation: nothing runs with a bad field.
  await page.getByLabel('Max weight per asset (%)').fill('150');
  await page.locator('#il-fee').fill('lots');
  await page.getByTestId('run-button').click();
  await expect(page.getByText('must be above 0 and at most 100 (%), or empty for no cap')).toBeVisible();
  await expect(page.getByText('must be a number')).toBeVisible();
  await expect(page.getByTestId('no-run')).toBeVisible();
  await app.screenshot('indexlab-builder');
  await page.getByRole('button', { name: 'Reset to defaults' }).click();

  // Importing an invalid spec names the problem; a valid one fills the builder.
  await page.getByTestId('import-spec').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ weighting: { method: 'magic' } })),
  });
  await expect(page.getByTestId('builder-message')).toContainText('bad.json is not a valid index spec');
  await expect(page.getByTestId('builder-message')).toContainText('weighting.method: must be one of');
  await page.getByTestId('import-spec').setInputFiles({
    name: 'quarterly.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ name: 'Quarterly 5', universe: { type: 'top', n: 5 }, rebalance: { cadence: 'quarterly' } }),
    ),
  });
  await expect(page.locator('#il-cadence')).toHaveValue('quarterly');
  await expect(page.getByLabel('Top N')).toHaveValue('5');

  // Save it under a name: main stores the validated spec.
  await page.getByLabel('Save as').fill('My quarterly');
  await page.getByRole('button', { name: 'Save spec' }).click();
  await expect(page.getByTestId('builder-message')).toContainText('Saved as "My quarterly"');
  const saved = await app.router('indexlab:savedSpecs', undefined);
  expect(saved.ok && (saved.data as SavedIndexSpec[]).map((s) => [s.name, s.spec?.rebalance.cadence])).toEqual([
    ['My quarterly', 'quarterly'],
  ]);
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByLabel('Top N')).toHaveValue('10');
  await page.getByLabel('Saved', { exact: true }).selectOption('My quarterly');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByLabel('Top N')).toHaveValue('5');

  // A long sweep shows progress and can be cancelled; the worker keeps working afterwards.
  const sweep = page.getByTestId('sweep');
  const many = Array.from({ length: 50 }, (_, i) => i * 2).join(', ');
  await sweep.getByLabel('Parameter').first().selectOption('feeBps');
  await sweep.getByLabel('Values').first().fill(many);
  await sweep.getByLabel('Parameter').nth(1).selectOption('slippageBps');
  await sweep.getByLabel('Values').nth(1).fill(many);
  await page.getByTestId('sweep-run').click();
  const progress = page.getByTestId('sweep-progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(sweep).toContainText('of 2500');
  await page.getByTestId('sweep-cancel').click();
  await expect(sweep.getByRole('alert')).toHaveText('Sweep cancelled.');
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('heatmap')).toHaveCount(0);

  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-result').locator('h2')).toHaveText('Quarterly 5', { timeout: 20_000 });
});
