/**
 * "Update now" for the market history: the top-N setting, the update and cancel buttons, and the
 * progress of the run in progress (steps done of total, ETA, what is fetched now) from the
 * `market-history:progress` event. Called by MarketDataView, which owns the status and the progress.
 */
import { useState } from 'react';
import type { MarketHistoryProgress, MarketHistoryStatus } from '../../../../shared/ipc/channels/market-history';
import { MARKET_HISTORY_TOP_N } from '../../../../shared/settings';
import { Field, TextInput } from '../../components/Field';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { progressText } from './coverage-rows';

const { min, max } = MARKET_HISTORY_TOP_N;

export function UpdatePanel(props: {
  status: MarketHistoryStatus | undefined;
  progress: MarketHistoryProgress | null;
  onChanged: () => void;
}) {
  const { settings, updateSettings } = useApp();
  const saved = settings?.marketHistory.topN ?? props.status?.topN ?? MARKET_HISTORY_TOP_N.default;
  const [topN, setTopN] = useState<number>(saved);
  const [note, setNote] = useState<StatusNote | null>(null);
  const running = props.status?.running === true || (props.progress !== null && !isEnded(props.progress));
  const valid = Number.isInteger(topN) && topN >= min && topN <= max;

  const update = async () => {
    setNote(null);
    try {
      if (topN !== saved && settings) {
        await updateSettings({ marketHistory: { ...settings.marketHistory, topN } });
      }
      await call('market-history:update', { topN });
      props.onChanged();
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    }
  };
  const cancel = async () => {
    try {
      const r = await call('market-history:cancel');
      setNote({
        kind: 'ok',
        text: r.cancelled
          ? 'Stopping after the requests in flight; what was fetched is kept.'
          : 'No update was running.',
      });
      props.onChanged();
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    }
  };
  const p = props.progress;
  return (
    <section className="panel stack" aria-labelledby="md-update-title">
      <h2 id="md-update-title">Update</h2>
      <form
        className="toolbar md-update-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !running) void update();
        }}
      >
        <Field
          id="md-top-n"
          label="Assets to keep (top N by market cap)"
          hint={`${min} to ${max}; the catalog's current top N, stablecoins included.`}
          error={valid ? null : `Enter a whole number from ${min} to ${max}.`}
        >
          <TextInput
            id="md-top-n"
            type="number"
            min={min}
            max={max}
            value={Number.isFinite(topN) ? topN : ''}
            onChange={(text) => setTopN(text === '' ? Number.NaN : Number(text))}
            data-testid="md-top-n"
          />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={!valid || running} data-testid="md-update">
            Update now
          </button>
          <button type="button" onClick={() => void cancel()} disabled={!running} data-testid="md-cancel">
            Cancel
          </button>
        </div>
      </form>
      {p && (
        <div className="stack md-progress" data-testid="md-progress">
          <progress
            max={Math.max(1, p.total)}
            value={p.done}
            aria-label="Market history update progress"
            aria-valuetext={`${p.done} of ${p.total} steps`}
          />
          <p className="small" role="status" aria-live="polite">
            {progressText(p)}
          </p>
          {p.note && <p className="muted small">{p.note}</p>}
        </div>
      )}
      <StatusText status={note} small />
    </section>
  );
}

const isEnded = (p: MarketHistoryProgress): boolean =>
  p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed';
