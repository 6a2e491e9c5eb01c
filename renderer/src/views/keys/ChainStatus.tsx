/**
 * Whether the activity log is intact: `activity:verify` checks that every entry is chained to the one
 * before, signed with this installation's key, and that nothing Ballast wrote is missing; the result
 * is shown in plain words (chain-words.ts). Re-checked when `version` changes or on "Check again".
 */
import { call } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useAsync } from '../../lib/useApi';
import { chainWords } from './chain-words';

export function ChainStatus({ version }: { version: number }) {
  const chain = useAsync(() => call('activity:verify'), [version]);
  const words = chain.data ? chainWords(chain.data, dateTime) : null;
  return (
    <div className="row chain-status" data-testid="chain-status">
      {chain.error ? (
        <span role="alert" className="error-text">
          {chain.error}
        </span>
      ) : !words ? (
        <span className="muted">Checking the log…</span>
      ) : (
        <span role={words.tone === 'ok' ? 'status' : 'alert'}>
          <span className={`tag ${words.tone}`}>
            {words.tone === 'ok' ? '✓' : '⚠'} {words.title}
          </span>{' '}
          <span className={words.tone === 'ok' ? 'muted small' : 'small'}>{words.detail}</span>
        </span>
      )}
      <button type="button" onClick={chain.reload} disabled={chain.loading}>
        {chain.loading ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
