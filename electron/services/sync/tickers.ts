/**
 * Prices for a sync: the tickers of the markets that matter for the assets an account holds, in one
 * batch call where the exchange has one, market by market (bounded) where it does not.
 */
import { relevantSymbols, type TickerMap } from '../../../shared/portfolio/pricing';
import { BASE_CURRENCIES } from '../../../shared/settings';
import type { ExchangeClient } from '../exchange';

/** Per-symbol fetchTicker calls at most, for exchanges without a batch ticker endpoint. */
const MAX_SINGLE_TICKERS = 30;

function tickerPrice(t: {
  last?: number | undefined;
  close?: number | undefined;
  bid?: number | undefined;
  ask?: number | undefined;
}) {
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  if (ok(t.last)) return t.last;
  if (ok(t.close)) return t.close;
  if (ok(t.bid) && ok(t.ask)) return (t.bid + t.ask) / 2;
  return null;
}

/** Prices of the markets that matter for `held` (both sides held, a hub or a base currency). */
export async function fetchRelevantTickers(client: ExchangeClient, held: readonly string[]): Promise<TickerMap> {
  const markets = await client.loadMarkets();
  const spot = Object.values(markets).filter(
    (m): m is NonNullable<typeof m> => !!m && m.spot !== false && m.active !== false && typeof m.symbol === 'string',
  );
  const symbols = relevantSymbols(
    spot.map((m) => m.symbol),
    held,
    BASE_CURRENCIES,
  );
  const out: TickerMap = {};
  if (symbols.length === 0) return out;
  if (client.has['fetchTickers']) {
    const tickers = await client.fetchTickers(symbols);
    for (const [symbol, t] of Object.entries(tickers)) {
      const p = t ? tickerPrice(t) : null;
      if (p !== null) out[symbol] = p;
    }
    return out;
  }
  // One call per market: only markets of held assets, plus the rates between quote currencies.
  const heldSet = new Set(held);
  const mine = symbols.filter((s) => heldSet.has(s.split('/')[0]!) || heldSet.has(s.split('/')[1]!));
  const cross = symbols.filter((s) => !mine.includes(s));
  for (const symbol of [...mine, ...cross].slice(0, MAX_SINGLE_TICKERS)) {
    const p = tickerPrice(await client.fetchTicker(symbol));
    if (p !== null) out[symbol] = p;
  }
  return out;
}
