/**
 * Maps ccxt errors to plain, user-facing `{ code, message, retryable }`.
 *
 * Classification follows ccxt's error hierarchy (base/errorHierarchy.js), read from the error's
 * class name and prototype chain, so this module does not need ccxt loaded. Messages are written
 * here, never copied from ccxt (whose messages contain signed URLs and response bodies).
 *
 * The exchange client (./client.ts) adds to a thrown error what ccxt leaves out: the HTTP status
 * (`httpStatus`) and when the exchange may be called again (`retryUntil`, from Retry-After or a ban).
 */
import { format } from 'date-fns/format';
import { AppError } from '../errors';
import type { ExchangeErrorCode } from '../../../shared/errors';
import { MAX_INLINE_WAIT_MS } from '../net/retry-after';
import { listOf } from '../../../shared/text';
import { exchangeDisplayName } from './catalog';

export type { ExchangeErrorCode } from '../../../shared/errors';

export interface MappedExchangeError {
  code: ExchangeErrorCode;
  /** Plain language, free of secrets and URLs. */
  message: string;
  /** Whether trying again later may succeed without the user changing anything. */
  retryable: boolean;
  /** ccxt error class name, when it is a ccxt error. */
  errorClass: string | null;
  /** HTTP status of the failed call, when known. */
  httpStatus: number | null;
  /** When the exchange may be called again (ms since epoch), when it said (Retry-After, a ban). */
  retryUntil: number | null;
}

/** ccxt error classes and their parents (ccxt base/errorHierarchy.js). */
const PARENT: Readonly<Record<string, string>> = {
  ExchangeError: 'BaseError',
  AuthenticationError: 'ExchangeError',
  PermissionDenied: 'AuthenticationError',
  AccountNotEnabled: 'PermissionDenied',
  AccountSuspended: 'AuthenticationError',
  ArgumentsRequired: 'ExchangeError',
  BadRequest: 'ExchangeError',
  BadSymbol: 'BadRequest',
  OperationRejected: 'ExchangeError',
  NoChange: 'OperationRejected',
  MarginModeAlreadySet: 'NoChange',
  MarketClosed: 'OperationRejected',
  ManualInteractionNeeded: 'OperationRejected',
  RestrictedLocation: 'OperationRejected',
  InsufficientFunds: 'ExchangeError',
  InvalidAddress: 'ExchangeError',
  AddressPending: 'InvalidAddress',
  InvalidOrder: 'ExchangeError',
  OrderNotFound: 'InvalidOrder',
  OrderNotCached: 'InvalidOrder',
  OrderImmediatelyFillable: 'InvalidOrder',
  OrderNotFillable: 'InvalidOrder',
  DuplicateOrderId: 'InvalidOrder',
  ContractUnavailable: 'InvalidOrder',
  NotSupported: 'ExchangeError',
  InvalidProxySettings: 'ExchangeError',
  ExchangeClosedByUser: 'ExchangeError',
  OperationFailed: 'BaseError',
  NetworkError: 'OperationFailed',
  DDoSProtection: 'NetworkError',
  RateLimitExceeded: 'NetworkError',
  ExchangeNotAvailable: 'NetworkError',
  OnMaintenance: 'ExchangeNotAvailable',
  InvalidNonce: 'NetworkError',
  ChecksumError: 'InvalidNonce',
  RequestTimeout: 'NetworkError',
  BadResponse: 'OperationFailed',
  NullResponse: 'BadResponse',
  CancelPending: 'OperationFailed',
  UnsubscribeError: 'BaseError',
};

function isCcxtName(name: unknown): name is string {
  return typeof name === 'string' && (name === 'BaseError' || name in PARENT);
}

/** The ccxt error class name of `err`, or null when it is not a ccxt error. */
export function ccxtErrorClass(err: unknown): string | null {
  if (!err || typeof err !== 'object') return null;
  const name = (err as { name?: unknown }).name;
  if (isCcxtName(name)) return name;
  for (let p = Object.getPrototypeOf(err) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
    const ctorName = (p as { constructor?: { name?: unknown } }).constructor?.name;
    if (isCcxtName(ctorName)) return ctorName;
  }
  return null;
}

