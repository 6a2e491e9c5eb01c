/**
 * Watch-only wallets in main: what createServices and the handlers import. See ./service.ts.
 */
export { DEFAULT_PROVIDER_URLS, WalletService, type AddWalletInput, type WalletServiceDeps } from './service';
export { WalletHttp, type WalletCallRecord, type WalletHttpOptions } from './http';
export { DEFAULT_TOKEN_LIST_URL, TokenMapService } from './token-map';
