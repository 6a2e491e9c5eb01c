import { describe, expect, it } from 'vitest';
import type { RebalancePlan } from '../../shared/allocation';
import {
  FEE_BPS_MAX,
  FEE_BPS_MIN,
  exportMessage,
  feeIsValid,
  planCards,
  planNotes,
} from '../../renderer/src/views/diversification/plan-summary';

function plan(over: Partial<RebalancePlan> = {}): RebalancePlan {
  const empty = { total: 0, drift: [], byAsset: [] };
  return {
    base: 'USD',
    asOf: 0,
    dimension: 'tier',
    feeBps: 25,
    trades: [],
    totalFees: 12.5,
    totalSold: 2500,
    totalBought: 2487.5,
    before: empty,
    after: empty,
    unfilled: [],
    skipped: [],
    unpricedPositions: [],
    notes: [],
    ...over,
  };
}

describe('fee', () => {
  it('accepts 0 to 1,000 basis points, as the plan channel does', () => {
    expect([FEE_BPS_MIN, FEE_BPS_MAX]).toEqual([0, 1000]);
    expect(feeIsValid(0)).toBe(true);
    expect(feeIsValid(1000)).toBe(true);
    expect(feeIsValid(10.5)).toBe(true);
    expect(feeIsValid(-1)).toBe(false);
    expect(feeIsValid(1000.1)).toBe(false);
    expect(feeIsValid(Number.NaN)).toBe(false);
    expect(feeIsValid(Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('summary', () => {
  it('shows sold, bought, fees with the rate, and the number of trades', () => {
    const cards = planCards(plan(), 'USD');
    expect(cards.map((c) => [c.label, c.value])).toEqual([
      ['To sell', '$2,500.00'],
      ['To buy', '$2,487.50'],
      ['Fees', '$12.50'],
      ['Trades', '0'],
    ]);
    expect(cards[2]).toMatchObject({ hint: '0.25% of each trade', testId: 'plan-fees' });
  });

  it('lists unfilled targets, then skipped trades, then notes, each with its tag', () => {
    const notes = planNotes(
      plan({
        unfilled: [{ key: 'mid', label: 'Mid caps', target: 0.2, reason: 'no-holding', message: 'Nothing held.' }],
        skipped: [{ asset: 'PEPE', side: 'sell', value: 3.2, reason: 'below-min-trade' }],
        notes: ['Fees come out of what is bought.'],
      }),
      'USD',
    );
    expect(notes.map((n) => [n.tag.level, n.tag.text, n.text])).toEqual([
      ['warn', 'unfilled', 'Nothing held.'],
      ['info', 'skipped', 'sell PEPE $3.20: below the minimum trade.'],
      ['info', 'note', 'Fees come out of what is bought.'],
    ]);
    expect(new Set(notes.map((n) => n.key)).size).toBe(3);
    expect(planNotes(plan(), 'USD')).toEqual([]);
  });
});

describe('export', () => {
  it('says where the trades went, or that the export was cancelled', () => {
    expect(exportMessage({ path: '/tmp/plan.csv', trades: 4 })).toEqual({
      kind: 'ok',
      text: 'Saved 4 trades to /tmp/plan.csv',
    });
    expect(exportMessage({ path: null, trades: 4 }).text).toBe('Export cancelled.');
  });
});
