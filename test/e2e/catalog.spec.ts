import { expect, test } from './harness';

test('an asset override set in Settings is listed, changes the breakdown and can be removed', async ({ app }) => {
  await app.open('settings');
  const { page } = app;
  const panel = page.getByTestId('catalog-settings');
  await expect(panel).toContainText('bundled figures');
  await panel.locator('#override-symbol').fill('LINK');
  await panel.getByRole('combobox', { name: 'Sector' }).selectOption('gaming');
  await panel.getByRole('button', { name: 'Save override' }).click();
  await expect(panel.getByRole('status')).toContainText('Override for LINK saved.');
  await expect(panel.getByTestId('overrides-table')).toContainText('gaming');
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot('settings-catalog');

  const view = await app.router('allocation:get', undefined);
  if (!view.ok) throw new Error(view.error.message);
  const gaming = (
    view.data as { breakdown: { bySector: { key: string; positions: { asset: string }[] }[] } }
  ).breakdown.bySector.find((s) => s.key === 'gaming');
  expect(gaming?.positions.map((p) => p.asset)).toContain('LINK');

  await panel.getByRole('button', { name: 'Remove' }).click();
  await expect(panel.getByTestId('overrides-table')).toHaveCount(0);
});
