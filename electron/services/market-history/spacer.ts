/**
 * A sliding-window request limit for the HTTP sources the market-history update calls without ccxt:
 * at most `requests` calls in any `windowMs` (Coin Metrics community: 10 per 6 s per IP; CoinGecko
 * without a key: about 10 a minute, kept as one every 6 s). `take()` resolves when the next call may
 * go; waits use the injected clock and sleep, so tests never wait, and stop when the run is cancelled.
 */

export interface RateLimit {
  requests: number;
  windowMs: number;
}

export interface SpacerClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class RequestSpacer {
  readonly limit: RateLimit;
  private readonly clock: SpacerClock;
  /** Start times of the calls in the current window, oldest first. */
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** No call before this time (a Retry-After). */
  private heldUntil = 0;

  constructor(limit: RateLimit, clock: SpacerClock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Waits until a call is allowed, then counts it. Calls are let through in the order they asked. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        signal?.throwIfAborted();
        const now = this.clock.now();
        if (now < this.heldUntil) {
          await this.clock.sleep(this.heldUntil - now, signal);
          continue;
        }
        while (this.sent.length > 0 && this.sent[0]! <= now - this.limit.windowMs) this.sent.shift();
        if (this.sent.length < this.limit.requests) {
          this.sent.push(now);
          return;
        }
        await this.clock.sleep(this.sent[0]! + this.limit.windowMs - now, signal);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** No call before `until` (a Retry-After): the next calls wait until then. */
  holdUntil(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
  }

  /** The shortest time `n` more calls can take from now under the limit (for time estimates). */
  timeFor(n: number): number {
    if (n <= 0) return 0;
    return (Math.ceil(n / this.limit.requests) - 1) * this.limit.windowMs;
  }
}
