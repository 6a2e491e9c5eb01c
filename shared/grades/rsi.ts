/**
 * Wilder's Relative Strength Index as a streaming kernel over plain numbers: the same arithmetic,
 * in the same order, as trading-signals' `RSI` with its default `WSMA` smoothing (the first average
 * gain and loss are the sum of the first `period` moves divided by `period`, then
 * avg += (move - avg) / period with the factor 1 / period; 100 when the average loss is 0), without
 * the library's per-update arrays and signal bookkeeping, which cost ~20 times the arithmetic. Tested
 * against trading-signals on random and real series (test/unit/grades-rsi.test.ts). Used by the
 * grade runner (engine.ts).
 */
export class WilderRsi {
  private readonly period: number;
  private readonly factor: number;
  /** Prices seen so far. */
  private n = 0;
  private prev = Number.NaN;
  private gain = 0;
  private loss = 0;

  constructor(period: number) {
    this.period = period;
    this.factor = 1 / period;
  }

  /** Feeds the next price; returns the RSI, or NaN until `period` moves (period + 1 prices) were seen. */
  update(price: number): number {
    const n = ++this.n;
    const prev = this.prev;
    this.prev = price;
    if (n === 1) return Number.NaN;
    let up = 0;
    let down = 0;
    if (price > prev) up = price - prev;
    else down = prev - price;
    const p = this.period;
    if (n <= p + 1) {
      // The first averages: plain sums of the first `period` moves, divided once.
      this.gain += up;
      this.loss += down;
      if (n <= p) return Number.NaN;
      this.gain /= p;
      this.loss /= p;
    } else {
      this.gain = (up - this.gain) * this.factor + this.gain;
      this.loss = (down - this.loss) * this.factor + this.loss;
    }
    if (this.loss === 0) return 100;
    return 100 - 100 / (this.gain / this.loss + 1);
  }
}

/** RSI of every price (NaN for the first `period`), as a series. */
export function rsiSeries(prices: ArrayLike<number>, period = 14): Float64Array {
  const out = new Float64Array(prices.length);
  const rsi = new WilderRsi(period);
  for (let i = 0; i < prices.length; i++) out[i] = rsi.update(prices[i]!);
  return out;
}
