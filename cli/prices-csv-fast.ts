/**
 * The fast path of the price CSV reader, kept under this name for the CLI's callers: the parser itself
 * is shared/market-history/csv-fast.ts (shared with the market-history import).
 */
export { parsePlainPriceCsv } from '../shared/market-history/csv-fast';
