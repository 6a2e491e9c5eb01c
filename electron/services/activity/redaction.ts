/**
 * The activity log's redaction guard. The log never receives secrets by design; as a second line of
 * defence every string field is scanned before it is written: values registered with `add` (the vault
 * feeds it every secret it handles) and strings that look like credentials (signatures, api keys in
 * query strings, long random tokens, private keys, BIP-32 extended keys of watch-only wallets) are replaced
 * by "[redacted]". `clean` also
 * validates and bounds what callers append (kinds, account ids, times, string lengths, detail keys).
 */
import { ACTIVITY_KINDS } from '../../../shared/domain/activity';
import { AppError } from '../errors';
import type { ActivityEntry, ActivityInput, ActivityKind, DetailValue } from './types';

/** An entry as appended, before the log gives it its place in the chain. */
export type PreparedEntry = Omit<ActivityEntry, 'seq' | 'prevHash' | 'hash'>;

export type RedactionListener = (info: { field: string; reason: 'known-secret' | 'looks-secret' }) => void;

const MAX_STRING = 2000;
const MAX_DETAIL_KEYS = 40;
const REDACTED = '[redacted]';
/** Registered secrets at least this long are also removed when they appear inside a string. */
const MIN_SUBSTRING_SECRET = 6;
const KINDS: ReadonlySet<string> = new Set<ActivityKind>([...ACTIVITY_KINDS, 'anchor']);
/** Fields written by the log itself or validated separately: not scanned by the heuristics. */
const STRUCTURAL_FIELDS = new Set(['kind', 'accountId', 'prevHash', 'hash']);
const ACCOUNT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const KEY_VALUE =
  /((?<![A-Za-z0-9])(?:api[-_]?key|apikey|api[-_]?secret|secret|signature|sign|passphrase|password|token|access[-_]?key|x-mbx-apikey|ok-access-key|ok-access-sign)["']?\s*[=:]\s*["']?)([^&\s"',;}]+)/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const TOKEN = /[A-Za-z0-9+=_-]{24,}/g;
/** BIP-32 extended keys (xpub, zpub, xprv...): a watch-only wallet's key reveals all its addresses. */
const EXTENDED_KEY = /[xyzYZtuvUV](?:pub|prv)[1-9A-HJ-NP-Za-km-z]{100,}/g;

function count(s: string, re: RegExp): number {
  return (s.match(re) ?? []).length;
}

