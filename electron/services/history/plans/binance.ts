/**
 * Binance's history (spot), through ccxt:
 *   deposits     fetchDeposits              GET /sapi/v1/capital/deposit/hisrec   90-day windows, offset paging
 *   withdrawals  fetchWithdrawals           GET /sapi/v1/capital/withdraw/history 90-day windows, offset paging
 *   rewards      sapiGetAssetAssetDividend  GET /sapi/v1/asset/assetDividend     30-day windows (staking, earn, airdrops)
 *   conversions  fetchConvertTradeHistory   GET /sapi/v1/convert/tradeFlow        30-day windows
 *   trades       fetchMyTrades(symbol)      GET /api/v3/myTrades                  per market, by trade id (fromId)
 * Binance answers trades for one market at a time and has no list of the markets an account traded, so
 * the markets are chosen from what the account holds, deposited, withdrew, earned and converted, plus
 * the assets the user names: every spot market (delisted ones too) whose base is such an asset and
 * whose quote is one too, or a common quote (USDT, BTC, EUR...). The markets searched are shown.
 * Withdrawals, rewards and conversions are looked for from the first deposit on.
 *
 * Paces (one call per): trades 0.5 s (weight 20 of 6,000 a minute: half the limit), withdrawals 12 s
 * (Binance allows 10 a minute per account), conversions 2 s (weight 3,000 of 180,000), the rest 0.3 s.
 */
import type { Conversion, Trade, Transaction } from 'ccxt';
import type { HistoryEntry, IncomeSource } from '../../../../shared/history/types';
import { assetsOf } from '../../../../shared/history/changes';
import { conversionEntries, incomeEntry, tradeEntries, transferEntries } from '../normalize';
import { numberOf, type ImportPlan, type ImportStep, type PlanInputs } from './types';
import { windowedStep } from './windows';

const DAY = 86_400_000;

/** Quote currencies a held asset is looked for against, besides the other assets of the account. */
export const BINANCE_COMMON_QUOTES = [
  'USDT',
  'USDC',
  'FDUSD',
  'BUSD',
  'TUSD',
  'BTC',
  'ETH',
  'BNB',
  'EUR',
  'USD',
  'GBP',
  'TRY',
  'BRL',
  'JPY',
  'AUD',
];

/** Binance opened in July 2017: nothing older exists. */
export const BINANCE_SINCE = Date.UTC(2017, 6, 1);

function incomeSource(info: unknown): IncomeSource {
  const s = typeof info === 'string' ? info : '';
  if (/stak/i.test(s)) return 'staking';
  if (/earn|savings|flexible|locked|launchpool/i.test(s)) return 'earn';
  if (/airdrop|distribution/i.test(s)) return 'airdrop';
  return 'reward';
}

/** From the first deposit's day on (or `since` without one). */
const fromFirstDeposit = (ctx: { since: number; firstDepositAt: number | null }): number =>
  ctx.firstDepositAt ? Math.max(ctx.since, Math.floor(ctx.firstDepositAt / DAY) * DAY) : ctx.since;

function tradesStep(symbol: string): ImportStep {
  return {
    key: `trades:${symbol}`,
    label: `Trades ${symbol}`,
    endpoint: 'GET /api/v3/myTrades',
    paceMs: 500,
    optional: false,
    initial: () => ({ fromId: 0 }),
    // trade ids only grow: the next import goes on from the last one, nothing to read again
    restart: (cursor) => ({ fromId: numberOf(cursor['fromId'], 0) }),
    async page(cursor, ctx) {
      const fromId = numberOf(cursor['fromId'], 0);
      const limit = Math.min(1000, ctx.pageSize ?? 1000);
      const trades: Trade[] = await ctx.client.fetchMyTrades(symbol, undefined, limit, { fromId });
      const r = tradeEntries('binance', trades);
      const last = trades.reduce((m, t) => Math.max(m, Number(t.id)), fromId - 1);
      return { ...r, cursor: { fromId: last + 1 }, done: trades.length < limit };
    },
  };
}

