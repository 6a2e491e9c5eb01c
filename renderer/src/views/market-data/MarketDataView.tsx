/**
 * Market data: what the local market history holds and where it came from. A summary (assets, days,
 * size on disk, last update), "Update now" with progress and Cancel, the per-asset coverage table,
 * the CSV-folder import, and the sources' attribution and terms. A view of its own rather than a
 * Settings section: it is read as often as it is changed, and its table needs the width. Reads the
 * `market-history:*` channels and listens to `market-history:progress`.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MarketHistoryProgress } from '../../../../shared/ipc/channels/market-history';
import { call, onEvent } from '../../lib/api';
import { ago } from '../../lib/format';
import { useAsync } from '../../lib/useApi';
import { CoverageTable } from './CoverageTable';
import { bytesText, coverageRow } from './coverage-rows';
import { ImportPanel } from './ImportPanel';
import { UpdatePanel } from './UpdatePanel';
import './market-data.css';

export function MarketDataView() {
  const coverage = useAsync(() => call('market-history:coverage'), []);
  const status = useAsync(() => call('market-history:status'), []);
  const [progress, setProgress] = useState<MarketHistoryProgress | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const reloadCoverage = coverage.reload;
  const reloadStatus = status.reload;
  useEffect(
    () =>
      onEvent('market-history:progress', (p) => {
        setProgress(p);
        if (p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed' || p.done % 5 === 0) {
          setNow(Date.now());
          reloadCoverage();
          reloadStatus();
        }
      }),
    [reloadCoverage, reloadStatus],
  );
  const shownProgress = progress ?? status.data?.progress ?? null;
  const rows = useMemo(() => (coverage.data ? coverage.data.assets.map(coverageRow) : []), [coverage.data]);
  const t = coverage.data?.totals;
  const refresh = () => {
    reloadCoverage();
    reloadStatus();
  };
  return (
    <div className="stack market-data-view">
      <section className="panel stack" aria-labelledby="md-title">
        <h2 id="md-title">Market history</h2>
        <p className="small">
          Daily prices and historical market caps of the largest assets, downloaded without any key and kept on this
          computer. The Index Lab and the Grades run on it.
        </p>
        {coverage.error && (
          <p className="error-text" role="alert">
            {coverage.error}
          </p>
        )}
        {t && (
          <dl className="md-summary" data-testid="md-summary">
            <div>
              <dt>Assets</dt>
              <dd>
                {t.withPrices} with prices, {t.withCaps} with market caps (of {t.assets})
              </dd>
            </div>
            <div>
              <dt>Days</dt>
              <dd>{t.firstDay && t.lastDay ? `${t.firstDay} to ${t.lastDay}` : 'none yet'}</dd>
            </div>
            <div>
              <dt>Size on disk</dt>
              <dd data-testid="md-size">{bytesText(t.bytesOnDisk)}</dd>
            </div>
            <div>
              <dt>Last update</dt>
              <dd>{t.lastUpdateAt === null ? 'never' : ago(t.lastUpdateAt, now)}</dd>
            </div>
          </dl>
        )}
      </section>
      <UpdatePanel status={status.data} progress={shownProgress} onChanged={refresh} />
      <CoverageTable rows={rows} now={now} />
      <ImportPanel onImported={refresh} />
      <section className="panel stack" aria-labelledby="md-terms-title" data-testid="md-attribution">
        <h2 id="md-terms-title">Sources and terms</h2>
        <ul className="small">
          {(coverage.data?.attribution ?? []).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="small muted">
          Coin Metrics Community Data is licensed CC BY-NC 4.0: free for non-commercial use with attribution.
          CoinGecko&apos;s public API asks for the attribution above. Exchanges learn only that someone downloads public
          daily candles; no key, account or holding is sent.
        </p>
      </section>
    </div>
  );
}
