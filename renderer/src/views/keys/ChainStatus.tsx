/**
 * Whether the activity log is intact: `activity:verify` checks that every entry is chained to the
 * one before. Re-checked when `version` changes or on "Check again".
 */
import { call } from '../../lib/api';
import { plural } from '../../lib/format';
import { useAsync } from '../../lib/useApi';

export function ChainStatus({ version }: { version: number }) {
  const chain = useAsync(() => call('activity:verify'), [version]);
  const c = chain.data;
  return (
    <div className="row chain-status" data-testid="chain-status">
      {chain.error ? (
        <span role="alert" className="error-text">
          {chain.error}
        </span>
      ) : !c ? (
        <span className="muted">Checking the log…</span>
      ) : c.ok ? (
        <span role="status">
          <span className="tag ok">✓ Log intact</span>{' '}
          <span className="muted small">
            {plural(c.entries, 'entry', 'entries')} checked; each is chained to the one before.
          </span>
        </span>
      ) : (
        <span role="alert">
          <span className="tag crit">⚠ Log altered at entry {c.brokenAt}</span>{' '}
          <span className="small">{c.reason}</span>
        </span>
      )}
      <button type="button" onClick={chain.reload} disabled={chain.loading}>
        {chain.loading ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
