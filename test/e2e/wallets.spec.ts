/**
 * Watch-only wallets end to end: in Keys & Activity, add a BIP-84 zpub, an EVM address with a token and a
 * Solana address through the form (keyboard and labels), see a pasted seed phrase refused without being
 * sent, and find the three wallets as on-chain custody in the Diversification breakdown. The providers
 * are the local blockchain emulators; a Binance account on the exchange emulator supplies the prices.
 */
import { startEmulator, type Emulator } from '../emulator/index';
import { credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import { startChainEmulator } from '../emulator/chain-server';
import { BIP84_ZPUB, EVM_ADDRESS, seedChains, SOLANA_ADDRESS } from '../emulator/chain-fixtures';
import type { ChainEmulator } from '../emulator/chain-types';
import { memoryKeytar } from '../main/support/keychain';
import { SECRET_REFUSAL } from '../../shared/wallets/secrets';
import { expect, test } from './harness';

let emu: Emulator;
let chains: ChainEmulator;
test.beforeAll(async () => {
  emu = await startEmulator(testConfig({ candleDays: 60 }));
  chains = await startChainEmulator();
  seedChains(chains);
});
test.afterAll(async () => {
  await emu.close();
  await chains.close();
});
test.use({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their arguments
  serviceOptions: async ({}, use) => {
    await use({
      exchangeApiUrls: { binance: emu.urlsFor('binance') },
      exchangeRateLimitMs: 5,
      vault: { keytar: memoryKeytar(), service: 'Ballast E2E' },
      walletProviderUrls: {
        bitcoin: chains.urls.esplora,
        ethereum: chains.urls.evm(1),
        base: chains.urls.evm(8453),
        solana: chains.urls.solana,
      },
      walletTimeoutMs: 2_000,
    });
  },
});

test('adds an xpub, an EVM address and a Solana address; they show as on-chain custody', async ({ app }) => {
  const ctx = app.services.context;
  ctx.settings.update({ syncIntervalMinutes: 0 });
  await ctx.accounts.add({ exchange: 'binance', label: 'Binance main', ...credsOf(TEST_ACCOUNTS.binance.read) });
  await app.open('keys');
  const { page } = app;
  const form = page.getByTestId('add-wallet');
  await expect(page.getByTestId('wallet-privacy')).toContainText('tells the provider that someone watches it');

  const add = async (kind: string, name: string, input: string, networks?: string[]) => {
    await form.getByLabel('Kind').selectOption({ label: kind });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Public address or key').fill(input);
    if (networks) {
      for (const n of ['Ethereum', 'Arbitrum', 'Base', 'Optimism', 'Polygon', 'BNB Chain']) {
        await form.getByLabel(n, { exact: true }).setChecked(networks.includes(n));
      }
    }
    await form.getByLabel('Public address or key').press('Enter');
    await expect(page.getByTestId('wallet-added')).toHaveText(`Added “${name}”.`, { timeout: 20_000 });
  };

  // A seed phrase is refused in the form and never reaches main.
  await form
    .getByLabel('Public address or key')
    .fill('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about');
  await form.getByRole('button', { name: 'Add wallet' }).click();
  await expect(page.getByTestId('wallet-error')).toHaveText(SECRET_REFUSAL);
  await expect(form.getByLabel('Public address or key')).toHaveValue('');

  await add('Bitcoin (address, xpub/ypub/zpub or descriptor)', 'Cold storage', BIP84_ZPUB);
  await add('EVM address or ENS name (Ethereum, L2s, Polygon, BNB Chain)', 'MetaMask', EVM_ADDRESS, [
    'Ethereum',
    'Base',
  ]);
  await add('Solana address', 'Phantom', SOLANA_ADDRESS);
  const cards = page.getByTestId('wallet-card');
  await expect(cards).toHaveCount(3);
  await expect(cards.filter({ hasText: 'Cold storage' })).toContainText(/zpub · fp [0-9a-f]{8}/);
  await expect(cards.filter({ hasText: 'Cold storage' })).not.toContainText(BIP84_ZPUB.slice(0, 20));
  await expect(cards.filter({ hasText: 'MetaMask' })).toContainText('1,500 USDC on Ethereum');
  await app.screenshot('keys-wallets');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Diversification' }).click();
  await page.getByRole('tab', { name: 'Exchange & custody' }).click();
  const table = page.getByTestId('slice-table');
  for (const label of ['on-chain: Cold storage', 'on-chain: MetaMask', 'on-chain: Phantom', 'Binance main']) {
    await expect(table).toContainText(label);
  }
  await page.getByRole('button', { name: 'on-chain: MetaMask' }).click();
  await expect(page.getByTestId('slice-holdings')).toContainText('USDC');
  await app.screenshot('diversification-onchain');
});
