/**
 * Exchange balances -> holdings: unified asset codes, wallets merged, zero and invalid amounts left out.
 */

export type WalletKind = 'spot' | 'staking' | 'earn';

/** Amount of one asset held at one exchange account. */
export interface Holding {
  asset: string;
  /** free + used. */
  total: number;
  free: number;
  used: number;
  /** Amount per wallet the exchange reported it in (spot, staking, earn). */
  wallets: Partial<Record<WalletKind, number>>;
}

/**
 * Kraken reports staked and earning balances under suffixed codes ("SOL.S" staked, "USDC.M"
 * opt-in rewards, "ETH.F" auto-earn, "DOT.B"/"DOT.P" bonded/parachain) and staked ether as "ETH2".
 */
const KRAKEN_SUFFIX: Record<string, WalletKind> = { S: 'staking', B: 'staking', P: 'staking', M: 'earn', F: 'earn' };

export function normalizeBalanceCode(exchange: string, code: string): { asset: string; wallet: WalletKind } {
  if (exchange === 'kraken') {
    const dot = code.indexOf('.');
    if (dot > 0) {
      const wallet = KRAKEN_SUFFIX[code.slice(dot + 1)];
      const asset = code.slice(0, dot);
      if (wallet) return { asset: asset === 'ETH2' ? 'ETH' : asset, wallet };
    }
    if (code === 'ETH2') return { asset: 'ETH', wallet: 'staking' };
  }
  return { asset: code, wallet: 'spot' };
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);

/**
 * Holdings from a ccxt balance structure's `free`, `used` and `total` maps (any may be missing).
 * Amounts are merged per unified asset; assets with nothing held are left out; sorted by asset.
 */
export function holdingsFromBalance(
  exchange: string,
  balance: {
    free?: Record<string, unknown> | undefined;
    used?: Record<string, unknown> | undefined;
    total?: Record<string, unknown> | undefined;
  },
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
    const { asset, wallet } = normalizeBalanceCode(exchange, code);
    let h = by.get(asset);
    if (!h) by.set(asset, (h = { asset, total: 0, free: 0, used: 0, wallets: {} }));
    h.total += total;
    h.free += free;
    // whatever is not free is in use (orders, staking locks...)
    h.used += total - free;
    h.wallets[wallet] = (h.wallets[wallet] ?? 0) + total;
  }
  return [...by.values()].sort((a, b) => a.asset.localeCompare(b.asset));
}
