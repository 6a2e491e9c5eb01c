/**
 * Market history: daily USD candles and market caps of the top assets, as the market-history service
 * (electron/services/market-history) downloads and stores them. Pure parts: the price-CSV format, the
 * columnar series, the USD conversion of stablecoin-quoted series and point-in-time rankings.
 * See docs/MARKET-DATA.md.
 */
export * from './csv';
export * from './series';
export * from './quote';
export * from './ranking';
export * from './merge';
