/** IPC channels of price history (see shared/ipc/contract.ts): daily candles for grades and the Index Lab. */
import { channel, NoArgs } from '../define';
import type { AssetInfo, PriceHistory } from '../../domain/types';

export interface PriceHistoryView {
  sample: boolean;
  history: PriceHistory;
  catalog: Record<string, AssetInfo>;
}

export const pricesChannels = {
  'prices:history': channel<PriceHistoryView>()(NoArgs),
};
