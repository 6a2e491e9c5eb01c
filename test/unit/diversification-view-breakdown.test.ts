import { describe, expect, it } from 'vitest';
import * as view from '../../renderer/src/views/diversification/breakdown-view';
import { PALETTE } from '../../renderer/src/lib/palette';
import { emptyBreakdown, sampleBreakdown } from './diversification-view-fixture';

describe('dimensions and tabs', () => {
  it('lists the four dimensions with the slices each one shows', () => {
    const b = sampleBreakdown();
    expect(view.DIMENSIONS.map((d) => d.id)).toEqual(['asset', 'tier', 'sector', 'custody']);
    expect(view.slicesOf(b, 'asset')).toBe(b.byAsset);
    expect(view.slicesOf(b, 'tier')).toBe(b.byTier);
    expect(view.slicesOf(b, 'sector')).toBe(b.bySector);
    expect(view.slicesOf(b, 'custody')).toBe(b.byCustody);
    expect(view.dimensionDef('custody').noun).toBe('account or wallet');
  });

  it('moves between tabs with the arrow keys, wrapping at both ends, and ignores other keys', () => {
    expect(view.nextDimension('asset', 'ArrowRight')).toBe('tier');
    expect(view.nextDimension('custody', 'ArrowRight')).toBe('asset');
    expect(view.nextDimension('asset', 'ArrowLeft')).toBe('custody');
    expect(view.nextDimension('custody', 'ArrowLeft')).toBe('sector');
    expect(view.nextDimension('tier', 'Enter')).toBeNull();
    expect(view.nextDimension('tier', 'ArrowDown')).toBeNull();
  });

  it('titles the first column after the noun', () => {
    expect(view.columnTitle('account or wallet')).toBe('Account or wallet');
    expect(view.columnTitle('asset')).toBe('Asset');
  });
});

describe('concentration verdict', () => {
  it('calls an HHI above 2,500 highly concentrated and above 1,500 moderately, inclusive of the edge below', () => {
    expect(view.hhiVerdict(2500.1)).toEqual({ level: 'crit', text: 'highly concentrated' });
    expect(view.hhiVerdict(2500)).toEqual({ level: 'warn', text: 'moderately concentrated' });
    expect(view.hhiVerdict(1500.1).level).toBe('warn');
    expect(view.hhiVerdict(1500)).toEqual({ level: 'ok', text: 'diversified' });
    expect(view.hhiVerdict(0).level).toBe('ok');
  });
});

describe('doughnut', () => {
  it('colours slices in palette order and pulls out only the selected one', () => {
    const slices = sampleBreakdown().byAsset;
    const data = view.sliceChartData(slices, 'ETH');
    const ds = data.datasets[0]!;
    expect(data.labels).toEqual(slices.map((s) => s.label));
    expect(ds.data).toEqual(slices.map((s) => s.value));
    expect(ds.backgroundColor).toEqual(slices.map((_, i) => PALETTE[i]));
    const eth = slices.findIndex((s) => s.key === 'ETH');
    expect(ds.offset.filter((o) => o > 0)).toHaveLength(1);
    expect(ds.offset[eth]).toBe(14);
    expect(ds.borderWidth[eth]).toBe(3);
    expect(ds.borderColor[eth]).toBe('#e6edf3');
  });

  it('selects nothing when no key matches', () => {
    const ds = view.sliceChartData(sampleBreakdown().byAsset, null).datasets[0]!;
    expect(ds.offset.every((o) => o === 0)).toBe(true);
    expect(ds.borderWidth.every((w) => w === 1)).toBe(true);
  });

  it('says the slice, its value and share in the tooltip', () => {
    const btc = sampleBreakdown().byAsset.find((s) => s.key === 'BTC')!;
    expect(view.sliceTooltip(btc, 'USD')).toBe('BTC coin (BTC): $4,000.00 (40.0%)');
    expect(view.sliceTooltip(undefined, 'USD')).toBe('');
  });
});

describe('slice holdings', () => {
  it('lists the positions of a slice largest first, with the share of the slice and of the whole', () => {
    const b = sampleBreakdown();
    const btc = b.byAsset.find((s) => s.key === 'BTC')!;
    const rows = view.sliceHoldingRows(btc, b);
    expect(rows.map((r) => r.heldAt)).toEqual(['Ledger', 'Binance main']);
    expect(rows[0]!.ofGroup).toBeCloseTo(0.75, 9);
    expect(rows[0]!.ofPortfolio).toBeCloseTo(0.3, 9);
    expect(rows[1]!.ofGroup).toBeCloseTo(0.25, 9);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('has no share when the slice or the portfolio is worth nothing', () => {
    const b = emptyBreakdown();
    const slice = {
      key: 'x',
      label: 'X',
      value: 0,
      share: 0,
      positions: [sampleBreakdown().byAsset[0]!.positions[0]!],
    };
    const [row] = view.sliceHoldingRows(slice, b);
    expect(row!.ofGroup).toBeNull();
    expect(row!.ofPortfolio).toBeNull();
  });

  it('names a custody by its label, or by its id when the breakdown does not know it', () => {
    const name = view.custodyNamer(sampleBreakdown());
    expect(name({ custodyId: 'bin' })).toBe('Binance main');
    expect(name({ custodyId: 'gone' })).toBe('gone');
  });

  it('never draws a share bar past its end', () => {
    expect(view.shareBarWidth(0.25)).toBe('25%');
    expect(view.shareBarWidth(1.5)).toBe('100%');
  });
});
