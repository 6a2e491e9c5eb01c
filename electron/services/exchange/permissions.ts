/**
 * Least-privilege check: ask the exchange what an API key may do.
 *
 * Uses ccxt implicit API methods (verified against the installed ccxt):
 *   binance  sapiGetAccountApiRestrictions   GET  /sapi/v1/account/apiRestrictions
 *   okx      privateGetAccountConfig         GET  /api/v5/account/config          (`perm`, `ip`)
 *   kraken   privatePostGetApiKeyInfo        POST /0/private/GetApiKeyInfo        (`permissions`)
 *   bybit    privateGetV5UserQueryApi        GET  /v5/user/query-api              (`readOnly`, `permissions`)
 *   kucoin   privateGetUserApiKey            GET  /api/v1/user/api-key            (`permission`)
 *   coinbase v3PrivateGetBrokerageKeyPermissions GET /api/v3/brokerage/key_permissions
 *
 * Responses are validated; anything that cannot be read positively gives 'unverified', never
 * 'read-only'. Unknown permission names count as trade-capable (fail safe). Authentication
 * failures propagate (the caller reports a wrong key and stores nothing); any other failure
 * gives 'unverified' with the exchange's guidance.
 */
import { z } from 'zod';
import type { PermissionReport, PermissionStatus } from '../../../shared/domain/keys';
import type { ExchangeClient } from './client';
import { exchangeDisplayName } from './catalog';
import { isAuthenticationFailure, mapExchangeError } from './errors';

interface Capabilities {
  canRead: boolean;
  canTrade: boolean;
  canWithdraw: boolean;
  granted: string[];
  ipRestricted: boolean | null;
}

type Checker = (client: ExchangeClient) => Promise<Capabilities>;

type Implicit = (params?: Record<string, unknown>) => Promise<unknown>;