/** The class name to record for a failed call: the ccxt class, else the error's own name. */
export function errorClassOf(err: unknown): string {
  const c = ccxtErrorClass(err);
  if (c) return c;
  if (err && typeof err === 'object') {
    const name = (err as { name?: unknown }).name;
    if (typeof name === 'string' && name.length > 0 && name.length < 64) return name;
  }
  return 'Error';
}

function lineage(cls: string | null): Set<string> {
  const out = new Set<string>();
  for (let c: string | undefined = cls ?? undefined; c; c = PARENT[c]) out.add(c);
  return out;
}

/** True for errors meaning "wrong or unusable credentials" (not "missing permission"). */
export function isAuthenticationFailure(err: unknown): boolean {
  const l = lineage(ccxtErrorClass(err));
  return l.has('AuthenticationError') && !l.has('PermissionDenied');
}

function numberProp(err: unknown, key: 'httpStatus' | 'retryUntil' | 'retryAfterMs'): number | null {
  if (err && typeof err === 'object') {
    const s = (err as Record<string, unknown>)[key];
    if (typeof s === 'number' && Number.isFinite(s)) return s;
  }
  return null;
}

const clockTime = (t: number): string => format(t, 'HH:mm');

const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Node's codes for a certificate that could not be verified (tls.connect, undici). */
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** OpenSSL's texts for the same failures: ccxt keeps only the cause's message in its NetworkError. */
const TLS_TEXT =
  /self[- ]signed certificate|certificate has expired|certificate is not yet valid|unable to verify the first certificate|unable to get (local )?issuer certificate|does not match certificate's altnames/i;

/** Whether `err` or one of its causes is a certificate that could not be verified. */
export function isTlsFailure(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e && typeof e === 'object'; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && TLS_CODES.has(code)) return true;
    if (typeof message === 'string' && TLS_TEXT.test(message)) return true;
    e = cause;
  }
  return false;
}

