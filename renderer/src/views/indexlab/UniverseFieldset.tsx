/**
 * The builder's "Universe" fieldset: the index's name, which assets it may hold (top N by market
 * cap, sectors, a custom list, or the user's holdings) and whether stablecoins count. Called by
 * Builder.tsx.
 */
import { useMemo } from 'react';
import { SECTORS, type AssetInfo } from '../../../../shared/domain/types';
import { AssetPicker } from './AssetPicker';
import { sectorCounts, universeChange } from './builder-form';
import { BuilderCheck, BuilderSelect, BuilderText, type FieldsetProps } from './BuilderField';

export function UniverseFieldset(
  props: FieldsetProps & {
    /** Every asset with prices, sorted. */
    symbols: string[];
    catalog: Record<string, AssetInfo>;
    /** The portfolio's assets, for the "my holdings" universe. */
    holdings: string[];
  },
) {
  const { form, errors: fe, update } = props;
  const counts = useMemo(() => sectorCounts(props.symbols, props.catalog), [props.symbols, props.catalog]);
  const pickHoldings = () => update(universeChange(form, 'holdings', props.holdings));
  return (
    <fieldset className="il-group">
      <legend>Universe</legend>
      <BuilderText
        bind={props}
        name="name"
        id="il-name"
        label="Name"
        inputMode="text"
        hint="Optional label for results and exports."
      />
      <BuilderSelect
        bind={props}
        name="universeType"
        id="il-universe"
        label="Assets"
        onChange={(type) => update(universeChange(form, type, props.holdings))}
      />
      {form.universeType !== 'holdings' && (
        <BuilderText
          bind={props}
          name="topN"
          id="il-topn"
          label={form.universeType === 'top' ? 'Top N' : 'Keep the largest N (optional)'}
          inputMode="numeric"
          hint={
            form.universeType === 'top'
              ? 'The N largest by market cap, re-ranked at each rebalance.'
              : 'Empty: all of them.'
          }
        />
      )}
      {form.universeType === 'sector' && (
        <fieldset className="il-picker">
          <legend>Sectors</legend>
          <div className="il-chips">
            {SECTORS.map((s) => {
              const n = counts.get(s) ?? 0;
              const on = form.sectors.includes(s);
              return (
                <label key={s} className={on ? 'il-chip on' : 'il-chip'}>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={n === 0 && !on}
                    onChange={() =>
                      update({ sectors: on ? form.sectors.filter((x) => x !== s) : [...form.sectors, s] })
                    }
                  />
                  {s} <span className="muted small">{n}</span>
                </label>
              );
            })}
          </div>
          {fe.sectors && (
            <span className="error-text small" role="alert">
              {fe.sectors}
            </span>
          )}
        </fieldset>
      )}
      {form.universeType === 'custom' && (
        <AssetPicker
          symbols={props.symbols}
          catalog={props.catalog}
          selected={form.symbols}
          onChange={(s) => update({ symbols: s })}
          error={fe.symbols}
        />
      )}
      {form.universeType === 'holdings' && (
        <div className="field">
          <span>Holdings used</span>
          <span className="small" data-testid="il-holdings">
            {form.symbols.length ? form.symbols.join(', ') : 'none'}
          </span>
          {form.holdingsTargets && <span className="muted small">Fixed targets from the imported spec.</span>}
          <button type="button" onClick={pickHoldings}>
            Refresh from my portfolio
          </button>
          {fe.symbols && (
            <span className="error-text small" role="alert">
              {fe.symbols}
            </span>
          )}
        </div>
      )}
      <BuilderCheck bind={props} name="includeStablecoins">
        Include stablecoins in the basket
      </BuilderCheck>
    </fieldset>
  );
}
