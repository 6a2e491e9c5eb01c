/** The wallets panel's wording (renderer/src/views/keys/wallet-text.ts). */
import { describe, expect, it } from 'vitest';
import type { WalletView } from '../../shared/wallets';
import {
  networksText,
  tokenText,
  visibleTokens,
  walletChip,
  walletSource,
} from '../../renderer/src/views/keys/wallet-text';

const wallet = (over: Partial<WalletView>): WalletView => ({
  id: 'w1',
  label: 'Ledger',
  kind: 'evm',
  address: '0x8ba1f109551bD432803012645Ac136ddd64DBA72',
  ensName: null,
  extendedKey: null,
  networks: ['ethereum', 'base'],
  createdAt: 0,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  stale: false,
  usedAddresses: null,
  tokens: [],
  ...over,
});

describe('wallet wording', () => {
  it('says how the last sync went', () => {
    expect(walletChip(wallet({}))).toEqual({ text: 'not synced yet', level: 'info' });
    expect(walletChip(wallet({ lastSuccessAt: 1 }))).toEqual({ text: 'up to date', level: 'ok' });
    expect(walletChip(wallet({ lastSuccessAt: 1, lastError: { code: 'timeout', message: 'x' } })).text).toBe('stale');
  });

  it('names the source: the address with its ENS name, or only the short form of an extended key', () => {
    expect(walletSource(wallet({ ensName: 'me.eth' }))).toBe('me.eth (0x8ba1f109551bD432803012645Ac136ddd64DBA72)');
    const x = wallet({
      kind: 'bitcoin',
      address: null,
      extendedKey: { script: 'wpkh', shortForm: 'zpub · fp 01020304', gapLimit: 20 },
    });
    expect(walletSource(x)).toBe('zpub · fp 01020304 · Native SegWit (wpkh, addresses bc1q…)');
    expect(networksText(wallet({}))).toBe('Ethereum, Base');
  });

  it('lists hidden tokens only when asked and marks unpriced ones', () => {
    const tokens = [
      { network: 'solana' as const, asset: 'SOL', name: 'SOL', amount: 2, hidden: false },
      { network: 'solana' as const, asset: null, name: 'SPL Cs8KY3…UhXh', amount: 4.2, hidden: false },
      { network: 'solana' as const, asset: null, name: 'SPL 7q1SYA…Yyqq', amount: 1, hidden: true },
    ];
    expect(visibleTokens(tokens, false)).toHaveLength(2);
    expect(visibleTokens(tokens, true)).toHaveLength(3);
    expect(tokenText(tokens[1]!, String)).toBe('4.2 SPL Cs8KY3…UhXh on Solana (not in the catalog, unpriced)');
    expect(tokenText(tokens[2]!, String)).toMatch(/hidden: probable spam/);
  });
});
