/**
 * Keys & Activity through the UI, with the real services, the OS keychain (run inside
 * `bash scripts/with-keyring.sh`) and the real ccxt clients talking to the local exchange emulator.
 */
import type { AccountSpec } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS } from '../emulator/fixtures';
import { SECOND_BINANCE_READ_KEY as BINANCE_READ_2 } from '../main/support/keys';
import { expect, test } from './exchange-fixture';

test('add a read-only key, see it verified and its activity, rotate it and revoke it', async ({ app }) => {
  await app.open('keys');
  const { page } = app;
  const key = TEST_ACCOUNTS.binance.read;
  await expect(page.getByTestId('keys-empty')).toBeVisible();

  const form = page.getByTestId('add-account');
  const exchange = form.getByRole('combobox', { name: 'Exchange', exact: true });
  // A passphrase field only for exchanges that need one; each exchange's own advice next to the form.
  await exchange.selectOption('okx');
  await expect(form.getByLabel('Passphrase')).toBeVisible();
  await expect(page.getByTestId('key-guidance')).toContainText('On OKX');
  await exchange.selectOption('binance');
  await expect(form.getByLabel('Passphrase')).toHaveCount(0);
  await expect(page.getByTestId('key-guidance')).toContainText('Enable Reading');

  await form.getByLabel('Name').fill('Binance main');
  await form.getByLabel('API key').fill(key.apiKey);
  await form.getByLabel('Secret').fill(key.secret);
  await expect(form.getByLabel('Secret')).toHaveAttribute('type', 'password');
  await expect(form.getByLabel('Secret')).toHaveAttribute('autocomplete', 'off');
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(page.getByTestId('key-added')).toContainText('verified read-only');
  // The new key's first sync runs at once: its calls are in the log once it is done.
  await expect(page.getByTestId('first-sync')).toContainText('Balances synced.');

  // The credential fields are cleared and nothing on the page shows them.
  await expect(form.getByLabel('API key')).toHaveValue('');
  await expect(form.getByLabel('Secret')).toHaveValue('');
  const html = await page.content();
  expect(html).not.toContain(key.secret);
  expect(html).not.toContain(key.apiKey);

  const card = page.getByTestId('key-card').filter({ hasText: 'Binance main' });
  await expect(card.getByTestId('key-status')).toContainText('✓ Read-only');
  await expect(card).toContainText(`…${key.apiKey.slice(-4)}`);
  await expect(card).toContainText('rotate in 90 days');

  // Re-verify: another check with the exchange, logged.
  await card.getByRole('button', { name: 'Re-verify' }).click();
  await expect(card.getByTestId('key-message')).toContainText('verified read-only');

  // Activity: the permission checks and the lifecycle events, the chart and the intact chain.
  const activity = page.getByTestId('activity');
  const table = page.getByTestId('activity-table');
  await expect(table).toContainText('Key added');
  await expect(table).toContainText('Key verified');
  await expect(table).toContainText('/sapi/v1/account/apiRestrictions');
  // The key's check ran before the account existed; it is listed as a key check (a sync may follow).
  await expect(table.locator('tbody tr[data-kind="api-call"]').filter({ hasText: 'Key check' }).first()).toBeVisible();
  const chart = page.getByTestId('activity-chart');
  await expect(chart.locator('canvas')).toBeVisible();
  const calls = await app.router('activity:query', { kind: 'api-call', limit: 1, offset: 0 });
  if (!calls.ok) throw new Error('activity:query failed');
  const callCount = (calls.data as { total: number }).total;
  expect(callCount).toBeGreaterThan(1);
  await expect(chart).toHaveAttribute('aria-label', new RegExp(`: ${callCount} calls, 0 errors`));
  await expect(page.getByTestId('chain-status')).toContainText('Log intact');

  // Filters: lifecycle events only, then a text search on the endpoint.
  await activity.getByRole('combobox', { name: 'Kind' }).selectOption('lifecycle');
  await expect(table.locator('tbody tr[data-kind="api-call"]')).toHaveCount(0);
  await expect(table).toContainText('Key added');
  await activity.getByRole('combobox', { name: 'Kind' }).selectOption('');
  // The permission checks of the key (when added, re-verified, and at each sync), and nothing else.
  const checks = await app.router('activity:query', { search: 'apiRestrictions', limit: 1, offset: 0 });
  if (!checks.ok) throw new Error('activity:query failed');
  const checkCount = (checks.data as { total: number }).total;
  expect(checkCount).toBeGreaterThan(1);
  await activity.getByLabel('Endpoint contains').fill('apiRestrictions');
  await expect(table.locator('tbody tr')).toHaveCount(checkCount);
  await activity.getByLabel('Endpoint contains').fill('');
  await activity.scrollIntoViewIfNeeded();
  await app.screenshot('keys-activity');

  // Rotate to a new read-only key: same account, new fingerprint, history kept.
  const id = await card.getAttribute('data-account');
  await card.getByRole('button', { name: 'Rotate key' }).click();
  const rotate = card.locator('form.rotate-form');
  await rotate.getByLabel('New API key').fill(BINANCE_READ_2.apiKey);
  await rotate.getByLabel('Secret').fill(BINANCE_READ_2.secret);
  await rotate.getByRole('button', { name: 'Rotate key' }).click();
  await expect(card.getByTestId('key-message')).toContainText('Key rotated');
  await expect(card).toContainText(`…${BINANCE_READ_2.apiKey.slice(-4)}`);
  expect(await card.getAttribute('data-account')).toBe(id);
  await expect(table).toContainText('Key rotated');
  await expect(table).toContainText('Key added');
  expect(await app.services.context.vault.getSecret(id!)).toEqual(credsOf(BINANCE_READ_2));

  // Revoke: Escape keeps the key; confirming (keyboard only) removes it from the keychain.
  await card.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('key-status')).toContainText('Read-only');

  await card.getByRole('button', { name: 'Revoke…' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Revoke key' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('key-status')).toContainText('Revoked');
  await expect(card.getByRole('button', { name: 'Rotate key' })).toHaveCount(0);
  await expect(table).toContainText('Key revoked');
  expect(await app.services.context.vault.getSecret(id!)).toBeNull();

  // A revoked key can then be removed from the list; its activity stays and the log still verifies.
  await card.getByRole('button', { name: 'Remove…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Remove “Binance main” from the list?');
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('key-card')).toHaveCount(0);
  await expect(page.getByTestId('keys-empty')).toBeVisible();
  await expect(table).toContainText('Key revoked');
  await expect(page.getByTestId('chain-status')).toContainText('Log intact');
});

test('a trade key needs explicit acceptance; a withdraw key is refused', async ({ app }) => {
  // One read-only account already there, added through main directly.
  const added = await app.router('accounts:add', {
    exchange: 'okx',
    label: 'OKX savings',
    ...credsOf(TEST_ACCOUNTS.okx.read),
  });
  expect(added.ok).toBe(true);

  await app.open('keys');
  const { page } = app;
  const form = page.getByTestId('add-account');
  const fill = async (label: string, spec: AccountSpec) => {
    await form.getByRole('combobox', { name: 'Exchange', exact: true }).selectOption('binance');
    await form.getByLabel('Name').fill(label);
    await form.getByLabel('API key').fill(spec.apiKey);
    await form.getByLabel('Secret').fill(spec.secret);
    await form.getByRole('button', { name: 'Verify and add' }).click();
  };

  // Withdraw: a clear refusal, nothing stored.
  await fill('Risky', TEST_ACCOUNTS.binance.withdraw);
  await expect(page.getByTestId('key-error')).toContainText('can withdraw funds');
  await expect(page.getByTestId('key-error')).toHaveAttribute('role', 'alert');
  await expect(form.getByLabel('Secret')).toHaveValue('');
  await expect(page.getByTestId('key-card')).toHaveCount(1);

  // Trade: a prominent warning and an explicit "add it anyway".
  const trade = TEST_ACCOUNTS.binance.trade;
  await fill('Binance trading', trade);
  const warning = page.getByTestId('trade-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('This key can place orders');
  await expect(form.getByLabel('API key')).toHaveValue('');
  await expect(form.getByLabel('Secret')).toHaveValue('');
  await expect(page.getByTestId('key-card')).toHaveCount(1);
  await form.scrollIntoViewIfNeeded();
  await app.screenshot('keys-add');

  await warning.getByRole('button', { name: 'I understand, add it anyway' }).click();
  await expect(page.getByTestId('key-added')).toContainText('can place orders');
  const card = page.getByTestId('key-card').filter({ hasText: 'Binance trading' });
  await expect(card.getByTestId('key-status')).toContainText('⚠ Can trade (accepted)');
  await expect(card.locator('.key-hints [data-code="trade-enabled"]')).toBeVisible();
  expect(await page.content()).not.toContain(trade.secret);

  await page.getByRole('heading', { name: 'Exchange keys' }).scrollIntoViewIfNeeded();
  await app.screenshot('keys');
});

test('a rejected key stays in the form to be corrected, and the message names the exchange', async ({ app }) => {
  await app.open('keys');
  const { page } = app;
  const form = page.getByTestId('add-account');
  const key = TEST_ACCOUNTS.binance.read;
  await form.getByRole('combobox', { name: 'Exchange', exact: true }).selectOption('binance');
  await form.getByLabel('API key').fill(key.apiKey);
  // One wrong character at the end of the secret.
  await form.getByLabel('Secret').fill(`${key.secret.slice(0, -1)}x`);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  const error = page.getByTestId('key-error');
  await expect(error).toContainText(
    'Binance rejected this API key. Check that the API key and secret were copied completely',
  );
  await expect(form.getByLabel('API key')).toHaveValue(key.apiKey);
  await expect(form.getByLabel('Secret')).toHaveValue(`${key.secret.slice(0, -1)}x`);
  await expect(page.getByTestId('key-card')).toHaveCount(0);

  // Fixing the one character is enough.
  await form.getByLabel('Secret').press('End');
  await form.getByLabel('Secret').press('Backspace');
  await form.getByLabel('Secret').press(key.secret.at(-1)!);
  await form.getByRole('button', { name: 'Verify and add' }).click();
  await expect(page.getByTestId('key-added')).toContainText('verified read-only');
  await expect(form.getByLabel('Secret')).toHaveValue('');
});