/** Long tokens that look random: mixed case with digits, or long hex. Identifiers and UUIDs pass. */
function looksRandom(token: string): boolean {
  const digits = count(token, /[0-9]/g);
  const lower = count(token, /[a-z]/g);
  const upper = count(token, /[A-Z]/g);
  if (/^[0-9a-f]{32,}$/i.test(token) && digits >= 3 && lower + upper >= 3) return true;
  if (digits < 3 || lower === 0 || upper === 0) return false;
  const freq = new Map<string, number>();
  for (const c of token) freq.set(c, (freq.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of freq.values()) entropy -= (n / token.length) * Math.log2(n / token.length);
  return entropy >= 3.5;
}

export class RedactionGuard {
  private readonly secrets = new Set<string>();
  private readonly onRedact: RedactionListener;

  /** `onRedact` is told when something was replaced (field name and why, never the value). */
  constructor(onRedact: RedactionListener = () => undefined) {
    this.onRedact = onRedact;
  }

  /** Register values that must never be written. */
  add(values: readonly string[]): void {
    for (const v of values) if (typeof v === 'string' && v.length > 0) this.secrets.add(v);
  }

  /**
   * An input validated, bounded and redacted, ready to be sealed; throws AppError('invalid-log-entry')
   * on bad input. `now` is the time of an input without one.
   */
  clean(input: ActivityInput, now: () => number): PreparedEntry {
    const bad = (what: string) => new AppError('invalid-log-entry', `Activity log entry refused: ${what}.`);
    if (!input || typeof input !== 'object') throw bad('not an object');
    if (typeof input.kind !== 'string' || !KINDS.has(input.kind) || input.kind === ('anchor' as string)) {
      throw bad('unknown kind');
    }
    if (input.accountId !== null && (typeof input.accountId !== 'string' || !ACCOUNT_ID.test(input.accountId))) {
      throw bad('invalid account id');
    }
    if (input.accountId !== null && this.isKnownSecret(input.accountId)) throw bad('invalid account id');
    const at = input.at ?? now();
    if (typeof at !== 'number' || !Number.isFinite(at)) throw bad('invalid time');

    let redactions = 0;
    const value = (field: string, v: unknown): DetailValue | undefined => {
      if (v === undefined) return undefined;
      if (v === null || typeof v === 'boolean') return v;
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      if (typeof v !== 'string') throw bad(`field ${field} must be a string, number, boolean or null`);
      const r = this.scrub(field, v);
      redactions += r.count;
      return r.text.length > MAX_STRING ? `${r.text.slice(0, MAX_STRING)}…` : r.text;
    };

    const entry: PreparedEntry = { at, kind: input.kind, accountId: input.accountId };
    const scalar = <K extends 'exchange' | 'method' | 'endpoint' | 'errorClass' | 'host' | 'purpose'>(k: K) => {
      const v = value(k, input[k]);
      if (v !== undefined) (entry as Record<string, unknown>)[k] = v;
    };
    scalar('exchange');
    scalar('method');
    scalar('endpoint');
    scalar('errorClass');
    scalar('host');
    scalar('purpose');
    for (const k of ['status', 'durationMs', 'ok', 'bytesOut', 'bytesIn'] as const) {
      const v = value(k, input[k]);
      if (v !== undefined) (entry as Record<string, unknown>)[k] = v;
    }
    if (input.detail !== undefined) {
      if (input.detail === null || typeof input.detail !== 'object' || Array.isArray(input.detail)) {
        throw bad('detail must be an object');
      }
      const keys = Object.keys(input.detail).slice(0, MAX_DETAIL_KEYS);
      const detail: Record<string, DetailValue> = {};
      for (const k of keys) {
        if (this.isKnownSecret(k) || looksRandom(k)) {
          redactions++;
          this.onRedact({ field: 'detail', reason: 'known-secret' });
          continue;
        }
        const v = value(`detail.${k}`, input.detail[k]);
        if (v !== undefined) detail[k.slice(0, 80)] = v;
      }
      entry.detail = detail;
    }
    if (redactions > 0) entry.redacted = redactions;
    return entry;
  }

  /** Whether `s` is, or holds, a registered secret. */
  isKnownSecret(s: string): boolean {
    for (const secret of this.secrets) {
      if (s === secret || (secret.length >= MIN_SUBSTRING_SECRET && s.includes(secret))) return true;
    }
    return false;
  }

  /** `value` with registered secrets and credential-like strings replaced, and how many were. */
  scrub(field: string, value: string): { text: string; count: number } {
    let text = value;
    let n = 0;
    // Longest first, so a secret containing another is removed whole.
    const known = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of known) {
      if (text === secret) {
        text = REDACTED;
        n++;
        this.onRedact({ field, reason: 'known-secret' });
        break;
      }
      if (secret.length >= MIN_SUBSTRING_SECRET && text.includes(secret)) {
        text = text.split(secret).join(REDACTED);
        n++;
        this.onRedact({ field, reason: 'known-secret' });
      }
    }
    if (STRUCTURAL_FIELDS.has(field)) return { text, count: n };
    const before = text;
    text = text
      .replace(PRIVATE_KEY, REDACTED)
      .replace(EXTENDED_KEY, REDACTED)
      .replace(BEARER, (_m, p1: string) => `${p1}${REDACTED}`)
      .replace(KEY_VALUE, (m, p1: string, p2: string) => (p2 === REDACTED ? m : `${p1}${REDACTED}`))
      .replace(TOKEN, (tok) => (looksRandom(tok) ? REDACTED : tok));
    if (text !== before) {
      n++;
      this.onRedact({ field, reason: 'looks-secret' });
    }
    return { text, count: n };
  }
}
