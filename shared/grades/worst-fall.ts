/**
 * The worst fall over a sliding window of closes, in O(1) amortised per close: the largest fall of
 * a close from an earlier high, both inside the last `window` closes (as in `worstFall` of
 * engine.ts, which scans the window each time). Used by the grade runner when it grades every day
 * (factorSeries, gradeHistory).
 *
 * A stretch of closes is summarised by its highest and lowest close and its lowest ratio
 * close / earlier close; two stretches combine exactly (the lowest ratio across them is the later
 * one's low over the earlier one's high). The window is always a suffix of the previous block of
 * `window` closes (summarised once per block, back to front) followed by a prefix of the current
 * block (summarised as it grows). Divisions and minimums meet the same pairs as the scan, so the
 * result is the same number, not an approximation.
 */
export class RollingWorstFall {
  private readonly w: number;
  /** The current block's closes so far. */
  private readonly cur: Float64Array;
  /** Summaries of the previous block from each position to its end. */
  private readonly sufMax: Float64Array;
  private readonly sufMin: Float64Array;
  private readonly sufR: Float64Array;
  /** Summary of the current block so far. */
  private preMax = 0;
  private preMin = 0;
  private preR = 1;
  /** Index of the last close pushed. */
  private j = -1;

  constructor(window: number) {
    this.w = window;
    this.cur = new Float64Array(window);
    this.sufMax = new Float64Array(window);
    this.sufMin = new Float64Array(window);
    this.sufR = new Float64Array(window);
  }

  push(c: number): void {
    const pos = ++this.j % this.w;
    if (pos === 0) {
      if (this.j > 0) this.summariseBlock();
      this.preMax = c;
      this.preMin = c;
      this.preR = 1;
    } else {
      const r = c / this.preMax;
      if (r < this.preR) this.preR = r;
      if (c > this.preMax) this.preMax = c;
      if (c < this.preMin) this.preMin = c;
    }
    this.cur[pos] = c;
  }

  /** Worst fall (<= 0, 0 when the closes never fell) over the last `window` closes; needs that many pushed. */
  worst(): number {
    const pos = this.j % this.w;
    let r = this.preR;
    if (pos !== this.w - 1) {
      const i = pos + 1; // the window starts at position i of the previous block
      if (this.sufR[i]! < r) r = this.sufR[i]!;
      const across = this.preMin / this.sufMax[i]!;
      if (across < r) r = across;
    }
    return r < 1 ? r - 1 : 0;
  }

  private summariseBlock(): void {
    const { w, cur, sufMax, sufMin, sufR } = this;
    sufMax[w - 1] = cur[w - 1]!;
    sufMin[w - 1] = cur[w - 1]!;
    sufR[w - 1] = 1;
    for (let i = w - 2; i >= 0; i--) {
      const c = cur[i]!;
      const r = sufMin[i + 1]! / c;
      sufR[i] = r < sufR[i + 1]! ? r : sufR[i + 1]!;
      sufMax[i] = c > sufMax[i + 1]! ? c : sufMax[i + 1]!;
      sufMin[i] = c < sufMin[i + 1]! ? c : sufMin[i + 1]!;
    }
  }
}
