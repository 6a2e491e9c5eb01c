/**
 * Manual holdings panel (Dashboard): wallets kept outside connected exchanges, their holdings with inline
 * editing, an add form with catalog suggestions, and CSV import with a preview of every row.
 */
import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { decodeCsvBytes, parseAmount, previewRows, type CsvEncoding } from '../../../shared/holdings/csv';
import {
  MAX_CSV_BYTES,
  type CsvImportMode,
  type HoldingsCsvPreview,
  type ManualHolding,
  type ManualWalletView,
} from '../../../shared/holdings/types';
import { call, errorText } from '../lib/api';
import { useApp } from '../lib/context';
import { amount as fmtAmount, dateTime, plural } from '../lib/format';
import { useAsync } from '../lib/useApi';
import './ManualHoldings.css';

type Status = { kind: 'ok' | 'error'; text: string } | null;

/** Amounts typed by hand: "1,5" and "1 234.5" are accepted like in CSV files. */
function readAmount(text: string): number | null {
  const r = parseAmount(text, ';');
  return r.ok ? r.value : null;
}

export function ManualHoldingsPanel() {
  const { portfolio, refresh } = useApp();
  const list = useAsync(() => call('holdings:list'), []);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const wallets = list.data?.wallets ?? [];
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of Object.values(portfolio?.catalog ?? {})) m.set(a.symbol, a.name);
    return m;
  }, [portfolio?.catalog]);

  /** Runs a change, then reloads the list and the app's portfolio. Returns false on error. */
  const run = async (fn: () => Promise<string | null>): Promise<boolean> => {
    setBusy(true);
    try {
      const text = await fn();
      setStatus(text ? { kind: 'ok', text } : null);
      return true;
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
      return false;
    } finally {
      setBusy(false);
      list.reload();
      refresh();
    }
  };

  const holdingCount = wallets.reduce((n, w) => n + w.holdings.length, 0);
  const csv = useCsvImport(wallets, run);

  return (
    <section className="panel stack mh" aria-labelledby="mh-title" data-testid="manual-holdings">
      <div className="toolbar">
        <div>
          <h2 id="mh-title">Manual holdings</h2>
          <div className="muted small">
            Cold wallets and platforms Ballast cannot sync.{' '}
            {wallets.length > 0 && `${plural(wallets.length, 'wallet')}, ${plural(holdingCount, 'holding')}.`}
          </div>
        </div>
        {csv.button}
      </div>
      {csv.region}

      {status && (
        <div
          className={`banner ${status.kind === 'error' ? 'error' : ''}`}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="mh-status"
        >
          {status.text}{' '}
          <button type="button" className="link" onClick={() => setStatus(null)}>
            Dismiss
          </button>
        </div>
      )}
      {list.error && (
        <div className="banner error" role="alert">
          Could not load manual holdings: {list.error}
        </div>
      )}

      <AddHoldingForm wallets={wallets} names={names} busy={busy} run={run} />

      {list.loading && !list.data ? (
        <p className="muted">Loading manual holdings…</p>
      ) : wallets.length === 0 ? (
        <p className="muted mh-empty" data-testid="mh-empty">
          No manual holdings yet. Add what you keep on a hardware wallet or another platform above, or import a CSV file
          with <code>asset</code> and <code>amount</code> columns.
        </p>
      ) : (
        wallets.map((w) => <WalletSection key={w.id} wallet={w} names={names} busy={busy} run={run} />)
      )}
    </section>
  );
}

type Run = (fn: () => Promise<string | null>) => Promise<boolean>;

