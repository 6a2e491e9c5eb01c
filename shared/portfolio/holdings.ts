/**
 * Exchange balances -> holdings: unified asset codes, wallets merged, zero and invalid amounts left out.
 */

/**
 * Where on the exchange an amount is kept: the spot (trading) wallet, staking or earn products
 * reported inside it (Kraken's suffixed codes), or a separate funding wallet (Binance, OKX).
 */
export type WalletKind = 'spot' | 'staking' | 'earn' | 'funding';

/** Amount of one asset held at one exchange account. */
export interface Holding {
  asset: string;
  /** free + used. */
  total: number;
  free: number;
  used: number;
  /** Amount per wallet the exchange reported it in (spot, staking, earn, funding). */
  wallets: Partial<Record<WalletKind, number>>;
}

/**
 * Kraken reports staked and earning balances under suffixed codes ("SOL.S" staked, "USDC.M"
 * opt-in rewards, "ETH.F" auto-earn, "DOT.B"/"DOT.P" bonded/parachain) and staked ether as "ETH2".
 */
const KRAKEN_SUFFIX: Record<string, WalletKind> = { S: 'staking', B: 'staking', P: 'staking', M: 'earn', F: 'earn' };

/**
 * Unified asset code and wallet of a balance code. `wallet` is the wallet the balance was fetched
 * from (default spot); codes that name their own wallet (Kraken's suffixes) keep theirs.
 */
export function normalizeBalanceCode(
  exchange: string,
  code: string,
  wallet: WalletKind = 'spot',
): { asset: string; wallet: WalletKind } {
  if (exchange === 'kraken') {
    const dot = code.indexOf('.');
    if (dot > 0) {
      const suffixed = KRAKEN_SUFFIX[code.slice(dot + 1)];
      const asset = code.slice(0, dot);
      if (suffixed) return { asset: asset === 'ETH2' ? 'ETH' : asset, wallet: suffixed };
    }
    if (code === 'ETH2') return { asset: 'ETH', wallet: 'staking' };
  }
  return { asset: code, wallet };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);

/**
 * Holdings from a ccxt balance structure's `free`, `used` and `total` maps (any may be missing).
 * Amounts are merged per unified asset; assets with nothing held are left out; sorted by asset.
 * `wallet` tags the amounts with the wallet they were fetched from (default spot).
 */
export function holdingsFromBalance(
  exchange: string,
  balance: {
    free?: Record<string, unknown> | undefined;
    used?: Record<string, unknown> | undefined;
    total?: Record<string, unknown> | undefined;
  },
  wallet: WalletKind = 'spot',
): Holding[] {
  const codes = new Set([
    ...Object.keys(balance.total ?? {}),
    ...Object.keys(balance.free ?? {}),
    ...Object.keys(balance.used ?? {}),
  ]);
  const by = new Map<string, Holding>();
  for (const code of codes) {
    const free = num(balance.free?.[code]);
    const total = Math.max(num(balance.total?.[code]), free + num(balance.used?.[code]));
    if (total <= 0) continue;
    const n = normalizeBalanceCode(exchange, code, wallet);
    let h = by.get(n.asset);
    if (!h) by.set(n.asset, (h = { asset: n.asset, total: 0, free: 0, used: 0, wallets: {} }));
    h.total += total;
    h.free += free;
    // whatever is not free is in use (orders, staking locks...)
    h.used += total - free;
    h.wallets[n.wallet] = (h.wallets[n.wallet] ?? 0) + total;
  }
  return [...by.values()].sort((a, b) => a.asset.localeCompare(b.asset));
}

/**
 * Holdings of several wallets of one account merged per asset: totals, free and used amounts
 * and the per-wallet amounts are summed. Sorted by asset.
 */
export function mergeHoldings(lists: readonly (readonly Holding[])[]): Holding[] {
  const by = new Map<string, Holding>();
  for (const list of lists) {
    for (const x of list) {
      let h = by.get(x.asset);
      if (!h) by.set(x.asset, (h = { asset: x.asset, total: 0, free: 0, used: 0, wallets: {} }));
      h.total += x.total;
      h.free += x.free;
      h.used += x.used;
      for (const [w, amount] of Object.entries(x.wallets) as [WalletKind, number | undefined][]) {
        if (amount !== undefined) h.wallets[w] = (h.wallets[w] ?? 0) + amount;
      }
    }
  }
  return [...by.values()].sort((a, b) => a.asset.localeCompare(b.asset));
}
