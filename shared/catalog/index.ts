/** Asset catalog: bundled file schema, CoinGecko market-data parsing and the merged catalog. */
export * from './schema';
export * from './coingecko';
export * from './build';
