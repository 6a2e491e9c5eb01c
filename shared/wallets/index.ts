/** Watch-only wallets, pure part: what the rest of the app imports from shared/wallets. */
export * from './types';
export { looksLikeSecret, scrubExtendedKeys, SECRET_REFUSAL } from './secrets';
export { checkWalletInput, type WalletInput } from './inputs';
export { isSpamToken, type TokenFacts } from './spam';
export {
  ALIASES,
  CHAIN_IDS,
  catalogAssetOf,
  entriesFromTokenList,
  tokenIndex,
  tokenMapSchema,
  type TokenEntry,
  type TokenMap,
} from './token-map';
export {
  addressOf,
  ChainDeriver,
  checkBtcAddress,
  checkExtendedKey,
  decodeExtendedKey,
  extendedKeyShortForm,
  impliedScript,
} from './bitcoin';
export { descriptorChecksum, parseDescriptor } from './descriptor';
