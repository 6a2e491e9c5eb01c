/** IPC channels of price history (see shared/ipc/contract.ts): daily candles for grades and the Index Lab. */
import { channel, NoArgs } from '../define';
import type { AssetInfo, PriceHistory } from '../../domain/types';
import type { DataSources } from '../../indexlab/prepare';

export interface PriceHistoryView {
  sample: boolean;
  history: PriceHistory;
  catalog: Record<string, AssetInfo>;
  /** Providers of the history and how its asset list was chosen (stated in every Index Lab result). */
  sources?: DataSources;
}

export const pricesChannels = {
  'prices:history': channel<PriceHistoryView>()(NoArgs),
};
