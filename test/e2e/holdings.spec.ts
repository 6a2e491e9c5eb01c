import { expect, test } from './harness';

interface ListData {
  wallets: { label: string; holdings: { asset: string; amount: number }[] }[];
}

async function listHoldings(router: (c: unknown, p: unknown) => Promise<{ ok: boolean; data?: unknown }>) {
  const r = await router('holdings:list', undefined);
  if (!r.ok) throw new Error('holdings:list failed');
  const data = r.data as ListData;
  return Object.fromEntries(
    data.wallets.map((w) => [w.label, Object.fromEntries(w.holdings.map((h) => [h.asset, h.amount]))]),
  );
}

test('adds, edits, imports and deletes manual holdings from the dashboard', async ({ app }) => {
  await app.open('dashboard');
  const { page } = app;
  const panel = page.getByTestId('manual-holdings');
  await expect(panel.getByRole('heading', { name: 'Manual holdings' })).toBeVisible();
  await expect(panel.getByTestId('mh-empty')).toBeVisible();

  // Validation happens before anything is sent.
  await panel.getByLabel('Asset').fill('BTC');
  await panel.getByRole('button', { name: 'Add holding' }).click();
  await expect(panel.getByRole('alert')).toContainText('Enter an amount');

  // Add a holding (decimal comma accepted) into a new wallet.
  await panel.getByLabel('Amount').fill('0,5');
  await panel.getByLabel('Wallet or platform').fill('Ledger');
  await panel.getByRole('button', { name: 'Add holding' }).click();
  await expect(panel.getByTestId('mh-status')).toContainText('Added 0.5 BTC to Ledger');
  const btcRow = panel.getByTestId('mh-row-BTC');
  await expect(btcRow).toContainText('0.5');
  expect(await listHoldings(app.router)).toEqual({ Ledger: { BTC: 0.5 } });

  // Inline edit with the keyboard.
  await btcRow.getByRole('button', { name: 'Edit BTC' }).click();
  const amountInput = btcRow.getByRole('textbox', { name: 'Amount of BTC' });
  await expect(amountInput).toBeFocused();
  await amountInput.fill('0.75');
  await amountInput.press('Enter');
  await expect(btcRow).toContainText('0.75');
  expect(await listHoldings(app.router)).toEqual({ Ledger: { BTC: 0.75 } });

  // Import a CSV with one bad row and one duplicate.
  const csv = [
    'Coin;Quantity;Wallet;Note',
    'ETH;4;Ledger;staked',
    'SOL;abc;Ledger;',
    'ADA;1.500,5;Nexo;earning',
    'BTC;0,75;ledger;',
    'eth;9;Ledger;again',
  ].join('\r\n');
  await panel.getByTestId('mh-csv-input').setInputFiles({
    name: 'holdings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
  });
  const preview = panel.getByTestId('mh-preview');
  await expect(preview).toBeVisible();
  const errorRows = preview.getByTestId('mh-error-row');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first()).toContainText('3');
  await expect(errorRows.first()).toContainText('SOL;abc');
  await expect(errorRows.first()).toContainText('not a number');
  await expect(preview.getByTestId('mh-duplicate-row')).toContainText('of line 2');
  await expect(panel.getByTestId('mh-import-summary')).toContainText('3 valid');
  await expect(panel.getByTestId('mh-import-summary')).toContainText('Creates Nexo');
  const importButton = panel.getByRole('button', { name: 'Import 3 valid rows' });
  await expect(importButton).toBeEnabled();
  await importButton.scrollIntoViewIfNeeded();
  await app.screenshot('holdings-import');

  await importButton.click();
  await expect(panel.getByTestId('mh-status')).toContainText('Imported 3 rows');
  await expect(panel.getByTestId('mh-status')).toContainText('2 added, 0 updated, 1 unchanged');
  await expect(panel.getByTestId('mh-preview')).toHaveCount(0);
  await expect(panel.getByTestId('mh-row-ETH')).toContainText('staked');
  await expect(panel.getByRole('article', { name: 'Wallet Nexo' }).getByTestId('mh-row-ADA')).toContainText('1,500.5');
  expect(await listHoldings(app.router)).toEqual({ Ledger: { BTC: 0.75, ETH: 4 }, Nexo: { ADA: 1500.5 } });
  await app.screenshot('holdings');

  // Deleting asks first; cancelling keeps the holding.
  const adaRow = panel.getByTestId('mh-row-ADA');
  await adaRow.getByRole('button', { name: 'Delete ADA' }).click();
  await adaRow.getByRole('button', { name: 'Cancel' }).click();
  await expect(adaRow).toBeVisible();
  await adaRow.getByRole('button', { name: 'Delete ADA' }).click();
  await adaRow.getByRole('group', { name: 'Confirm deleting ADA' }).getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByTestId('mh-row-ADA')).toHaveCount(0);
  expect(await listHoldings(app.router)).toEqual({ Ledger: { BTC: 0.75, ETH: 4 }, Nexo: {} });
});

test('a file without the required columns is refused with an explanation', async ({ app }) => {
  await app.open('dashboard');
  const panel = app.page.getByTestId('manual-holdings');
  await panel.getByTestId('mh-csv-input').setInputFiles({
    name: 'export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,value\nBTC,1\n'),
  });
  await expect(panel.getByRole('alert')).toContainText('asset');
  await expect(panel.getByTestId('mh-preview')).toHaveCount(0);
  expect(await listHoldings(app.router)).toEqual({});
});

test('an amount is read with the user’s separators, and asked about when it reads two ways', async ({ app }) => {
  await app.open('dashboard');
  const { page } = app;
  const panel = page.getByTestId('manual-holdings');
  // The page's locale is en-US: "," groups thousands.
  await panel.getByLabel('Asset').fill('USDT');
  await panel.getByLabel('Amount').fill('1,000');
  await panel.getByLabel('Wallet or platform').fill('Ledger');
  await panel.getByRole('button', { name: 'Add holding' }).click();
  await expect(panel.getByTestId('mh-status')).toContainText('Added 1,000 USDT to Ledger');
  expect(await listHoldings(app.router)).toEqual({ Ledger: { USDT: 1000 } });

  // "1.000" could be a German thousand or one: nothing is saved until the user says which.
  await panel.getByLabel('Asset').fill('ETH');
  await panel.getByLabel('Amount').fill('1.000');
  await panel.getByRole('button', { name: 'Add holding' }).click();
  const problem = panel.getByTestId('amount-problem');
  await expect(problem).toContainText('“1.000” could be 1000 or 1. Which one do you mean?');
  expect(await listHoldings(app.router)).toEqual({ Ledger: { USDT: 1000 } });
  await problem.getByRole('button', { name: '1000' }).click();
  await expect(panel.getByLabel('Amount')).toHaveValue('1000');
  await panel.getByRole('button', { name: 'Add holding' }).click();
  await expect(panel.getByTestId('mh-status')).toContainText('Added 1,000 ETH to Ledger');
  expect(await listHoldings(app.router)).toEqual({ Ledger: { USDT: 1000, ETH: 1000 } });
});
