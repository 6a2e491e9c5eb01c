/**
 * A small valued portfolio and its breakdown, shared by the diversification-view-* tests: BTC and ETH
 * (large caps), LINK (mid), PEPE (small, meme), USDC (stablecoin) across two custodies, plus one
 * unpriced position.
 */
import { breakdown, type AssetCatalog, type Breakdown } from '../../shared/allocation';
import type { AssetInfo, Custody, Sector, ValuedPosition } from '../../shared/domain/types';

/** The catalog's assets: symbol, market cap in USD, sector, stablecoin. */
const ASSETS: [string, number, Sector, boolean?][] = [
  ['BTC', 1.2e12, 'L1'],
  ['ETH', 4e11, 'L1'],
  ['LINK', 8e9, 'oracle'],
  ['PEPE', 5e8, 'meme'],
  ['USDC', 6e10, 'stablecoin', true],
];

export const CATALOG: AssetCatalog = Object.fromEntries(
  ASSETS.map(([symbol, cap, sector, stablecoin = false]): [string, AssetInfo] => [
    symbol,
    { symbol, name: `${symbol} coin`, sectors: [sector], stablecoin, marketCapUsd: cap, rank: null },
  ]),
);

const CUSTODIES: Custody[] = [
  { id: 'bin', label: 'Binance main', kind: 'exchange', platform: 'binance' },
  { id: 'ledger', label: 'Ledger', kind: 'manual', platform: 'Ledger' },
];

function pos(custodyId: string, a: string, amount: number, price: number | null): ValuedPosition {
  return { custodyId, asset: a, amount, price, value: price === null ? null : amount * price };
}

/** Total priced value 10,000 USD: BTC 4,000 (1,000 at Binance), ETH 3,000, LINK 1,500, PEPE 500, USDC 1,000. */
export function sampleBreakdown(): Breakdown {
  return breakdown(
    {
      base: 'USD',
      asOf: Date.UTC(2025, 0, 1),
      custodies: CUSTODIES,
      positions: [
        pos('ledger', 'BTC', 0.05, 60_000),
        pos('bin', 'BTC', 1 / 60, 60_000),
        pos('bin', 'ETH', 1, 3_000),
        pos('bin', 'LINK', 100, 15),
        pos('bin', 'PEPE', 50_000_000, 0.00001),
        pos('ledger', 'USDC', 1_000, 1),
        pos('ledger', 'MYST', 10, null),
      ],
    },
    CATALOG,
  );
}

/** The same breakdown with nothing priced. */
export function emptyBreakdown(): Breakdown {
  return breakdown({ base: 'USD', asOf: Date.UTC(2025, 0, 1), custodies: CUSTODIES, positions: [] }, CATALOG);
}
