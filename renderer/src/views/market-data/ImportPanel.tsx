/**
 * "Import a folder of CSVs" (the CLI format: date,open,high,low,close,volume[,market_cap], one
 * SYMBOL.csv per asset): asks main to pick a folder and import it, then shows what was imported and
 * every skipped row with its file, line and reason. Called by MarketDataView.
 */
import { useState } from 'react';
import type { MarketHistoryImportResult } from '../../../../shared/ipc/channels/market-history';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { importSummary } from './coverage-rows';

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MarketHistoryImportResult | null>(null);
  const [note, setNote] = useState<StatusNote | null>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await call('market-history:import');
      const text = importSummary(r);
      if (text) {
        setResult(r);
        setNote({ kind: 'ok', text });
        onImported();
      }
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel stack" aria-labelledby="md-import-title">
      <h2 id="md-import-title">Your own data</h2>
      <p className="small muted">
        A folder of SYMBOL.csv files with the columns date,open,high,low,close,volume and optionally market_cap (USD),
        the same format as the command line. Imported days replace downloaded ones.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void run()} disabled={busy} data-testid="md-import">
          {busy ? 'Importing…' : 'Import a folder of CSVs'}
        </button>
      </div>
      <StatusText status={note} small />
      {result && result.skippedFiles.length > 0 && (
        <ul className="small" aria-label="Skipped files">
          {result.skippedFiles.map((f) => (
            <li key={f.file}>
              {f.file}: {f.reason}
            </li>
          ))}
        </ul>
      )}
      {result && result.errors.length > 0 && (
        <table className="table small" data-testid="md-import-errors">
          <caption className="muted">
            Skipped rows
            {result.errorCount > result.errors.length ? ` (first ${result.errors.length} of ${result.errorCount})` : ''}
          </caption>
          <thead>
            <tr>
              <th>File</th>
              <th className="num">Line</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e) => (
              <tr key={`${e.file}:${e.line}`}>
                <td>{e.file}</td>
                <td className="num">{e.line}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
