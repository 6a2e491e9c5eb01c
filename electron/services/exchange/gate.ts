/**
 * The per-exchange "no calls before T" gate: when an exchange asks Ballast to wait (429 with a
 * Retry-After header, Binance's 418 IP ban or its "IP banned until" answer), every client of that
 * exchange — scheduled and manual syncs, key checks, keyless price-history clients — stops calling it
 * until then. A call attempted earlier fails at once with a `rate-limit` error saying until when,
 * without touching the network (`check`).
 *
 * One gate per app, built by createServices and handed to every client through
 * `ExchangeClientOptions.gate`; keyed by exchange id (any string: the recording fetch of
 * electron/services/net/fetch.ts uses it for other APIs too). Pauses live in memory and in a small
 * JSON file in the data folder (`exchange-pauses.json`, written atomically), so a restart does not
 * hammer a banned IP. Expired pauses are dropped. An unreadable file is moved aside and reported.
 */
import { format } from 'date-fns/format';
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import type { ExchangePause } from '../../../shared/domain/keys';
import { writeFileAtomic } from '../files/atomic';
import type { CallGate } from '../net/fetch';
import { MAX_INLINE_WAIT_MS, type PauseReason } from '../net/retry-after';
import type { RecoveredFile } from '../store';
import { exchangeDisplayName } from './catalog';
import { ExchangeCallError } from './errors';

export const GATE_FILE = 'exchange-pauses.json';
/** No pause is kept longer than this, whatever the exchange said (a wrong clock or answer must not stop Ballast for good). */
export const MAX_PAUSE_MS = 3 * 24 * 3600_000;

const FileSchema = z.object({
  pauses: z.record(z.string().max(64), z.object({ until: z.number().finite(), reason: z.enum(['rate-limit', 'ban']) })),
});

export interface ExchangeGateOptions {
  /** The file the pauses are kept in; null keeps them in memory only. */
  path: string | null;
  now: () => number;
  /** Told when the file could not be written (the pause still holds in memory). */
  onWriteError?: (err: unknown) => void;
}

export class ExchangeGate implements CallGate {
  private readonly path: string | null;
  private readonly now: () => number;
  private readonly onWriteError: (err: unknown) => void;
  private readonly held = new Map<string, { until: number; reason: PauseReason }>();
  private writes: Promise<void> = Promise.resolve();

  private constructor(opts: ExchangeGateOptions) {
    this.path = opts.path;
    this.now = opts.now;
    this.onWriteError = opts.onWriteError ?? (() => undefined);
  }

  /** The gate with the pauses kept in `opts.path`; an unreadable file is moved aside (`recovered`). */
  static async open(opts: ExchangeGateOptions): Promise<{ gate: ExchangeGate; recovered: RecoveredFile | null }> {
    const gate = new ExchangeGate(opts);
    if (opts.path === null) return { gate, recovered: null };
    let text: string;
    try {
      text = await readFile(opts.path, 'utf8');
    } catch {
      // no file yet (or none readable): no pauses
      return { gate, recovered: null };
    }
    let parsed: z.infer<typeof FileSchema>;
    try {
      parsed = FileSchema.parse(JSON.parse(text));
    } catch (err) {
      const backupPath = `${opts.path.replace(/\.json$/, '')}.corrupt-${opts.now()}.json`;
      await rename(opts.path, backupPath);
      const reason = err instanceof Error ? err.message.slice(0, 200) : 'unreadable';
      return { gate, recovered: { name: 'exchange-pauses', backupPath, reason } };
    }
    const now = opts.now();
    for (const [exchange, p] of Object.entries(parsed.pauses)) {
      if (p.until > now) gate.held.set(exchange, { until: Math.min(p.until, now + MAX_PAUSE_MS), reason: p.reason });
    }
    return { gate, recovered: null };
  }

  /** The pause of `exchange` in force now, or null. */
  pauseOf(exchange: string): ExchangePause | null {
    const p = this.held.get(exchange);
    if (!p) return null;
    if (p.until <= this.now()) {
      this.held.delete(exchange);
      return null;
    }
    return { exchange, name: exchangeDisplayName(exchange), until: p.until, reason: p.reason };
  }

  /** Every pause in force now, soonest end first. */
  pauses(): ExchangePause[] {
    return [...this.held.keys()]
      .map((x) => this.pauseOf(x))
      .filter((p): p is ExchangePause => p !== null)
      .sort((a, b) => a.until - b.until);
  }

  /** Throws a `rate-limit` ExchangeCallError saying until when, while `exchange` is paused. */
  check(exchange: string): void {
    const p = this.pauseOf(exchange);
    if (!p) return;
    const wait = p.until - this.now();
    const at = format(p.until, 'HH:mm');
    throw new ExchangeCallError({
      code: 'rate-limit',
      message:
        p.reason === 'ban'
          ? `${p.name} has blocked this computer's IP address for calling it too often. Ballast makes no call to ${p.name} before ${at}.`
          : `${p.name} asked Ballast to wait until ${at} before calling it again. Ballast makes no call to ${p.name} before then.`,
      retryable: p.reason !== 'ban' && wait <= MAX_INLINE_WAIT_MS,
      errorClass: null,
      httpStatus: null,
      retryUntil: p.until,
    });
  }

  /** No call to `exchange` before `until` (at most MAX_PAUSE_MS from now); an earlier time changes nothing. */
  hold(exchange: string, until: number, reason: PauseReason): void {
    const now = this.now();
    const capped = Math.min(until, now + MAX_PAUSE_MS);
    if (capped <= now) return;
    const current = this.pauseOf(exchange);
    if (current && current.until >= capped) return;
    this.held.set(exchange, { until: capped, reason: current?.reason === 'ban' ? 'ban' : reason });
    this.persist();
  }

  /** Waits until the file holds every pause recorded so far. */
  flush(): Promise<void> {
    return this.writes;
  }

  private persist(): void {
    const path = this.path;
    if (path === null) return;
    this.writes = this.writes.then(async () => {
      const pauses = Object.fromEntries(
        this.pauses().map((p) => [p.exchange, { until: p.until, reason: p.reason }] as const),
      );
      try {
        await writeFileAtomic(path, `${JSON.stringify({ pauses }, null, 2)}\n`);
      } catch (err) {
        this.onWriteError(err);
      }
    });
  }
}
