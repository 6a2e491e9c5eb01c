/** What the tests expect of the exchange picker, written once for every suite that checks it. */

/** The featured exchanges, in the order the picker shows them. */
export const FEATURED_EXCHANGE_IDS = ['binance', 'coinbase', 'kraken', 'okx', 'bybit', 'kucoin', 'bitget', 'gate'];
