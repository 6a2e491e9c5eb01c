/**
 * The sync Ballast starts as soon as a key is added: its progress while it runs, then where the
 * balances are (the Dashboard) or why an account failed. Shown under the add form by AddAccount.
 */
import type { SyncProgress } from '../../../../shared/ipc/channels/sync';
import { useApp } from '../../lib/context';
import { useNavigation } from '../../lib/navigation';

export function FirstSync(props: { runId: string }) {
  const { syncRun } = useApp();
  const { navigate } = useNavigation();
  const run: SyncProgress | null = syncRun?.runId === props.runId ? syncRun : null;
  if (!run || run.state === 'running') {
    const done = run?.accounts.filter((a) => a.status === 'ok' || a.status === 'error').length ?? 0;
    const total = run?.accounts.length ?? 1;
    return (
      <div className="row" role="status" data-testid="first-sync">
        <progress max={Math.max(total, 1)} value={done} aria-label="Syncing your balances" />
        <span>Syncing your balances…</span>
      </div>
    );
  }
  const failed = run.accounts.filter((a) => a.status === 'error');
  return (
    <div role="status" data-testid="first-sync">
      {failed.length > 0 ? (
        <p className="error-text">
          {failed.map((a) => `“${a.label}” could not be synced: ${a.error?.message ?? 'unknown error'}`).join(' ')}
        </p>
      ) : (
        <p className="ok-text">Balances synced.</p>
      )}
      <button type="button" className="link" onClick={() => navigate('dashboard')}>
        See your portfolio on the Dashboard
      </button>
    </div>
  );
}