/** The spot markets to search for trades (see the module comment), sorted. */
export function binanceMarkets(
  markets: readonly { symbol: string; base: string; quote: string; spot?: boolean }[],
  inputs: PlanInputs,
): string[] {
  const assets = new Set<string>([...inputs.held, ...inputs.extraAssets]);
  for (const e of inputs.entries()) for (const a of assetsOf(e)) assets.add(a);
  const quotes = new Set<string>([...assets, ...BINANCE_COMMON_QUOTES]);
  const out = new Set<string>(inputs.searchedBefore);
  for (const m of markets) {
    if (m.spot === false) continue;
    if (assets.has(m.base) && quotes.has(m.quote)) out.add(m.symbol);
  }
  return [...out].sort();
}

export const binancePlan: ImportPlan = {
  exchange: 'binance',
  gaps: [
    'Binance lists trades one market at a time: a coin bought and sold completely on Binance, never deposited, withdrawn or held, is only found when you name it.',
    'Card and bank purchases (Buy Crypto), margin, futures and P2P are not imported.',
  ],
  windowNote: 'Only the markets listed under "Markets searched" were searched for trades.',
  first(): ImportStep[] {
    return [
      windowedStep({
        key: 'deposits',
        label: 'Deposits',
        endpoint: 'GET /sapi/v1/capital/deposit/hisrec',
        paceMs: 300,
        optional: false,
        windowMs: 90 * DAY,
        limit: 1000,
        offset: true,
        async fetch(ctx, w) {
          const txs: Transaction[] = await ctx.client.fetchDeposits(undefined, w.from, w.limit, {
            until: w.to - 1,
            offset: w.offset,
          });
          return { ...transferEntries('binance', txs, 'deposit'), rows: txs.length };
        },
      }),
      windowedStep({
        key: 'withdrawals',
        label: 'Withdrawals',
        endpoint: 'GET /sapi/v1/capital/withdraw/history',
        paceMs: 12_000,
        optional: false,
        windowMs: 90 * DAY,
        limit: 1000,
        offset: true,
        start: fromFirstDeposit,
        async fetch(ctx, w) {
          const txs: Transaction[] = await ctx.client.fetchWithdrawals(undefined, w.from, w.limit, {
            offset: w.offset,
          });
          return { ...transferEntries('binance', txs, 'withdrawal'), rows: txs.length };
        },
      }),
      windowedStep({
        key: 'rewards',
        label: 'Rewards (staking, earn, airdrops)',
        endpoint: 'GET /sapi/v1/asset/assetDividend',
        paceMs: 300,
        optional: true,
        windowMs: 30 * DAY,
        limit: 500,
        offset: false,
        start: fromFirstDeposit,
        async fetch(ctx, w) {
          const call = (ctx.client as unknown as Record<string, (p: object) => Promise<unknown>>)[
            'sapiGetAssetAssetDividend'
          ]!;
          const res = (await call.call(ctx.client, { startTime: w.from, endTime: w.to - 1, limit: w.limit })) as {
            rows?: unknown;
          };
          const rows = Array.isArray(res?.rows) ? (res.rows as Record<string, unknown>[]) : [];
          const entries: HistoryEntry[] = [];
          let skipped = 0;
          for (const r of rows) {
            const e = incomeEntry(
              'binance',
              { id: r['tranId'] ?? r['id'], t: r['divTime'], asset: r['asset'], amount: r['amount'] },
              incomeSource(r['enInfo']),
              'dividend',
            );
            if (e) entries.push(e);
            else skipped += 1;
          }
          return { entries, skipped, rows: rows.length };
        },
      }),
      windowedStep({
        key: 'conversions',
        label: 'Conversions',
        endpoint: 'GET /sapi/v1/convert/tradeFlow',
        paceMs: 2000,
        optional: true,
        windowMs: 30 * DAY,
        limit: 1000,
        offset: false,
        start: fromFirstDeposit,
        async fetch(ctx, w) {
          const list: Conversion[] = await ctx.client.fetchConvertTradeHistory(undefined, w.from, w.limit, {
            until: w.to - 1,
          });
          return { ...conversionEntries('binance', list), rows: list.length };
        },
      }),
    ];
  },
  async second(client, inputs) {
    const markets = Object.values(await client.loadMarkets()).filter(
      (m): m is NonNullable<typeof m> => !!m && typeof m.symbol === 'string',
    );
    const chosen = binanceMarkets(markets, inputs);
    return { steps: chosen.map(tradesStep), markets: chosen };
  },
};