/** Map any error thrown by an exchange call to a user-facing description. */
export function mapExchangeError(err: unknown, exchangeId?: string): MappedExchangeError {
  if (err instanceof ExchangeCallError) {
    return {
      code: err.code as ExchangeErrorCode,
      message: err.message,
      retryable: err.retryable,
      errorClass: err.errorClass,
      httpStatus: err.httpStatus,
      retryUntil: err.retryUntil,
    };
  }
  const x = exchangeId ? exchangeDisplayName(exchangeId) : 'The exchange';
  const errorClass = ccxtErrorClass(err);
  const httpStatus = numberProp(err, 'httpStatus');
  const retryUntil = numberProp(err, 'retryUntil');
  const l = lineage(errorClass);
  const out = (code: ExchangeErrorCode, retryable: boolean, message: string): MappedExchangeError => ({
    code,
    message,
    retryable,
    errorClass,
    httpStatus,
    retryUntil,
  });

  if (httpStatus === 418) {
    const until = retryUntil === null ? 'a while' : clockTime(retryUntil);
    return out(
      'rate-limit',
      false,
      `${x} has blocked this computer's IP address for calling it too often. Ballast makes no call to ${x} before ${until}.`,
    );
  }

  if (l.has('PermissionDenied')) {
    return out(
      'permission',
      false,
      `${x} refused the request: the API key lacks a permission Ballast needs (read access to balances), or this computer's IP address is not on the key's allow-list.`,
    );
  }
  if (l.has('AccountSuspended')) {
    return out('auth', false, `${x} reports that the account is suspended or locked. Check your account on ${x}.`);
  }
  if (l.has('AuthenticationError')) {
    return out(
      'auth',
      false,
      `${x} did not accept the API key. Check that the ${listOf(['API key', 'secret', ...exchangePassphrase(exchangeId)])} were copied completely and that the key has not been deleted or expired.`,
    );
  }
  if (l.has('RestrictedLocation')) {
    return out('permission', false, `${x} is not available from your region.`);
  }
  if (l.has('RateLimitExceeded') || l.has('DDoSProtection') || httpStatus === 429) {
    const waitMs = numberProp(err, 'retryAfterMs');
    if (retryUntil !== null && waitMs !== null && waitMs > MAX_INLINE_WAIT_MS) {
      return out(
        'rate-limit',
        false,
        `${x} asked Ballast to wait until ${clockTime(retryUntil)} before calling it again. Ballast makes no call to ${x} before then.`,
      );
    }
    return out(
      'rate-limit',
      true,
      `${x} is limiting requests from this computer. Ballast will try again in a little while.`,
    );
  }
  if (l.has('RequestTimeout')) {
    return out('timeout', true, `${x} did not answer in time. Check your connection; Ballast will try again later.`);
  }
  if (l.has('InvalidNonce')) {
    return out(
      'clock-skew',
      false,
      exchangeId === 'kraken'
        ? `${x} refused the request's nonce. This usually means another app uses the same API key: give Ballast a key of its own. If not, make sure your computer's clock is set automatically.`
        : `${x} refused the request time. Make sure your computer's clock is set automatically.`,
    );
  }
  if (isTlsFailure(err)) {
    return out(
      'tls',
      false,
      `The connection to ${x} is not secure (its certificate could not be verified). A proxy, antivirus or captive portal may be intercepting it; Ballast did not send your request.`,
    );
  }
  if (l.has('ExchangeNotAvailable')) {
    if (httpStatus === 403) {
      return out(
        'permission',
        false,
        `${x} blocked access from this network (HTTP 403). This happens when the exchange is not available in your region or its firewall blocked your IP address.`,
      );
    }
    if (l.has('OnMaintenance')) {
      return out('exchange-down', true, `${x} is under maintenance. Ballast will try again later.`);
    }
    return out('exchange-down', true, `${x} is unavailable right now. Ballast will try again later.`);
  }
  if (l.has('NetworkError')) {
    return out('network', true, `Could not reach ${x}. Check your internet connection.`);
  }
  // ccxt raises its catch-all ExchangeError for an answer it did not recognise: on a 2xx that is an
  // answer without the exchange's usual fields (OKX `{}`, say), as unreadable as a broken one
  const unrecognised2xx =
    errorClass === 'ExchangeError' && httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
  if (l.has('BadResponse') || unrecognised2xx) {
    return out('bad-response', true, `${x} sent a response Ballast could not read. Ballast will try again later.`);
  }
  if (l.has('NotSupported')) {
    return out('not-supported', false, `${x} does not offer this through its API.`);
  }
  // a 5xx answer ccxt did not recognise, or ccxt's generic "temporary failure, try again"
  if ((l.has('BaseError') && httpStatus !== null && httpStatus >= 500) || errorClass === 'OperationFailed') {
    return out('exchange-down', true, `${x} is having trouble right now. Ballast will try again later.`);
  }
  if (l.has('BaseError')) {
    return out('unknown', false, `${x} returned an error (${errorClass}).`);
  }

  // Not a ccxt error.
  const name = err && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return out('timeout', true, `${x} did not answer in time. Check your connection; Ballast will try again later.`);
  }
  if (typeof code === 'string' && NODE_NETWORK_CODES.has(code)) {
    return out('network', true, `Could not reach ${x}. Check your internet connection.`);
  }
  return out('unknown', false, `Something went wrong while talking to ${x}.`);
}

/** The passphrase, for the exchanges whose keys have one. */
function exchangePassphrase(exchangeId: string | undefined): string[] {
  return exchangeId && ['okx', 'kucoin', 'bitget'].includes(exchangeId) ? ['passphrase'] : [];
}

/** An exchange failure as an AppError (code from `ExchangeErrorCode`), safe to show the user. */
export class ExchangeCallError extends AppError {
  readonly retryable: boolean;
  readonly errorClass: string | null;
  readonly httpStatus: number | null;
  readonly retryUntil: number | null;
  constructor(mapped: MappedExchangeError) {
    super(mapped.code, mapped.message);
    this.name = 'ExchangeCallError';
    this.retryable = mapped.retryable;
    this.errorClass = mapped.errorClass;
    this.httpStatus = mapped.httpStatus;
    this.retryUntil = mapped.retryUntil;
  }
}

export function toExchangeCallError(err: unknown, exchangeId?: string): ExchangeCallError {
  return err instanceof ExchangeCallError ? err : new ExchangeCallError(mapExchangeError(err, exchangeId));
}

/**
 * Remove what must never be shown or logged from a text: query strings of URLs (signatures,
 * timestamps, api keys) and the given secret values.
 */
export function sanitizeText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)[?#][^\s"'<>]*/gi, '$1');
  out = out.replace(/\b(signature|sign|api[-_]?key|apikey|secret|passphrase)=([^&\s"']+)/gi, '$1=[redacted]');
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out;
}
