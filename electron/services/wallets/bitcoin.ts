/**
 * Reads a Bitcoin watch-only wallet over an Esplora REST API (Blockstream's, mempool.space's or the
 * user's own electrs/mempool node): the tip height (`/blocks/tip/height`, checked against the last
 * one seen), then `/address/:address` (chain_stats + mempool_stats) of a single address, or of the
 * addresses an extended key derives, chain by chain (receive 0, change 1), until `gapLimit` unused
 * addresses in a row. Balances include unconfirmed (mempool) amounts. Used by the wallet service
 * (./service.ts) during a sync.
 */
import { ChainDeriver, decodeExtendedKey, type BtcScript } from '../../../shared/wallets';
import { behindError, shortAddress, unreadable, type WalletHttp } from './http';

/** Requests in flight at once while scanning an extended key. */
const SCAN_CONCURRENCY = 8;
/** Addresses scanned per chain at most (a safety bound far above any gap-limit scan of a real wallet). */
const MAX_ADDRESSES_PER_CHAIN = 20_000;

export type BitcoinSource = { address: string } | { key: string; script: BtcScript; gapLimit: number };

export interface BitcoinRead {
  sats: number;
  tip: number;
  /** Addresses with transactions (an extended key's used addresses; 0 or 1 for an address). */
  used: number;
}

interface Stats {
  funded_txo_sum: number;
  spent_txo_sum: number;
  tx_count: number;
}

function statsOf(x: unknown): Stats | null {
  if (!x || typeof x !== 'object') return null;
  const s = x as Record<string, unknown>;
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return ok(s.funded_txo_sum) && ok(s.spent_txo_sum) && ok(s.tx_count)
    ? { funded_txo_sum: s.funded_txo_sum, spent_txo_sum: s.spent_txo_sum, tx_count: s.tx_count }
    : null;
}

export class EsploraReader {
  constructor(
    private readonly http: WalletHttp,
    private readonly baseUrl: string,
    private readonly walletId: string | null,
  ) {}

  /** The chain's tip height. */
  async tip(): Promise<number> {
    const text = await this.http.text(
      { walletId: this.walletId, network: 'bitcoin', endpoint: '/blocks/tip/height' },
      `${this.baseUrl}/blocks/tip/height`,
      { method: 'GET' },
    );
    const height = Number(text.trim());
    if (!Number.isInteger(height) || height < 0) throw unreadable('bitcoin');
    return height;
  }

  /** Balance (sats, confirmed + mempool) and transaction count of one address. */
  async address(address: string): Promise<{ sats: number; txs: number }> {
    const body = await this.http.json(
      { walletId: this.walletId, network: 'bitcoin', endpoint: `/address/${shortAddress(address)}` },
      `${this.baseUrl}/address/${encodeURIComponent(address)}`,
      { method: 'GET' },
    );
    const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const chain = statsOf(b.chain_stats);
    const mempool = statsOf(b.mempool_stats);
    if (!chain || !mempool) throw unreadable('bitcoin');
    return {
      sats: chain.funded_txo_sum - chain.spent_txo_sum + mempool.funded_txo_sum - mempool.spent_txo_sum,
      txs: chain.tx_count + mempool.tx_count,
    };
  }

  /** Reads the wallet; `lastTip` (the height of the last good read) guards against a lagging node. */
  async read(source: BitcoinSource, lastTip: number | null): Promise<BitcoinRead> {
    const tip = await this.tip();
    if (lastTip !== null && tip < lastTip) throw behindError('bitcoin', tip, lastTip);
    if ('address' in source) {
      const a = await this.address(source.address);
      return { sats: a.sats, tip, used: a.txs > 0 ? 1 : 0 };
    }
    const account = decodeExtendedKey(source.key);
    let sats = 0;
    let used = 0;
    for (const chain of [0, 1] as const) {
      const r = await this.scanChain(new ChainDeriver(account, chain, source.script), source.gapLimit);
      sats += r.sats;
      used += r.used;
    }
    return { sats, tip, used };
  }

  /** One chain, in batches of `gapLimit` addresses, until `gapLimit` unused ones in a row. */
  private async scanChain(deriver: ChainDeriver, gapLimit: number): Promise<{ sats: number; used: number }> {
    let sats = 0;
    let used = 0;
    let gap = 0;
    for (let start = 0; gap < gapLimit && start < MAX_ADDRESSES_PER_CHAIN; start += gapLimit) {
      const addresses = Array.from({ length: gapLimit }, (_, i) => deriver.address(start + i));
      const results = await mapLimit(addresses, SCAN_CONCURRENCY, (a) => this.address(a));
      for (const r of results) {
        if (gap >= gapLimit) break;
        if (r.txs > 0) {
          used += 1;
          sats += r.sats;
          gap = 0;
        } else {
          gap += 1;
        }
      }
    }
    return { sats, used };
  }
}

/** `fn` over `items` with at most `limit` running at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
