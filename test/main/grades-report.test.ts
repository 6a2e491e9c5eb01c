/**
 * The grades' report card over IPC (`grades:report`): measured on the price history the app uses,
 * cached per history object, shared by concurrent callers, and computed in steps so other requests
 * are answered while it runs.
 */
import { describe, expect, it } from 'vitest';
import { GradeReports } from '../../electron/services/grade-report';
import { DAY_MS, type Candle, type PriceHistory } from '../../shared/domain/types';
import type { PriceHistoryView } from '../../shared/ipc/channels/prices';
import { mulberry32 as rng } from '../../shared/random';
import { startApp } from './support/app';
import { cleanUpAfterEach } from './support/cleanup';

cleanUpAfterEach();

const NOW = Date.UTC(2026, 10, 21, 12);

function history(tokens: number, days: number, seed = 1): PriceHistory {
  const out: PriceHistory = {};
  const t0 = NOW - days * DAY_MS;
  for (let k = 0; k < tokens; k++) {
    const r = rng(seed + k);
    let p = 10;
    const candles: Candle[] = [];
    for (let d = 0; d < days; d++) {
      p *= Math.exp((r() - 0.5) * 0.03 * (1 + (k % 5)));
      candles.push({ t: t0 + d * DAY_MS, o: p, h: p, l: p, c: p, v: 1e6 * (k + 1), mc: p * 1e8 });
    }
    out[`T${k}`] = candles;
  }
  return out;
}

describe('grades:report', () => {
  it('measures the sample, says it is the sample, and answers the same card until the history changes', async () => {
    const app = await startApp({ prefix: 'ballast-report-', now: () => NOW });
    const card = await app.call('grades:report');
    expect(card.sample).toBe(true);
    expect(card.trader.map((h) => h.horizon)).toEqual([7, 30]);
    expect(card.investor.map((h) => h.horizon)).toEqual([90, 180]);
    expect(card.assets.trader).toBeGreaterThan(0);
    expect(card.readings.trader.length).toBeGreaterThan(20);
    expect(card.readings.investor.length).toBeGreaterThan(20);
    const again = await app.call('grades:report');
    expect(again.computedAt).toBe(card.computedAt);
  });

  it('shares one computation between concurrent callers and keeps answering other requests meanwhile', async () => {
    let view: PriceHistoryView = { sample: false, history: history(30, 900), catalog: {} };
    let clock = NOW;
    const reports = new GradeReports({ priceHistory: () => view, now: () => clock++ });
    const first = reports.card();
    const second = reports.card();
    expect(second).toBe(first);
    // The measurement pauses between steps: a timer set now fires before it has finished.
    let finished = false;
    void first.then(() => (finished = true));
    const timerSawFinished = await new Promise<boolean>((resolve) => setTimeout(() => resolve(finished), 0));
    expect(timerSawFinished).toBe(false);
    const card = await first;
    expect(card.sample).toBe(false);
    expect(card.assets.trader).toBe(30);
    expect(card.enough).toBe(true);
    // A new history object is measured again.
    view = { ...view, history: history(30, 900, 99) };
    const next = await reports.card();
    expect(next.computedAt).not.toBe(card.computedAt);
  });

  it('leaves stablecoins out and tries again after a failure', async () => {
    const base = history(12, 500);
    const withStable: PriceHistory = { ...base, USDT: base['T0']!.map((c) => ({ ...c, o: 1, h: 1, l: 1, c: 1 })) };
    let fail = true;
    const reports = new GradeReports({
      priceHistory: () => {
        if (fail) throw new Error('history unavailable');
        return { sample: false, history: withStable, catalog: {} };
      },
      now: () => NOW,
    });
    expect(() => reports.card()).toThrow('history unavailable');
    fail = false;
    const card = await reports.card();
    expect(card.assets.trader).toBe(12);
  });
});
