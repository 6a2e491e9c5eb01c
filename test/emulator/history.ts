/**
 * Generated account histories for the emulator: a first deposit, trades at the emulator's own daily
 * closes, a later deposit from outside, staking rewards, a Binance conversion and a withdrawal, seeded
 * and deterministic, with the balances they add up to. Used by the emulator fixtures (fixtures.ts),
 * the history tests and the E2E specs; the exchange handlers serve it (binance-history.ts,
 * kraken-history.ts, okx-history.ts).
 */
import { fnv1a32, mulberry32 } from '../../shared/random';
import { DAY_MS, generateCandles, utcMidnight } from './market-data';
import type { AccountHistorySpec, EmulatedExchangeId, EmuTrade, MarketSpec } from './types';

export interface HistoryOptions {
  exchange: EmulatedExchangeId;
  /** The emulator's markets for that exchange (trades happen at their candle closes). */
  markets: readonly MarketSpec[];
  /** The emulator's candle settings: days of candles, seed, and the time it starts at. */
  candleDays: number;
  candleSeed: number;
  now: number;
  /** How far back the history starts (days before today). */
  days: number;
  /** Number of trades. */
  trades: number;
  /** The quote currency deposited first (USDT on Binance and OKX, USD on Kraken). */
  quote: string;
  /** Amount of the first deposit. */
  deposit: number;
  seed?: number;
}

export interface GeneratedHistory {
  history: AccountHistorySpec;
  /** What the history adds up to, per asset (the account's balances when nothing else happened). */
  balances: Record<string, number>;
  /** Time of the first deposit. */
  firstDepositAt: number;
}

const round8 = (x: number): number => Math.round(x * 1e8) / 1e8;

export function generateHistory(o: HistoryOptions): GeneratedHistory {
  const rand = mulberry32(fnv1a32(`history:${o.exchange}`) ^ (o.seed ?? 7));
  const lastDay = utcMidnight(o.now);
  const start = lastDay - o.days * DAY_MS;
  const tradable = o.markets.filter((m) => m.quote === o.quote);
  const closes = new Map(
    tradable.map((m) => [
      m.base,
      new Map(generateCandles(m, o.candleDays, lastDay, o.candleSeed).map((c) => [c.t, c.c])),
    ]),
  );
  const closeOf = (asset: string, t: number): number => closes.get(asset)?.get(utcMidnight(t)) ?? 0;
  const bal: Record<string, number> = {};
  const add = (a: string, x: number): void => {
    bal[a] = round8((bal[a] ?? 0) + x);
  };
  const history: Required<AccountHistorySpec> = {
    trades: [],
    deposits: [],
    withdrawals: [],
    rewards: [],
    conversions: [],
  };

  const firstDepositAt = start + 3600_000;
  history.deposits.push({
    id: 'dep-1',
    t: firstDepositAt,
    asset: o.quote,
    amount: o.deposit,
    txid: `0xdep1${o.exchange}`,
  });
  add(o.quote, o.deposit);

  // every event in time order, each sized on the balances of its moment
  type Ev = { t: number; kind: 'trade' | 'deposit' | 'reward' | 'convert' | 'withdraw' };
  const events: Ev[] = [];
  const span = o.days * DAY_MS - 6 * 3600_000;
  for (let i = 0; i < o.trades; i++)
    events.push({ t: start + 2 * 3600_000 + Math.floor(((i + 0.5) * span) / o.trades), kind: 'trade' });
  events.push({ t: start + Math.floor(o.days / 2) * DAY_MS + 5 * 3600_000 + 1, kind: 'deposit' });
  for (let d = 30; d < o.days; d += 30) events.push({ t: start + d * DAY_MS + 7200_000 + 3, kind: 'reward' });
  if (o.exchange === 'binance')
    events.push({ t: start + Math.floor(o.days * 0.7) * DAY_MS + 3600_000 + 7, kind: 'convert' });
  events.push({ t: lastDay - 10 * DAY_MS + 3600_000 + 11, kind: 'withdraw' });
  events.sort((a, b) => a.t - b.t);

  let tradeId = 1000;
  for (const ev of events) {
    const t = ev.t;
    if (ev.kind === 'deposit') {
      const eth = tradable.some((m) => m.base === 'ETH') ? 'ETH' : o.quote;
      const amount = eth === 'ETH' ? 1.5 : o.deposit / 4;
      history.deposits.push({ id: 'dep-2', t, asset: eth, amount, txid: `0xdep2${o.exchange}` });
      add(eth, amount);
    } else if (ev.kind === 'reward') {
      const amount = round8((bal['ETH'] ?? 0) * 0.003);
      if (amount <= 0) continue;
      history.rewards.push({ id: `rew-${t}`, t, asset: 'ETH', amount, kind: 'staking' });
      add('ETH', amount);
    } else if (ev.kind === 'convert') {
      const price = closeOf('SOL', t);
      const fromAmount = round8(Math.min(200, (bal[o.quote] ?? 0) / 10));
      const toAmount = price > 0 ? round8(fromAmount / price) : 0;
      if (fromAmount <= 0 || toAmount <= 0) continue;
      history.conversions.push({ id: 'conv-1', t, from: o.quote, fromAmount, to: 'SOL', toAmount });
      add(o.quote, -fromAmount);
      add('SOL', toAmount);
    } else if (ev.kind === 'withdraw') {
      const fee = 0.0005;
      const amount = round8((bal['BTC'] ?? 0) * 0.25);
      if (amount <= 0.001) continue;
      history.withdrawals.push({ id: 'wd-1', t, asset: 'BTC', amount, fee, txid: `0xwd1${o.exchange}` });
      add('BTC', -amount - fee);
    } else {
      const m = tradable[Math.floor(rand() * tradable.length)]!;
      const price = closeOf(m.base, t);
      if (!(price > 0)) continue;
      const held = bal[m.base] ?? 0;
      const buy = held * price < 50 || rand() < 0.6;
      const amount = round8(buy ? ((bal[o.quote] ?? 0) * (0.05 + rand() * 0.1)) / price : held * (0.2 + rand() * 0.4));
      if (!(amount > 0) || amount * price < 1) continue;
      const cost = round8(amount * price);
      // fees: in the quote, except OKX buys (charged in what was bought)
      const feeAsset = o.exchange === 'okx' && buy ? m.base : o.quote;
      const fee = round8(feeAsset === m.base ? amount * 0.001 : cost * 0.001);
      const trade: EmuTrade = {
        id: tradeId++,
        t,
        base: m.base,
        quote: o.quote,
        side: buy ? 'buy' : 'sell',
        amount,
        price,
        fee,
        feeAsset,
      };
      history.trades.push(trade);
      add(m.base, buy ? amount : -amount);
      add(o.quote, buy ? -cost : cost);
      add(feeAsset, -fee);
    }
  }
  const balances = Object.fromEntries(Object.entries(bal).filter(([, v]) => v > 1e-9));
  return { history, balances, firstDepositAt };
}
