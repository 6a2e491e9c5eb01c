/**
 * Tokens of watch-only wallets: the spam rule (shared/wallets/spam.ts), the mapping of a token list to
 * catalog assets (shared/wallets/token-map.ts) and the bundled mapping (assets/token-map.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entriesFromTokenList, isSpamToken, tokenIndex, tokenMapSchema } from '../../shared/wallets';

const facts = (over: Partial<Parameters<typeof isSpamToken>[0]>) => ({
  known: false,
  name: 'Some Token',
  symbol: 'SOME',
  decimals: 6,
  amount: 10,
  ...over,
});

describe('spam rule', () => {
  it('hides web addresses, calls to action and zero-decimal unknowns', () => {
    expect(isSpamToken(facts({ name: 'Visit www.free-tokens.io to claim' }))).toBe(true);
    expect(isSpamToken(facts({ symbol: 'claim-rewards.xyz' }))).toBe(true);
    expect(isSpamToken(facts({ name: 'USDC Airdrop voucher' }))).toBe(true);
    expect(isSpamToken(facts({ decimals: 0, amount: 1 }))).toBe(true);
    expect(isSpamToken(facts({}))).toBe(false);
  });
  it('never hides a token the list knows', () => {
    expect(isSpamToken(facts({ known: true, name: 'Claim www.x.com', decimals: 0 }))).toBe(false);
  });
});

describe('token list mapping', () => {
  const catalog = new Set(['ETH', 'USDC', 'BNB']);
  const list = {
    tokens: [
      { chainId: 1, address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', name: 'USDC', decimals: 6 },
      {
        chainId: 1,
        address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
        symbol: 'WETH',
        name: 'Wrapped Ether',
        decimals: 18,
      },
      {
        chainId: 42161,
        address: '0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8',
        symbol: 'USDC.e',
        name: 'Bridged USDC',
        decimals: 6,
      },
      {
        chainId: 56,
        address: '0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c',
        symbol: 'WBNB',
        name: 'Wrapped BNB',
        decimals: 18,
      },
      { chainId: 1, address: '0x1111111111111111111111111111111111111111', symbol: 'ODD', name: 'Odd', decimals: 18 },
      {
        chainId: 43114,
        address: '0x2222222222222222222222222222222222222222',
        symbol: 'USDC',
        name: 'Other chain',
        decimals: 6,
      },
      { chainId: 1, address: 'bad', symbol: 'BAD', name: 'Bad', decimals: 18 },
    ],
  };

  it('maps listed tokens of the supported chains to catalog assets (wrapped and bridged ones too)', () => {
    const entries = entriesFromTokenList(list, catalog);
    expect(entries.map((e) => [e.network, e.symbol, e.asset])).toEqual([
      ['ethereum', 'USDC', 'USDC'],
      ['ethereum', 'WETH', 'ETH'],
      ['arbitrum', 'USDC.e', 'USDC'],
      ['bsc', 'WBNB', 'BNB'],
      ['ethereum', 'ODD', null],
    ]);
    const find = tokenIndex(entries);
    expect(find('ethereum', '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')?.asset).toBe('USDC');
    expect(find('base', '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')).toBeNull();
    expect(() => entriesFromTokenList({ not: 'a list' }, catalog)).toThrow();
  });

  it('bundles a valid mapping with the major tokens of every network', () => {
    const map = tokenMapSchema.parse(
      JSON.parse(readFileSync(join(import.meta.dirname, '../../assets/token-map.json'), 'utf8')),
    );
    const find = tokenIndex(map.tokens);
    expect(find('ethereum', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')).toMatchObject({
      asset: 'USDC',
      decimals: 6,
    });
    expect(find('ethereum', '0xdAC17F958D2ee523a2206206994597C13D831ec7')).toMatchObject({
      asset: 'USDT',
      decimals: 6,
    });
    expect(find('solana', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v')).toMatchObject({ asset: 'USDC' });
    for (const network of ['ethereum', 'arbitrum', 'base', 'optimism', 'polygon', 'bsc', 'solana']) {
      expect(
        map.tokens.some((t) => t.network === network && t.asset !== null),
        network,
      ).toBe(true);
    }
  });
});