function implicit(client: ExchangeClient, name: string): Implicit {
  const fn = (client as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new MissingEndpoint(name);
  return (fn as Implicit).bind(client);
}

class MissingEndpoint extends Error {
  constructor(method: string) {
    super(`ccxt has no method ${method}`);
    this.name = 'MissingEndpoint';
  }
}

class UnreadableResponse extends Error {
  constructor() {
    super('The permission response could not be read');
    this.name = 'UnreadableResponse';
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UnreadableResponse();
  return r.data;
}

// ---------------------------------------------------------------------------------------------
// Binance

const BinanceRestrictions = z.looseObject({
  ipRestrict: z.boolean(),
  enableReading: z.boolean().optional(),
  enableWithdrawals: z.boolean(),
  enableSpotAndMarginTrading: z.boolean(),
});

/** Binance flags that let the key move funds or place orders (anything but reading). */
const BINANCE_TRADE_FLAGS = [
  'enableSpotAndMarginTrading',
  'enableMargin',
  'enableFutures',
  'enableVanillaOptions',
  'enablePortfolioMarginTrading',
  'enableFixApiTrade',
  'enableInternalTransfer',
  'permitsUniversalTransfer',
];

const binance: Checker = async (client) => {
  const r = parse(BinanceRestrictions, await implicit(client, 'sapiGetAccountApiRestrictions')());
  const flags = r as Record<string, unknown>;
  const granted = Object.keys(flags)
    .filter((k) => k.startsWith('enable') || k.startsWith('permits'))
    .filter((k) => flags[k] === true);
  const known = new Set(['enableReading', 'enableFixReadOnly', 'enableWithdrawals', ...BINANCE_TRADE_FLAGS]);
  // unknown "enable*" flags that are on count as trade-capable
  const canTrade = granted.some((k) => BINANCE_TRADE_FLAGS.includes(k) || !known.has(k));
  return {
    canRead: r.enableReading !== false,
    canTrade,
    canWithdraw: r.enableWithdrawals,
    granted,
    ipRestricted: r.ipRestrict,
  };
};

// ---------------------------------------------------------------------------------------------
// OKX

const OkxConfig = z.looseObject({
  code: z.string(),
  data: z.array(z.looseObject({ perm: z.string(), ip: z.string().optional() })).min(1),
});

const okx: Checker = async (client) => {
  const r = parse(OkxConfig, await implicit(client, 'privateGetAccountConfig')());
  const first = r.data[0]!;
  const granted = first.perm
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (granted.length === 0) throw new UnreadableResponse();
  return {
    canRead: granted.includes('read_only'),
    canWithdraw: granted.includes('withdraw'),
    canTrade: granted.some((p) => p !== 'read_only' && p !== 'withdraw'),
    granted,
    ipRestricted: first.ip === undefined ? null : first.ip.trim().length > 0,
  };
};

// ---------------------------------------------------------------------------------------------
// Kraken

const KrakenKeyInfo = z.looseObject({
  result: z.looseObject({
    permissions: z.array(z.string()),
    ipAllowlist: z.array(z.string()).optional(),
  }),
});

/** Kraken permissions that only read (or export) data. */
const KRAKEN_READ_ONLY = /^(query-|export-data$|access-websockets?$|websocket)/;

const kraken: Checker = async (client) => {
  const r = parse(KrakenKeyInfo, await implicit(client, 'privatePostGetApiKeyInfo')());
  const granted = r.result.permissions;
  const canWithdraw = granted.some((p) => /withdraw/i.test(p));
  return {
    canRead: granted.some((p) => p === 'query-funds'),
    canWithdraw,
    // deposit-funds only creates deposit addresses; everything else that is not a query can act
    canTrade: granted.some((p) => !KRAKEN_READ_ONLY.test(p) && p !== 'deposit-funds' && !/withdraw/i.test(p)),
    granted,
    ipRestricted: r.result.ipAllowlist === undefined ? null : r.result.ipAllowlist.length > 0,
  };
};

// ---------------------------------------------------------------------------------------------
// Bybit

const BybitQueryApi = z.looseObject({
  result: z.looseObject({
    readOnly: z.union([z.number(), z.string()]),
    permissions: z.record(z.string(), z.array(z.string()).nullable()).optional(),
    ips: z.array(z.string()).optional(),
  }),
});

const bybit: Checker = async (client) => {
  const r = parse(BybitQueryApi, await implicit(client, 'privateGetV5UserQueryApi')());
  const granted = Object.values(r.result.permissions ?? {}).flatMap((v) => v ?? []);
  const readOnly = Number(r.result.readOnly) === 1;
  const ips = r.result.ips;
  return {
    canRead: true,
    canWithdraw: granted.some((p) => /withdraw/i.test(p)),
    // readOnly 0 means "read and write"
    canTrade: !readOnly,
    granted,
    ipRestricted: ips === undefined ? null : ips.length > 0 && !ips.includes('*'),
  };
};

// ---------------------------------------------------------------------------------------------
// KuCoin

const KucoinApiKey = z.looseObject({
  data: z.looseObject({
    permission: z.string(),
    ipWhitelist: z.string().optional(),
  }),
});

const kucoin: Checker = async (client) => {
  const r = parse(KucoinApiKey, await implicit(client, 'privateGetUserApiKey')());
  const granted = r.data.permission
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (granted.length === 0) throw new UnreadableResponse();
  // "Transfer" is KuCoin's withdrawal permission; "InnerTransfer" moves funds between own accounts
  const canWithdraw = granted.some((p) => p === 'Transfer' || /withdraw/i.test(p));
  return {
    canRead: granted.includes('General'),
    canWithdraw,
    canTrade: granted.some((p) => p !== 'General' && p !== 'Transfer' && !/withdraw/i.test(p)),
    granted,
    ipRestricted: r.data.ipWhitelist === undefined ? null : r.data.ipWhitelist.trim().length > 0,
  };
};

// ---------------------------------------------------------------------------------------------
// Coinbase (Advanced Trade / CDP keys)

const CoinbaseKeyPermissions = z.looseObject({
  can_view: z.boolean(),
  can_trade: z.boolean(),
  can_transfer: z.boolean(),
});

const coinbase: Checker = async (client) => {
  const r = parse(CoinbaseKeyPermissions, await implicit(client, 'v3PrivateGetBrokerageKeyPermissions')());
  const granted = (['can_view', 'can_trade', 'can_transfer'] as const).filter((k) => r[k]);
  return {
    canRead: r.can_view,
    canTrade: r.can_trade,
    canWithdraw: r.can_transfer,
    granted,
    ipRestricted: null,
  };
};

const CHECKERS: Readonly<Record<string, Checker>> = { binance, okx, kraken, bybit, kucoin, coinbase };

// ---------------------------------------------------------------------------------------------

const GUIDANCE: Readonly<Record<string, string>> = {
  binance:
    'On Binance, open Account > API Management and create a system-generated API key. Keep only "Enable Reading" ticked: leave "Enable Spot & Margin Trading", "Enable Withdrawals", "Enable Futures" and the transfer options off. If your internet connection has a fixed IP address, choose "Restrict access to trusted IPs only" and enter it.',
  coinbase:
    'On Coinbase, create the key in the Coinbase Developer Platform (portal.cdp.coinbase.com > API Keys > Create API key) and give it the "View" permission only: leave "Trade" and "Transfer" off. Coinbase lets you add an IP allowlist under the key\'s advanced settings.',
  kraken:
    'On Kraken, open Settings > API > Create API key and tick only "Query Funds" (the other "Query" permissions are also safe). Leave "Create & Modify Orders", "Cancel/Close Orders", "Deposit Funds", "Withdraw Funds" and "Earn" off. If your IP address is fixed, enter it under "IP allowlist".',
  okx: 'On OKX, open Profile > API keys > Create API key, choose the "Read" permission only (not "Trade" or "Withdraw") and set a passphrase: Ballast needs the key, secret and passphrase. OKX lets you link IP addresses to the key; do so if your IP address is fixed.',
  bybit:
    'On Bybit, open Account > API > Create New Key > System-generated API Keys and choose "Read-Only" with no extra permissions (no Orders, Positions, Wallet or Withdraw). Bybit lets you bind the key to IP addresses; keys without an IP binding expire after a few months.',
  kucoin:
    'On KuCoin, open Account > API Management > Create API, tick only "General" (leave Spot, Margin, Futures, Earn and Transfer/Withdrawal off) and set an API passphrase: Ballast needs the key, secret and passphrase. Restrict the key to your IP addresses if they are fixed.',
  bitget:
    'On Bitget, open Profile > API Key Management > Create API Key (system-generated), choose "Read-only" permissions and set a passphrase: Ballast needs the key, secret and passphrase. Bind IP addresses to the key if yours is fixed.',
  gate: 'On Gate, open Account > API Management > Create API Key, set every permission group to "Read Only" and leave withdrawals off. Add your IP addresses to the key\'s IP whitelist if they are fixed.',
};

const GENERIC_GUIDANCE =
  'Create an API key with read-only (view) permission only: no trading, no transfers, no withdrawals. If the exchange offers an IP allow-list and your IP address is fixed, use it.';

/** The exchange's own advice for creating a safe key for Ballast. */
export function exchangeGuidance(exchangeId: string): string {
  return GUIDANCE[exchangeId] ?? GENERIC_GUIDANCE;
}

function statusOf(c: Capabilities): PermissionStatus {
  if (c.canWithdraw) return 'withdraw';
  if (c.canTrade) return 'trade';
  return 'read-only';
}

function unverified(exchangeId: string, note: string, now: number): PermissionReport {
  return {
    status: 'unverified',
    canRead: true,
    canTrade: false,
    canWithdraw: false,
    granted: [],
    ipRestricted: null,
    guidance: `${note} ${exchangeGuidance(exchangeId)}`,
    checkedAt: now,
  };
}

/**
 * Ask the exchange what the client's key may do.
 * Throws (unchanged) the ccxt error when the exchange rejects the credentials themselves.
 */
export async function checkPermissions(
  client: ExchangeClient,
  exchangeId: string,
  now: () => number = Date.now,
): Promise<PermissionReport> {
  const name = exchangeDisplayName(exchangeId);
  const checker = CHECKERS[exchangeId];
  if (!checker) {
    return unverified(
      exchangeId,
      `${name} does not tell apps what a key may do, so Ballast cannot check it: make sure the key is read-only.`,
      now(),
    );
  }
  let caps: Capabilities;
  try {
    caps = await checker(client);
  } catch (err) {
    if (isAuthenticationFailure(err)) throw err;
    const why =
      err instanceof MissingEndpoint
        ? `${name} offers no permission check in this version of the exchange library.`
        : err instanceof UnreadableResponse
          ? `${name} answered the permission check in a form Ballast does not recognise.`
          : `The permission check failed (${mapExchangeError(err, exchangeId).message})`;
    return unverified(exchangeId, `${why} Make sure the key is read-only.`, now());
  }
  return {
    status: statusOf(caps),
    canRead: caps.canRead,
    canTrade: caps.canTrade,
    canWithdraw: caps.canWithdraw,
    granted: caps.granted,
    ipRestricted: caps.ipRestricted,
    guidance: exchangeGuidance(exchangeId),
    checkedAt: now(),
  };
}
