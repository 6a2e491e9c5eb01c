/**
 * The recent runs as chips, newest first (pinned ones marked); picking one makes it the current run.
 * Shown once there are two runs. Called by IndexLabView.tsx.
 */
import { setLab } from './lab-store';
import { useLab } from './use-lab';

export function RunHistory() {
  const { runs, currentId, pinned } = useLab();
  if (runs.length < 2) return null;
  return (
    <div className="il-history row" role="group" aria-label="Recent runs">
      <span className="small muted">Recent runs:</span>
      {[...runs].reverse().map((r) => (
        <button
          type="button"
          key={r.id}
          className={r.id === currentId ? 'il-run-chip active' : 'il-run-chip'}
          aria-pressed={r.id === currentId}
          onClick={() => setLab({ currentId: r.id })}
        >
          {r.label}
          {pinned.includes(r.id) ? ' 📌' : ''}
        </button>
      ))}
    </div>
  );
}