function AddHoldingForm(props: { wallets: ManualWalletView[]; names: Map<string, string>; busy: boolean; run: Run }) {
  const id = useId();
  const [asset, setAsset] = useState('');
  const [amountText, setAmountText] = useState('');
  const [wallet, setWallet] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const walletLabel = wallet || props.wallets[0]?.label || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const symbol = asset.trim().toUpperCase();
    const amount = readAmount(amountText);
    const label = walletLabel.trim();
    if (!/^[A-Z0-9.]{1,20}$/.test(symbol)) return setProblem('Enter the asset symbol, e.g. BTC.');
    if (amount === null) return setProblem('Enter an amount of 0 or more, e.g. 0.5.');
    if (!label) return setProblem('Name the wallet or platform, e.g. Ledger.');
    setProblem(null);
    const ok = await props.run(async () => {
      const existing = props.wallets.find((w) => w.label.toLowerCase() === label.toLowerCase());
      const target = existing ?? (await call('holdings:addWallet', { label }));
      await call('holdings:add', {
        walletId: target.id,
        asset: symbol,
        amount,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      return `Added ${fmtAmount(amount)} ${symbol} to ${target.label}.`;
    });
    if (ok) {
      setAsset('');
      setAmountText('');
      setNote('');
      setWallet(label);
    }
  };

  return (
    <form className="mh-add" onSubmit={(e) => void submit(e)} aria-label="Add a manual holding">
      <label className="field" htmlFor={`${id}-asset`}>
        <span>Asset</span>
        <input
          id={`${id}-asset`}
          list={`${id}-assets`}
          value={asset}
          placeholder="BTC"
          autoComplete="off"
          maxLength={20}
          onChange={(e) => setAsset(e.target.value)}
          data-testid="mh-asset"
        />
        <datalist id={`${id}-assets`}>
          {[...props.names].map(([symbol, name]) => (
            <option key={symbol} value={symbol}>
              {name}
            </option>
          ))}
        </datalist>
      </label>
      <label className="field" htmlFor={`${id}-amount`}>
        <span>Amount</span>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          value={amountText}
          placeholder="0.5"
          autoComplete="off"
          onChange={(e) => setAmountText(e.target.value)}
          data-testid="mh-amount"
        />
      </label>
      <label className="field" htmlFor={`${id}-wallet`}>
        <span>Wallet or platform</span>
        <input
          id={`${id}-wallet`}
          list={`${id}-wallets`}
          value={walletLabel}
          placeholder="Ledger"
          maxLength={60}
          onChange={(e) => setWallet(e.target.value)}
          data-testid="mh-wallet"
        />
        <datalist id={`${id}-wallets`}>
          {props.wallets.map((w) => (
            <option key={w.id} value={w.label} />
          ))}
        </datalist>
      </label>
      <label className="field" htmlFor={`${id}-note`}>
        <span>
          Note <span className="muted small">(optional)</span>
        </span>
        <input id={`${id}-note`} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="mh-add-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          Add holding
        </button>
      </div>
      {problem && (
        <p className="error-text small mh-add-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function WalletSection(props: { wallet: ManualWalletView; names: Map<string, string>; busy: boolean; run: Run }) {
  const { wallet: w } = props;
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [label, setLabel] = useState(w.label);
  const [platform, setPlatform] = useState(w.platform);
  const id = useId();

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await props.run(async () => {
      await call('holdings:renameWallet', { id: w.id, label, platform });
      return null;
    });
    if (ok) setMode('view');
  };

  return (
    <article className="mh-wallet" aria-label={`Wallet ${w.label}`} data-testid="mh-wallet-section">
      <header className="mh-wallet-head">
        {mode === 'rename' ? (
          <form className="row" onSubmit={(e) => void rename(e)} aria-label={`Rename ${w.label}`}>
            <label className="field" htmlFor={`${id}-label`}>
              <span className="small muted">Name</span>
              <input
                id={`${id}-label`}
                value={label}
                maxLength={60}
                autoFocus
                onChange={(e) => setLabel(e.target.value)}
              />
            </label>
            <label className="field" htmlFor={`${id}-platform`}>
              <span className="small muted">Platform</span>
              <input
                id={`${id}-platform`}
                value={platform}
                maxLength={60}
                placeholder="e.g. Hardware wallet"
                onChange={(e) => setPlatform(e.target.value)}
              />
            </label>
            <div className="actions">
              <button type="submit" className="primary" disabled={props.busy}>
                Save
              </button>
              <button
                type="button"
                onClick={() => {
                  setLabel(w.label);
                  setPlatform(w.platform);
                  setMode('view');
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <h3>
            {w.label} {w.platform && <span className="muted small">· {w.platform}</span>}{' '}
            <span className="muted small">· {plural(w.holdings.length, 'holding')}</span>
          </h3>
        )}
        {mode === 'view' && (
          <div className="actions">
            <button type="button" onClick={() => setMode('rename')} aria-label={`Rename wallet ${w.label}`}>
              Rename
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => setMode('confirm-delete')}
              aria-label={`Delete wallet ${w.label}`}
            >
              Delete wallet
            </button>
          </div>
        )}
        {mode === 'confirm-delete' && (
          <div className="actions mh-confirm" role="group" aria-label="Confirm wallet deletion">
            <span>
              Delete {w.label}
              {w.holdings.length > 0 ? ` and its ${plural(w.holdings.length, 'holding')}` : ''}?
            </span>
            <button
              type="button"
              className="danger"
              autoFocus
              disabled={props.busy}
              onClick={() =>
                void props.run(async () => {
                  const r = await call('holdings:removeWallet', { id: w.id });
                  return `Deleted ${w.label} (${plural(r.removedHoldings, 'holding')}).`;
                })
              }
            >
              Delete
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        )}
      </header>
      {w.holdings.length === 0 ? (
        <p className="muted small">No holdings in this wallet yet.</p>
      ) : (
        <table className="table mh-table" data-testid="mh-table">
          <thead>
            <tr>
              <th>Asset</th>
              <th className="num">Amount</th>
              <th>Note</th>
              <th>Updated</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {w.holdings.map((h) => (
              <HoldingRow key={h.id} holding={h} name={props.names.get(h.asset)} busy={props.busy} run={props.run} />
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function HoldingRow(props: { holding: ManualHolding; name: string | undefined; busy: boolean; run: Run }) {
  const h = props.holding;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const startEdit = () => {
    setAmountText(String(h.amount));
    setNote(h.note ?? '');
    setProblem(null);
    setMode('edit');
  };
  const save = async () => {
    const amount = readAmount(amountText);
    if (amount === null) return setProblem('Enter an amount of 0 or more.');
    const ok = await props.run(async () => {
      await call('holdings:update', { id: h.id, amount, note: note.trim() || null });
      return `Updated ${h.asset}.`;
    });
    if (ok) setMode('view');
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setMode('view');
    }
  };

  return (
    <tr data-testid={`mh-row-${h.asset}`}>
      <td>
        <strong>{h.asset}</strong> {props.name && <span className="muted">{props.name}</span>}
      </td>
      <td className="num">
        {mode === 'edit' ? (
          <input
            className="mh-amount-input"
            aria-label={`Amount of ${h.asset}`}
            inputMode="decimal"
            value={amountText}
            autoFocus
            onChange={(e) => setAmountText(e.target.value)}
            onKeyDown={onKey}
          />
        ) : (
          fmtAmount(h.amount)
        )}
        {problem && mode === 'edit' && (
          <div className="error-text small" role="alert">
            {problem}
          </div>
        )}
      </td>
      <td>
        {mode === 'edit' ? (
          <input
            aria-label={`Note for ${h.asset}`}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={onKey}
          />
        ) : (
          <span className="muted">{h.note ?? ''}</span>
        )}
      </td>
      <td className="muted small">{dateTime(h.updatedAt)}</td>
      <td className="mh-row-actions">
        {mode === 'view' && (
          <div className="actions">
            <button type="button" onClick={startEdit} aria-label={`Edit ${h.asset}`}>
              Edit
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => setMode('confirm-delete')}
              aria-label={`Delete ${h.asset}`}
            >
              Delete
            </button>
          </div>
        )}
        {mode === 'edit' && (
          <div className="actions">
            <button type="button" className="primary" disabled={props.busy} onClick={() => void save()}>
              Save
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        )}
        {mode === 'confirm-delete' && (
          <div className="actions mh-confirm" role="group" aria-label={`Confirm deleting ${h.asset}`}>
            <span>Delete {h.asset}?</span>
            <button
              type="button"
              className="danger"
              autoFocus
              disabled={props.busy}
              onClick={() =>
                void props.run(async () => {
                  await call('holdings:remove', { id: h.id });
                  return `Deleted ${h.asset}.`;
                })
              }
            >
              Delete
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

interface LoadedCsv {
  fileName: string;
  text: string;
  encoding: CsvEncoding;
}

const PREVIEW_LIMIT = 300;
const ACTION_LABEL = { add: 'new', update: 'update', unchanged: 'unchanged' } as const;
const ACTION_TAG = { add: 'ok', update: 'info', unchanged: '' } as const;

/** CSV import: the toolbar button (with its file input) and the preview region, placed separately. */
function useCsvImport(wallets: ManualWalletView[], run: Run): { button: ReactNode; region: ReactNode } {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<LoadedCsv | null>(null);
  const [preview, setPreview] = useState<HoldingsCsvPreview | null>(null);
  const [mode, setMode] = useState<CsvImportMode>('merge');
  const [walletId, setWalletId] = useState('');
  const [working, setWorking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const runPreview = async (f: LoadedCsv, m: CsvImportMode, w: string) => {
    setWorking('Checking the file…');
    setProblem(null);
    try {
      setPreview(await call('holdings:previewCsv', { text: f.text, mode: m, ...(w ? { walletId: w } : {}) }));
    } catch (err) {
      setPreview(null);
      setProblem(errorText(err));
    } finally {
      setWorking(null);
    }
  };

  const onFile = async (picked: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!picked) return;
    setPreview(null);
    setFile(null);
    if (picked.size > MAX_CSV_BYTES) {
      setProblem(`${picked.name} is too large (limit 2 MB).`);
      return;
    }
    setWorking(`Reading ${picked.name}…`);
    try {
      const bytes = await readBytes(picked);
      const decoded = decodeCsvBytes(bytes);
      const loaded = { fileName: picked.name, text: decoded.text, encoding: decoded.encoding };
      setFile(loaded);
      await runPreview(loaded, mode, walletId);
    } catch (err) {
      setWorking(null);
      setProblem(`Could not read ${picked.name}: ${errorText(err)}`);
    }
  };

  const close = () => {
    setFile(null);
    setPreview(null);
    setProblem(null);
  };

  const doImport = async () => {
    if (!file || !preview) return;
    const ok = await run(async () => {
      const r = await call('holdings:importCsv', { text: file.text, mode, ...(walletId ? { walletId } : {}) });
      const parts = [`${r.added} added`, `${r.updated} updated`, `${r.unchanged} unchanged`];
      if (r.removed) parts.push(`${r.removed} removed`);
      const skipped = r.errors.length + r.duplicates.length;
      return `Imported ${plural(r.imported, 'row')} from ${file.fileName} (${parts.join(', ')}).${
        skipped ? ` ${plural(skipped, 'row')} with problems ${skipped === 1 ? 'was' : 'were'} skipped.` : ''
      }`;
    });
    if (ok) close();
  };

  const rows = preview ? previewRows(preview) : [];
  const actionOf = new Map(preview?.rows.map((r, i) => [r.line, preview.actions[i] ?? 'add']) ?? []);
  const valid = preview?.rows.length ?? 0;

  const button = (
    <div className="actions">
      <button type="button" onClick={() => input.current?.click()} disabled={working !== null}>
        Import CSV…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="CSV file to import"
        data-testid="mh-csv-input"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
    </div>
  );
  const region = (working || problem || preview) && (
    <div className="mh-import" role="region" aria-label="CSV import" data-testid="mh-import">
      {working && (
        <p className="muted" role="status">
          <progress aria-label={working} /> {working}
        </p>
      )}
      {problem && (
        <div className="banner error" role="alert">
          {problem}{' '}
          <button type="button" className="link" onClick={close}>
            Close
          </button>
        </div>
      )}
      {preview && file && (
        <div className="stack">
          <div className="toolbar">
            <h3>
              Import {file.fileName} <span className="muted small">({file.encoding})</span>
            </h3>
            <div className="row">
              <label className="field" htmlFor={`${id}-mode`}>
                <span className="small muted">Mode</span>
                <select
                  id={`${id}-mode`}
                  value={mode}
                  onChange={(e) => {
                    const m = e.target.value as CsvImportMode;
                    setMode(m);
                    void runPreview(file, m, walletId);
                  }}
                >
                  <option value="merge">Merge: add new, update amounts</option>
                  <option value="replace-wallet">Replace: wallets in the file keep only its rows</option>
                </select>
              </label>
              <label className="field" htmlFor={`${id}-target`}>
                <span className="small muted">Rows without a wallet go to</span>
                <select
                  id={`${id}-target`}
                  value={walletId}
                  onChange={(e) => {
                    setWalletId(e.target.value);
                    void runPreview(file, mode, e.target.value);
                  }}
                >
                  <option value="">Manual</option>
                  {wallets
                    .filter((w) => w.label.toLowerCase() !== 'manual')
                    .map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.label}
                      </option>
                    ))}
                </select>
              </label>
            </div>
          </div>
          <p data-testid="mh-import-summary">
            {plural(preview.totalRows, 'row')}: <strong className="ok-text">{valid} valid</strong> (
            {preview.actions.filter((a) => a === 'add').length} new,{' '}
            {preview.actions.filter((a) => a === 'update').length} updated,{' '}
            {preview.actions.filter((a) => a === 'unchanged').length} unchanged),{' '}
            <strong className={preview.errors.length ? 'error-text' : undefined}>
              {plural(preview.errors.length, 'error')}
            </strong>
            , {plural(preview.duplicates.length, 'duplicate')}.
            {preview.newWallets.length > 0 && <> Creates {preview.newWallets.join(', ')}.</>}
            {preview.removals.length > 0 && (
              <> Removes {preview.removals.map((r) => `${r.asset} from ${r.wallet}`).join(', ')}.</>
            )}
          </p>
          <div className="mh-preview-scroll">
            <table className="table mh-preview" data-testid="mh-preview">
              <thead>
                <tr>
                  <th className="num">Line</th>
                  <th>Wallet</th>
                  <th>Asset</th>
                  <th className="num">Amount</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, PREVIEW_LIMIT).map((r) =>
                  r.kind === 'ok' ? (
                    <tr key={r.line}>
                      <td className="num">{r.line}</td>
                      <td>{r.row.wallet}</td>
                      <td>{r.row.asset}</td>
                      <td className="num">{fmtAmount(r.row.amount)}</td>
                      <td>
                        <span className={`tag ${ACTION_TAG[actionOf.get(r.line) ?? 'add']}`}>
                          {ACTION_LABEL[actionOf.get(r.line) ?? 'add']}
                        </span>
                      </td>
                    </tr>
                  ) : r.kind === 'error' ? (
                    <tr key={r.line} className="mh-row-error" data-testid="mh-error-row">
                      <td className="num">{r.line}</td>
                      <td colSpan={3}>
                        <code>{r.error.raw}</code>
                      </td>
                      <td>
                        <span className="tag crit">error</span> {r.error.message}
                      </td>
                    </tr>
                  ) : (
                    <tr key={r.line} className="mh-row-duplicate" data-testid="mh-duplicate-row">
                      <td className="num">{r.line}</td>
                      <td>{r.duplicate.wallet}</td>
                      <td>{r.duplicate.asset}</td>
                      <td />
                      <td>
                        <span className="tag warn">duplicate</span> of line {r.duplicate.ofLine}, skipped
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          {rows.length > PREVIEW_LIMIT && (
            <p className="muted small">
              Showing the first {PREVIEW_LIMIT} of {rows.length.toLocaleString('en-US')} rows.
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={valid === 0 || working !== null}
              onClick={() => void doImport()}
              data-testid="mh-import-button"
            >
              Import {plural(valid, 'valid row')}
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
            <span className="muted small">Rows with errors and duplicates are not imported.</span>
          </div>
        </div>
      )}
    </div>
  );
  return { button, region };
}

/** Reads a picked file's bytes with FileReader. */
function readBytes(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}
