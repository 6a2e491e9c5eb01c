/**
 * Valuation of raw positions in a base currency. An asset without a price stays in the portfolio with
 * `price: null, value: null` ("unpriced"): it is never dropped or silently valued at zero.
 */
import type { Custody, Portfolio, Position, ValuedPosition } from '../domain/types';

/** Price of one unit of each asset in the base currency. */
export type PriceMap = Record<string, number>;

export function valuePositions(positions: Position[], prices: PriceMap): ValuedPosition[] {
  return positions.map((p) => {
    const price = prices[p.asset];
    if (price === undefined || !Number.isFinite(price) || price < 0) return { ...p, price: null, value: null };
    return { ...p, price, value: p.amount * price };
  });
}

export function buildPortfolio(args: {
  base: string;
  asOf: number;
  custodies: Custody[];
  positions: Position[];
  prices: PriceMap;
}): Portfolio {
  return {
    base: args.base,
    asOf: args.asOf,
    custodies: args.custodies,
    positions: valuePositions(args.positions, args.prices),
  };
}

export function totalValue(portfolio: Portfolio): number {
  return portfolio.positions.reduce((sum, p) => sum + (p.value ?? 0), 0);
}

export function unpricedAssets(portfolio: Portfolio): string[] {
  return [...new Set(portfolio.positions.filter((p) => p.value === null).map((p) => p.asset))].sort();
}
