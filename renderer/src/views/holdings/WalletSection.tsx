/**
 * One manual wallet: its name and platform (renamed in place), a confirmed delete of the wallet and its
 * holdings, and the table of its holdings (HoldingRow). A wallet with many holdings (an imported file)
 * shows them a page at a time, with a filter, and says how many are left.
 */
import { useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import type { ManualWalletView } from '../../../../shared/holdings/types';
import { ConfirmRow } from '../../components/ConfirmRow';
import { Field } from '../../components/Field';
import { RowActions } from '../../components/RowActions';
import { TableHead, num } from '../../components/TableHead';
import { call } from '../../lib/api';
import { plural } from '../../lib/format';
import { deleteWalletQuestion, type Run } from './holding-input';
import { HoldingRow } from './HoldingRow';

/** Holdings drawn per wallet at first, and added by each "Show more". */
const WALLET_PAGE = 100;

export function WalletSection(props: {
  wallet: ManualWalletView;
  names: Map<string, string>;
  busy: boolean;
  run: Run;
}) {
  const { wallet: w } = props;
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [limit, setLimit] = useState(WALLET_PAGE);
  const [filter, setFilter] = useState('');
  const query = useDeferredValue(filter.trim().toUpperCase());
  const matching = useMemo(
    () => (query ? w.holdings.filter((h) => h.asset.includes(query)) : w.holdings),
    [w.holdings, query],
  );
  const page = matching.slice(0, limit);

  return (
    <article className="mh-wallet" aria-label={`Wallet ${w.label}`} data-testid="mh-wallet-section">
      <header className="mh-wallet-head">
        {mode === 'rename' ? (
          <RenameForm wallet={w} busy={props.busy} run={props.run} onDone={() => setMode('view')} />
        ) : (
          <h3>
            {w.label} {w.platform && <span className="muted small">· {w.platform}</span>}{' '}
            <span className="muted small">· {plural(w.holdings.length, 'holding')}</span>
          </h3>
        )}
        {mode === 'view' && (
          <RowActions
            edit={{ text: 'Rename', label: `Rename wallet ${w.label}`, onClick: () => setMode('rename') }}
            remove={{
              text: 'Delete wallet',
              label: `Delete wallet ${w.label}`,
              onClick: () => setMode('confirm-delete'),
            }}
          />
        )}
        {mode === 'confirm-delete' && (
          <ConfirmRow
            label="Confirm wallet deletion"
            busy={props.busy}
            onCancel={() => setMode('view')}
            onConfirm={() =>
              void props.run(async () => {
                const r = await call('holdings:removeWallet', { id: w.id });
                return `Deleted ${w.label} (${plural(r.removedHoldings, 'holding')}).`;
              })
            }
          >
            {deleteWalletQuestion(w)}
          </ConfirmRow>
        )}
      </header>
      {w.holdings.length > WALLET_PAGE && (
        <input
          type="search"
          className="mh-filter"
          placeholder="Filter by symbol"
          aria-label={`Filter the holdings of ${w.label}`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {w.holdings.length === 0 ? (
        <p className="muted small">No holdings in this wallet yet.</p>
      ) : (
        <table className="table mh-table" data-testid="mh-table">
          <TableHead
            columns={['Asset', num('Amount'), 'Note', 'Updated', <span className="visually-hidden">Actions</span>]}
          />
          <tbody>
            {page.map((h) => (
              <HoldingRow key={h.id} holding={h} name={props.names.get(h.asset)} busy={props.busy} run={props.run} />
            ))}
          </tbody>
        </table>
      )}
      {matching.length > page.length && (
        <p className="muted small" data-testid="mh-more">
          Showing {page.length.toLocaleString('en-US')} of {plural(matching.length, 'holding')}.{' '}
          <button type="button" className="link" onClick={() => setLimit((n) => n + WALLET_PAGE)}>
            Show {Math.min(WALLET_PAGE, matching.length - page.length)} more
          </button>
        </p>
      )}
    </article>
  );
}

/** The wallet's name and platform as a small form; Cancel puts both back. */
function RenameForm(props: { wallet: ManualWalletView; busy: boolean; run: Run; onDone: () => void }) {
  const { wallet: w } = props;
  const [label, setLabel] = useState(w.label);
  const [platform, setPlatform] = useState(w.platform);
  const id = useId();

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await props.run(async () => {
      await call('holdings:renameWallet', { id: w.id, label, platform });
      return null;
    });
    if (ok) props.onDone();
  };

  return (
    <form className="row" onSubmit={(e) => void rename(e)} aria-label={`Rename ${w.label}`}>
      <Field id={`${id}-label`} label="Name" quiet>
        <input id={`${id}-label`} value={label} maxLength={60} autoFocus onChange={(e) => setLabel(e.target.value)} />
      </Field>
      <Field id={`${id}-platform`} label="Platform" quiet>
        <input
          id={`${id}-platform`}
          value={platform}
          maxLength={60}
          placeholder="e.g. Hardware wallet"
          onChange={(e) => setPlatform(e.target.value)}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          Save
        </button>
        <button type="button" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
