/**
 * Settings panel for the asset catalog: where market caps come from, a manual refresh, and per-asset
 * sector / tier overrides (they change the diversification breakdown and the rules at once). Part of Settings.
 */
import { useState, type FormEvent } from 'react';
import { SECTORS, TIERS, type Sector, type Tier } from '../../../../shared/domain/types';
import type { CatalogStatus } from '../../../../shared/ipc/channels/catalog';
import { Field } from '../../components/Field';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { SuggestInput } from '../../components/SuggestInput';
import { TableHead } from '../../components/TableHead';
import { call, errorText } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLive } from '../../lib/useApi';

export function CatalogSettings() {
  const loaded = useLive(() => call('catalog:status'), []);
  const [status, setStatus] = useState<CatalogStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<StatusNote | null>(null);
  const [symbol, setSymbol] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const [tier, setTier] = useState<Tier | ''>('');
  const current = status ?? loaded.data ?? null;

  const apply = (s: CatalogStatus, text: string) => {
    setStatus(s);
    setMessage({ kind: 'ok', text });
  };

  const refreshCaps = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('catalog:refresh');
      if (r.ok) apply(r.status, `Market caps refreshed for ${r.count} assets.`);
      else {
        setStatus(r.status);
        setMessage({ kind: 'error', text: `${r.message} The catalog you had is still in use.` });
      }
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const s = await call('catalog:setOverride', {
        symbol,
        ...(sector ? { sector } : {}),
        ...(tier ? { tier } : {}),
      });
      apply(s, `Override for ${symbol.toUpperCase()} saved.`);
      setSymbol('');
      setSector('');
      setTier('');
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  };

  if (loaded.error) return <p role="alert">{loaded.error}</p>;
  if (!current) return <p className="muted">Loading the asset catalog…</p>;
  const overrides = Object.entries(current.overrides);
  return (
    <section className="panel stack" aria-labelledby="catalog-title" data-testid="catalog-settings">
      <h2 id="catalog-title">Asset catalog</h2>
      <div className="row">
        <span>
          {current.assets} assets. Market caps:{' '}
          {current.fetchedAt
            ? `refreshed ${dateTime(current.fetchedAt)}`
            : `bundled figures of ${current.bundleAsOf} (approximate)`}
          .
        </span>
        <button type="button" onClick={() => void refreshCaps()} disabled={busy}>
          {busy ? 'Refreshing…' : 'Refresh market caps now'}
        </button>
      </div>
      <form className="form-grid" onSubmit={(e) => void save(e)} aria-label="Asset override">
        <Field id="override-symbol" label="Asset">
          <SuggestInput
            id="override-symbol"
            listId="catalog-symbols"
            suggestions={current.entries.map((a) => ({ value: a.symbol, label: `${a.name} (${a.sector})` }))}
            value={symbol}
            required
            maxLength={20}
            onChange={(e) => setSymbol(e.target.value)}
          />
        </Field>
        <Field id="override-sector" label="Sector">
          <select id="override-sector" value={sector} onChange={(e) => setSector(e.target.value as Sector | '')}>
            <option value="">(keep)</option>
            {SECTORS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field id="override-tier" label="Tier">
          <select id="override-tier" value={tier} onChange={(e) => setTier(e.target.value as Tier | '')}>
            <option value="">(by market cap)</option>
            {TIERS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={!symbol || (!sector && !tier)}>
            Save override
          </button>
        </div>
      </form>
      <StatusText status={message} />
      {overrides.length > 0 && (
        <table className="table" data-testid="overrides-table">
          <TableHead columns={['Asset', 'Sector', 'Tier', '']} />
          <tbody>
            {overrides.map(([sym, o]) => (
              <tr key={sym}>
                <td>{sym}</td>
                <td>{o.sector ?? '(catalog)'}</td>
                <td>{o.tier ?? '(by market cap)'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      void call('catalog:clearOverride', { symbol: sym }).then(
                        (s) => apply(s, `Override for ${sym} removed.`),
                        (err: unknown) => setMessage({ kind: 'error', text: errorText(err) }),
                      )
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
