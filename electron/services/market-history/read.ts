/**
 * Reading a market-history store from outside the app (the CLIs: `npm run simulate -- --store DIR`,
 * `npm run market-history:export`): every asset file of the store as a PriceHistory, read only (nothing
 * is moved or written), an unreadable file skipped with its reason. `dir` is the store folder or the data
 * folder that holds it (`<dir>/market-history`). Synchronous: for scripts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PriceHistory } from '../../../shared/domain/types';
import { toCandles } from '../../../shared/market-history';
import { decodeAssetFile } from './asset-file';
import { isStorableSymbol } from './store';

export interface StoreContents {
  /** The store folder that was read. */
  dir: string;
  history: PriceHistory;
  skipped: { file: string; reason: string }[];
}

/** The history of the store at `dir`; throws when `dir` holds no market-history store. */
export function readMarketHistorySync(dir: string): StoreContents {
  const candidates = [dir, join(dir, 'market-history')];
  const storeDir = candidates.find((d) => existsSync(join(d, 'assets')) && statSync(join(d, 'assets')).isDirectory());
  if (!storeDir)
    throw new Error(
      `${dir} holds no market-history store (no assets/ folder in it or in ${join(dir, 'market-history')})`,
    );
  const history: PriceHistory = {};
  const skipped: StoreContents['skipped'] = [];
  const files = readdirSync(join(storeDir, 'assets'))
    .filter((f) => f.endsWith('.json') && !f.includes('.corrupt-'))
    .sort();
  for (const file of files) {
    const symbol = file.slice(0, -'.json'.length);
    if (!isStorableSymbol(symbol)) continue;
    try {
      const s = decodeAssetFile(readFileSync(join(storeDir, 'assets', file), 'utf8'), symbol);
      if (s.candles.day.length > 0) history[symbol] = toCandles(s.candles, s.caps);
    } catch (err) {
      skipped.push({ file, reason: err instanceof Error ? err.message : 'unreadable' });
    }
  }
  return { dir: storeDir, history, skipped };
}
