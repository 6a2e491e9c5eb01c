/**
 * The activity log (see log.ts): what the rest of main imports. createServices opens it; the handlers of
 * the activity channels (electron/services/handlers/activity.ts) read it.
 */
export { ActivityLog, DEFAULT_MAX_AGE_DAYS, DEFAULT_MAX_ENTRIES } from './log';
export { canonicalJson, entryHash, GENESIS_HASH } from './chain';
export { verifyText } from './verify';
export type { LogKeychain } from './signing';
export { logFileSize } from './log-file';
export type * from './types';
export type { ApiCallRecord, ChainStatus, DailyActivity } from '../../../shared/domain/activity';
