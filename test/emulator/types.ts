/**
 * Types of the local exchange emulator used by the main-process tests.
 * The emulator speaks the REST protocol of Binance (spot, funding wallet), Kraken and OKX (trading
 * and funding accounts) closely enough for the real ccxt client to run unchanged against it (only
 * `urls.api` is overridden).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Candle } from '../../shared/domain/types';

export type EmulatedExchangeId = 'binance' | 'kraken' | 'okx';
export const EMULATED_EXCHANGES: readonly EmulatedExchangeId[] = ['binance', 'kraken', 'okx'];

/** What an emulated API key may do. */
export type KeyPermission = 'read' | 'trade' | 'withdraw';

export interface AccountSpec {
  apiKey: string;
  /** Kraken secrets must be base64 (as real Kraken secrets are). */
  secret: string;
  /** OKX passphrase. */
  passphrase?: string;
  permission: KeyPermission;
  /** Free balance per asset code (unified code, e.g. "BTC", "USD"). */
  balances?: Record<string, number>;
  /**
   * Binance and OKX: free balance per asset in the funding wallet (Binance
   * /sapi/v1/asset/get-funding-asset, OKX /api/v5/asset/balances). Empty when absent.
   */
  funding?: Record<string, number>;
  /** Whether the key is restricted to an IP allow-list. */
  ipRestricted?: boolean;
  /**
   * Binance: Simple Earn flexible positions (/sapi/v1/simple-earn/flexible/position); OKX: Simple Earn
   * savings (/api/v5/finance/savings/balance). Amount per asset; none when absent.
   */
  earn?: Record<string, number>;
  /**
   * Binance: Simple Earn locked positions (/sapi/v1/simple-earn/locked/position); OKX: active
   * staking/DeFi orders (/api/v5/finance/staking-defi/orders-active). Amount per asset.
   */
  staking?: Record<string, number>;
  /** The account's trades, deposits, withdrawals, rewards and conversions (served in each exchange's format). */
  history?: AccountHistorySpec;
}

/** One spot trade of an emulated account; `fee` is charged in `feeAsset`, on top. */
export interface EmuTrade {
  id: number;
  t: number;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  /** Base units. */
  amount: number;
  price: number;
  fee: number;
  feeAsset: string;
}

/** A deposit (amount credited) or a withdrawal (amount sent, `fee` charged on top). */
export interface EmuTransfer {
  id: string;
  t: number;
  asset: string;
  amount: number;
  fee?: number;
  txid?: string;
}

export interface EmuReward {
  id: string;
  t: number;
  asset: string;
  amount: number;
  kind: 'staking' | 'earn' | 'airdrop';
}

/** A conversion outside the order book (Binance Convert). */
export interface EmuConversion {
  id: string;
  t: number;
  from: string;
  fromAmount: number;
  to: string;
  toAmount: number;
}

export interface AccountHistorySpec {
  trades?: EmuTrade[];
  deposits?: EmuTransfer[];
  withdrawals?: EmuTransfer[];
  rewards?: EmuReward[];
  conversions?: EmuConversion[];
}

export interface MarketSpec {
  base: string;
  quote: string;
  /** Last price; it is also the close of the most recent daily candle. */
  price: number;
  /** Daily base volume around which candle volumes are generated (default 1000). */
  volume?: number;
}

export interface ExchangeSpec {
  accounts?: AccountSpec[];
  /** Markets listed by this exchange; defaults per exchange when absent. */
  markets?: MarketSpec[];
  /**
   * Kraken only: whether /0/private/GetApiKeyInfo is served (default true). When false the
   * endpoint answers "EGeneral:Unknown method", as a server without that method would.
   */
  apiKeyInfo?: boolean;
}

export interface EmulatorConfig {
  exchanges?: Partial<Record<EmulatedExchangeId, ExchangeSpec>>;
  /** Number of daily candles generated per market, ending with today's (default 1000). */
  candleDays?: number;
  /** Seed of the deterministic candle generator (default 1). */
  seed?: number;
}

export type FaultKind =
  /** HTTP 401 with the exchange's "invalid key" body. */
  | 'unauthorized'
  /** HTTP 403 from the exchange's edge (WAF / region block), HTML body. */
  | 'forbidden'
  /** HTTP 429 with the exchange's rate-limit body (Binance adds `Retry-After: 30`; see Fault.retryAfter). */
  | 'rate-limit'
  /**
   * Binance: HTTP 418 with `Retry-After` and its -1003 "Way too many requests; IP banned until <ms>"
   * body. Kraken: its "EGeneral:Temporary lockout" answer. OKX: HTTP 429 (50011) with `Retry-After`.
   */
  | 'ip-ban'
  /**
   * The exchange's refusal of the request time: Binance HTTP 400 -1021 (outside the recvWindow), OKX
   * HTTP 401 50102 (timestamp expired), Kraken HTTP 200 "EAPI:Invalid nonce".
   */
  | 'clock-skew'
  /** HTTP 5xx (default 503) with the exchange's "unavailable" body. */
  | 'server-error'
  /** Never answer: the request hangs until the client gives up. */
  | 'timeout'
  /** HTTP 200 with a truncated JSON body. */
  | 'malformed-json'
  /** HTTP 200 with an empty body. */
  | 'empty-body'
  /** HTTP 200 with the body `null`. */
  | 'null-body'
  /** HTTP 200 with an HTML page (a captive portal or a CDN page in place of the API's answer). */
  | 'html-body'
  /** HTTP 200 with `{}`: JSON, but none of the fields the endpoint always sends. */
  | 'empty-object'
  /** HTTP 200 with `[]`: a list where the endpoint sends an object. */
  | 'empty-array'
  /**
   * A valid answer in which every balance is zero: the balance endpoints (spot and funding) list the
   * account's assets with amount 0 (Binance's and OKX's funding lists are empty, as they leave zeros
   * out); other endpoints answer normally.
   */
  | 'zero-balances'
  /** Answer normally after `delayMs`. */
  | 'slow';

