/**
 * Esplora REST (Blockstream's and mempool.space's API) for the watch-only wallet tests: `/blocks/tip/height`
 * and `/address/:address` (chain_stats and mempool_stats). Served by chain-server.ts.
 */
import type { EsploraState } from './chain-types';

export function esploraAnswer(
  state: EsploraState,
  path: string,
  lagBy: number,
): { status: number; body: unknown; text?: string } {
  if (path === '/blocks/tip/height') return { status: 200, body: null, text: String(state.tipHeight - lagBy) };
  const m = /^\/address\/([^/]+)$/.exec(path);
  if (m) {
    const address = decodeURIComponent(m[1]!);
    if (!/^(bc1|1|3)[0-9A-Za-z]{20,90}$/.test(address))
      return { status: 400, body: null, text: 'Invalid Bitcoin address' };
    const a = state.addresses.get(address);
    const stats = (funded: number, spent: number, txs: number) => ({
      funded_txo_count: txs,
      funded_txo_sum: funded,
      spent_txo_count: 0,
      spent_txo_sum: spent,
      tx_count: txs,
    });
    return {
      status: 200,
      body: {
        address,
        chain_stats: a ? stats(a.funded, a.spent, a.txs) : stats(0, 0, 0),
        mempool_stats: stats(a?.mempoolFunded ?? 0, 0, a?.mempoolFunded ? 1 : 0),
      },
    };
  }
  return { status: 404, body: null, text: 'Not found' };
}
