/**
 * Refused request times (clock skew, nonces): corrected once where the exchange allows it, then told
 * plainly.
 *
 * Binance (-1021, outside the recvWindow), OKX (50102, timestamp expired) and Kraken ("EAPI:Invalid
 * nonce") refuse a signed request whose time they do not accept; ccxt raises `InvalidNonce` for all
 * three. `correctClockOnRefusal` wraps the instance's `request` (every REST call of a ccxt instance
 * goes through it): on that refusal, an exchange that tells its time (Binance, OKX: ccxt's
 * `loadTimeDifference`) has the difference measured and the call is sent once more with corrected
 * timestamps; `onCorrected` hears of it ("Your computer's clock is 95 s off; Ballast corrected for
 * it"). When the exchange still refuses, or cannot tell its time (Kraken, where a nonce refusal
 * usually means another app uses the same key), the call fails with a `clock-skew`
 * ExchangeCallError that says what to do; it is not retried further.
 *
 * The exchange client (./client.ts) installs it on every instance.
 */
import type { Exchange } from 'ccxt';
import { exchangeDisplayName } from './catalog';
import { ccxtErrorClass, ExchangeCallError, mapExchangeError } from './errors';

/** Whether `err` is the exchange refusing the request's time or nonce (ccxt's InvalidNonce). */
export function isRefusedTime(err: unknown): boolean {
  return ccxtErrorClass(err) === 'InvalidNonce';
}

/** "95 s" / "4 min" / "2 h": how far off the computer's clock is. */
export function offsetText(offsetMs: number): string {
  const s = Math.round(Math.abs(offsetMs) / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/** The refusal as a `clock-skew` error; with the offset Ballast measured and corrected for, if any. */
function clockSkew(err: unknown, exchangeId: string, offsetMs: number | null): ExchangeCallError {
  const mapped = mapExchangeError(err, exchangeId);
  // under 2 s the clock is not what is wrong: keep the general advice
  if (offsetMs === null || Math.abs(offsetMs) < 2_000) return new ExchangeCallError(mapped);
  const x = exchangeDisplayName(exchangeId);
  return new ExchangeCallError({
    ...mapped,
    message: `Your computer's clock is ${offsetText(offsetMs)} off and ${x} refused the request time even after Ballast corrected for it. Set your computer's clock automatically.`,
  });
}

type RequestFn = (...args: unknown[]) => Promise<unknown>;

/** Installs the correction described at the top of this module on `ex`. */
export function correctClockOnRefusal(
  ex: Exchange,
  exchangeId: string,
  onCorrected?: (offsetMs: number) => void,
): void {
  const target = ex as unknown as { request: RequestFn };
  const original = target.request.bind(ex) as RequestFn;
  const canMeasure = Boolean(ex.has['fetchTime']) && exchangeId !== 'kraken';
  target.request = async (...args: unknown[]) => {
    try {
      return await original(...args);
    } catch (err) {
      if (!isRefusedTime(err)) throw err;
      if (!canMeasure) throw clockSkew(err, exchangeId, null);
      let offsetMs: number;
      try {
        offsetMs = await ex.loadTimeDifference();
      } catch {
        throw clockSkew(err, exchangeId, null);
      }
      try {
        const result = await original(...args);
        try {
          onCorrected?.(offsetMs);
        } catch {
          // a failing listener must not fail the call
        }
        return result;
      } catch (again) {
        if (isRefusedTime(again)) throw clockSkew(again, exchangeId, offsetMs);
        throw again;
      }
    }
  };
}