/** Faults of the history endpoints: 'empty-page' answers HTTP 200 with the endpoint's own empty answer (no records). */
export type HistoryFaultKind = 'empty-page';

export interface Fault {
  kind: FaultKind;
  /** Apply only to requests whose emulated path contains this string (e.g. "/account"). */
  path?: string;
  /** Apply to the next N matching requests only; applies to every matching request when absent. */
  times?: number;
  /** Delay for 'slow' (default 200 ms). */
  delayMs?: number;
  /** HTTP status for 'server-error' (default 503). */
  status?: number;
  /**
   * Retry-After header value for 'rate-limit' and 'ip-ban' (seconds or an HTTP date), replacing the
   * exchange's default one; '' sends none.
   */
  retryAfter?: string;
}

/** A fault of the history endpoints (same options as a Fault). */
export interface HistoryFault extends Omit<Fault, 'kind'> {
  kind: HistoryFaultKind;
}

/** One request as the emulator saw it. */
export interface RecordedRequest {
  at: number;
  exchange: EmulatedExchangeId;
  method: string;
  /** Path as the real exchange would see it (emulator prefix removed, no query string). */
  path: string;
  /** The raw query string (no leading '?'; '' when none), so tests can see what was asked for. */
  query: string;
  /** Whether the request carried authentication headers. */
  signed: boolean;
  /** Authentication verdict for private endpoints; null for public ones or when a fault answered first. */
  authOk: boolean | null;
  /** HTTP status sent, or null when the request was left hanging. */
  status: number | null;
  /** Fault that answered this request, if any. */
  fault: FaultKind | HistoryFaultKind | null;
}

/** A request handed to an exchange handler. */
export interface EmuRequest {
  method: string;
  /** Path as the real exchange would see it, without the query string. */
  path: string;
  /** Raw query string without the leading "?" (exactly as sent). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EmuResponse {
  status: number;
  /** Objects are serialised as JSON; strings are sent as they are. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface HandlerResult {
  response: EmuResponse;
  signed: boolean;
  authOk: boolean | null;
}

/** Faults answered by the exchange handler's own `faultResponse`. */
export type AnsweredFault = Exclude<FaultKind, 'timeout' | 'slow' | 'zero-balances'>;

export interface HandleOptions {
  /** Answer the balance endpoints with every amount zero (the 'zero-balances' fault). */
  zeroBalances?: boolean;
  /** Answer a history endpoint with no records (the 'empty-page' fault). */
  empty?: boolean;
}

export interface ExchangeHandler {
  readonly id: EmulatedExchangeId;
  handle(req: EmuRequest, opts?: HandleOptions): HandlerResult;
  /**
   * The exchange's own response for an injected fault. `retryAfter` replaces the Retry-After header
   * of 'rate-limit' and 'ip-ban' ('' for none).
   */
  faultResponse(kind: AnsweredFault, status?: number, retryAfter?: string): EmuResponse;
  /** Value to assign to a ccxt instance's `urls.api` for this exchange. */
  urls(base: string): Record<string, string>;
}

export interface Emulator {
  port: number;
  /** Value to assign to ccxt `exchange.urls.api`. */
  urlsFor(exchangeId: EmulatedExchangeId): Record<string, string>;
  setFault(exchangeId: EmulatedExchangeId, fault: Fault | HistoryFault | null): void;
  /**
   * Runs one exchange's server clock `offsetMs` ahead of this computer's (negative: behind), as seen
   * by its signature checks and its time endpoint; 0 puts it back.
   */
  setClockOffset(exchangeId: EmulatedExchangeId, offsetMs: number): void;
  /** Every request received, in arrival order (live array). */
  requests: RecordedRequest[];
  /** The daily candles served for a market (for assertions). */
  candles(exchangeId: EmulatedExchangeId, base: string, quote: string): DailyCandle[];
  close(): Promise<void>;
}

/**
 * One generated daily candle: the app's Candle without a market cap. `t` is the UTC midnight
 * opening the day; `v` is the base-currency volume, as exchanges report it.
 */
export type DailyCandle = Omit<Candle, 'mc'>;
