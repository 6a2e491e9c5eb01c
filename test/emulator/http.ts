/**
 * What the exchange emulators (binance.ts, kraken.ts, okx.ts) share when answering a request:
 * reading a header, comparing a signature in constant time, HTML error pages, and the
 * HandlerResult of a public or a signed request (the server records `signed` and `authOk`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { AccountSpec, EmuRequest, EmuResponse, HandlerResult } from './types';

/** The first value of a request header (name in lower case), or undefined. */
export function header(req: EmuRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Compares a given signature with the expected one in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An HTML page, as exchanges and their CDNs send for 403, 404 and the like. */
export function htmlPage(status: number, body: string): EmuResponse {
  return { status, contentType: 'text/html', body };
}

/** Headers carrying `Retry-After: value`, or `fallback` when value is undefined; '' means none. */
export function retryAfterHeader(value: string | undefined, fallback?: string): Record<string, string> | undefined {
  const v = value ?? fallback;
  return v === undefined || v === '' ? undefined : { 'Retry-After': v };
}

/** The faults that answer 2xx with something that is not the endpoint's answer. */
const UNUSABLE_ANSWERS = ['empty-body', 'null-body', 'html-body', 'empty-object', 'empty-array'] as const;
export type UnusableAnswer = (typeof UNUSABLE_ANSWERS)[number];

/** True for the faults `unusableAnswer` answers; every emulator asks this before its own faults. */
export function isUnusableAnswer(kind: string): kind is UnusableAnswer {
  return (UNUSABLE_ANSWERS as readonly string[]).includes(kind);
}

/** The 2xx answers that are not the endpoint's: an empty body, `null`, HTML, `{}` or `[]`. */
export function unusableAnswer(kind: UnusableAnswer): EmuResponse {
  if (kind === 'empty-body') return { status: 200, body: '' };
  if (kind === 'null-body') return { status: 200, body: null };
  if (kind === 'empty-object') return { status: 200, body: {} };
  if (kind === 'empty-array') return { status: 200, body: [] };
  return htmlPage(
    200,
    '<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body>Wi-Fi</body></html>',
  );
}

/** The result of a public (unsigned) request. */
export function publicResult(response: EmuResponse): HandlerResult {
  return { response, signed: false, authOk: null };
}

/**
 * The result of a signed request: the authentication error when `auth` is one, otherwise
 * `respond` for the authenticated account.
 */
export function signedResult(
  auth: AccountSpec | EmuResponse,
  respond: (account: AccountSpec) => EmuResponse,
): HandlerResult {
  if (!('apiKey' in auth)) return { response: auth, signed: true, authOk: false };
  return { response: respond(auth), signed: true, authOk: true };
}
