export { startEmulator, DEFAULT_MARKETS } from './server';
export { generateCandles, DAY_MS, utcMidnight } from './market-data';
export { krakenAssetId, krakenPairId, KRAKEN_OHLC_MAX } from './kraken';
export { OKX_RECENT_CANDLES } from './okx';
export * from './types';
