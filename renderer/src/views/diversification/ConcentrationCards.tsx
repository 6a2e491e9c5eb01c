/** The row of concentration figures at the top of Diversification: value, largest, top 3, HHI, effective assets. */
import type { Breakdown } from '../../../../shared/allocation/breakdown';
import { StatCard } from '../../components/StatCard';
import { money, pct } from '../../lib/format';
import { hhiVerdict } from './breakdown-view';

export function ConcentrationCards({ b }: { b: Breakdown }) {
  const c = b.concentration;
  const held = b.byAsset.length;
  const hhi = hhiVerdict(c.hhiPoints);
  const unpriced = b.unpricedPositions.length;
  return (
    <section className="cards" aria-label="Concentration" data-testid="concentration">
      <StatCard
        testId="card-total"
        label="Priced value"
        value={money(b.total, b.base)}
        hint={
          <>
            {held} assets
            {unpriced > 0 ? `, ${unpriced} unpriced positions left out` : ''}
          </>
        }
      />
      <StatCard
        testId="card-largest"
        label="Largest position"
        value={c.largest ? `${c.largest.asset} ${pct(c.largest.share)}` : '–'}
        hint="The one asset with the most value, as a share of the whole."
      />
      <StatCard
        testId="card-top3"
        label="Top 3 share"
        value={pct(c.top3Share)}
        hint="How much the three largest assets hold together."
      />
      <StatCard
        testId="card-hhi"
        label="HHI"
        value={
          <>
            {Math.round(c.hhiPoints).toLocaleString('en-US')} <span className={`tag ${hhi.level}`}>{hhi.text}</span>
          </>
        }
        hint="Sum of squared shares (0-10,000); above 2,500 is highly concentrated."
      />
      <StatCard
        testId="card-effective"
        label="Effective assets"
        value={c.effectiveAssets.toFixed(1)}
        hint={`Spread like ${c.effectiveAssets.toFixed(1)} equal positions, out of ${held} held.`}
      />
    </section>
  );
}
