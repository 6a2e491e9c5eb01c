/**
 * The raw balance answer must look like a balance before Ballast believes it.
 *
 * ccxt's parsers read a missing field as "no balance": an answer without Binance's `balances` list,
 * Kraken's `result` object or OKX's `data[0].details` would come back as an empty, successful
 * balance and wipe the account's holdings. `checkBalanceShape` validates the raw answer ccxt keeps in
 * `fetchBalance(...).info` against a small schema per exchange and wallet, and throws a `bad-response`
 * ExchangeCallError (retryable) when it does not match. Exchanges without a schema here are accepted
 * as ccxt parsed them.
 *
 * The exchange client (./client.ts) runs it after every `fetchBalance`, so the sync, the extra wallets
 * and the key checks all get it.
 */
import { z } from 'zod';
import { exchangeDisplayName } from './catalog';
import { ExchangeCallError } from './errors';

const amount = z.union([z.string(), z.number()]);

/** Schemas of the raw answer per exchange, per wallet (`spot`, or the `type` passed to fetchBalance). */
const SHAPES: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = {
  binance: {
    // GET /api/v3/account
    spot: z.object({ balances: z.array(z.object({ asset: z.string(), free: amount, locked: amount })) }),
    // POST /sapi/v1/asset/get-funding-asset: a list, empty when the wallet holds nothing
    funding: z.array(z.object({ asset: z.string(), free: amount })),
  },
  kraken: {
    // POST /0/private/BalanceEx
    spot: z.object({ error: z.array(z.string()).max(0), result: z.record(z.string(), z.unknown()) }),
  },
  okx: {
    // GET /api/v5/account/balance: one entry whose details list the currencies
    spot: z.object({
      code: z.literal('0'),
      data: z.array(z.object({ details: z.array(z.object({ ccy: z.string() })) })).min(1),
    }),
    // GET /api/v5/asset/balances
    funding: z.object({ code: z.literal('0'), data: z.array(z.object({ ccy: z.string() })) }),
  },
};

/** The wallet a fetchBalance call reads: its `type` parameter, or spot. */
export function walletOf(params: unknown): string {
  const type = params && typeof params === 'object' ? (params as { type?: unknown }).type : undefined;
  return typeof type === 'string' && type !== '' ? type : 'spot';
}

/** Throws a `bad-response` ExchangeCallError when `balance.info` is not what `exchangeId` sends for `wallet`. */
export function checkBalanceShape(exchangeId: string, balance: unknown, wallet = 'spot'): void {
  const schema = SHAPES[exchangeId]?.[wallet];
  if (!schema) return;
  const info = balance && typeof balance === 'object' ? (balance as { info?: unknown }).info : undefined;
  if (schema.safeParse(info).success) return;
  const x = exchangeDisplayName(exchangeId);
  throw new ExchangeCallError({
    code: 'bad-response',
    message: `${x} sent a balance Ballast could not read (fields it always sends were missing). Ballast kept the last balances and will try again later.`,
    retryable: true,
    errorClass: 'BadResponse',
    httpStatus: 200,
    retryUntil: null,
  });
}
