/**
 * Earn and staking balances that ccxt's fetchBalance does not return, read through ccxt's implicit
 * endpoints (verified against node_modules/ccxt/js/src/abstract/binance.d.ts and okx.d.ts):
 *   binance  sapiGetSimpleEarnFlexiblePosition      GET /sapi/v1/simple-earn/flexible/position   rows[].asset, totalAmount
 *   binance  sapiGetSimpleEarnLockedPosition        GET /sapi/v1/simple-earn/locked/position     rows[].asset, amount
 *   okx      privateGetFinanceSavingsBalance        GET /api/v5/finance/savings/balance          data[].ccy, amt
 *   okx      privateGetFinanceStakingDefiOrdersActive GET /api/v5/finance/staking-defi/orders-active data[].investData[].ccy, amt
 * Binance pages its positions (100 a page, `current` from 1). Each reader returns the amounts as a
 * ccxt-like balance (`total` per asset) for the extra-wallet code of ./wallets.ts, which applies the
 * funding wallets' policy: an unreadable earn wallet never fails the account. An answer without the
 * expected fields is an unreadable answer (retried, then stale).
 */
import { z } from 'zod';
import { AppError } from '../errors';
import type { ExchangeClient } from '../exchange';
import type { BalanceMaps } from './wallets';

type Implicit = (params: Record<string, unknown>) => Promise<unknown>;

function implicit(client: ExchangeClient, name: string): Implicit {
  const fn = (client as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function')
    throw new AppError('not-supported', 'This version of the exchange library cannot read earn balances.');
  return (fn as Implicit).bind(client);
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new AppError(
      'bad-response',
      `The exchange answered the ${what} request in a form Ballast does not recognise.`,
    );
  return r.data;
}

const amount = z.union([z.string(), z.number()]).transform((x) => Number(x));

/** Adds `value` to `total[asset]` when it is a positive number. */
function add(total: Record<string, number>, asset: string, value: number): void {
  if (Number.isFinite(value) && value > 0) total[asset] = (total[asset] ?? 0) + value;
}

/** Largest number of pages read of one positions list. */
const MAX_PAGES = 20;
const PAGE = 100;

const BinancePositions = z.looseObject({
  total: z.number().optional(),
  rows: z.array(z.looseObject({ asset: z.string(), totalAmount: amount.optional(), amount: amount.optional() })),
});

async function binancePositions(
  client: ExchangeClient,
  endpoint: string,
  field: 'totalAmount' | 'amount',
): Promise<BalanceMaps> {
  const call = implicit(client, endpoint);
  const total: Record<string, number> = {};
  let seen = 0;
  for (let current = 1; current <= MAX_PAGES; current++) {
    const page = parsed(BinancePositions, await call({ current, size: PAGE }), 'Simple Earn');
    for (const r of page.rows) add(total, r.asset, r[field] ?? 0);
    seen += page.rows.length;
    if (page.rows.length < PAGE || (page.total !== undefined && seen >= page.total)) break;
  }
  return { total };
}

export const binanceFlexibleEarn = (client: ExchangeClient): Promise<BalanceMaps> =>
  binancePositions(client, 'sapiGetSimpleEarnFlexiblePosition', 'totalAmount');
export const binanceLockedEarn = (client: ExchangeClient): Promise<BalanceMaps> =>
  binancePositions(client, 'sapiGetSimpleEarnLockedPosition', 'amount');

const OkxSavings = z.looseObject({ data: z.array(z.looseObject({ ccy: z.string(), amt: amount })) });
const OkxStaking = z.looseObject({
  data: z.array(z.looseObject({ investData: z.array(z.looseObject({ ccy: z.string(), amt: amount })) })),
});

export async function okxSavings(client: ExchangeClient): Promise<BalanceMaps> {
  const r = parsed(OkxSavings, await implicit(client, 'privateGetFinanceSavingsBalance')({}), 'savings balance');
  const total: Record<string, number> = {};
  for (const x of r.data) add(total, x.ccy, x.amt);
  return { total };
}

export async function okxStaking(client: ExchangeClient): Promise<BalanceMaps> {
  const r = parsed(
    OkxStaking,
    await implicit(client, 'privateGetFinanceStakingDefiOrdersActive')({}),
    'staking orders',
  );
  const total: Record<string, number> = {};
  for (const order of r.data) for (const x of order.investData) add(total, x.ccy, x.amt);
  return { total };
}
