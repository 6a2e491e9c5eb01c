/** Small Index Lab test helpers: catalog entries with defaults, and the equity value on a fixture day. */
import type { AssetInfo } from '../../../shared/domain/types';
import { curvePoints, type SimulationResult } from '../../../shared/indexlab';
import { day } from './fixtures';

export function info(symbol: string, extra: Partial<AssetInfo> = {}): AssetInfo {
  return { symbol, name: symbol, sectors: ['other'], stablecoin: false, marketCapUsd: null, rank: null, ...extra };
}

export function valueOn(r: SimulationResult, i: number): number {
  const p = curvePoints(r.equity).find((x) => x.t === day(i));
  if (!p) throw new Error(`no equity point on day ${i}`);
  return p.v;
}
