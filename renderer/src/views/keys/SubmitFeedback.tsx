/**
 * Sending a key, for the add and rotate forms: `useKeySubmit` runs the request with the
 * trade-acceptance flow and `SubmitFeedback` shows where it stands (progress, the "can place
 * orders" prompt, the refusal).
 *
 * The form clears its inputs before calling `submit` and may give them back on a failure (`onFailure`,
 * see keepsTyped); on 'key-trade-needs-acceptance' the credentials are held in memory for the explicit
 * retry only, and dropped by that retry or a cancel.
 */
import { useRef, useState } from 'react';
import type { AccountView } from '../../../../shared/ipc/channels/accounts';
import { errorText } from '../../lib/api';
import {
  afterFailure,
  ERROR_HEADLINES,
  failure,
  type Credentials,
  type KeyFailure,
  type SubmitState,
} from './key-submit';

export function useKeySubmit(
  send: (creds: Credentials, acceptTrade: boolean) => Promise<AccountView>,
  onFailure?: (f: KeyFailure) => void,
) {
  const [state, setState] = useState<SubmitState>({ kind: 'idle' });
  const pending = useRef<Credentials | null>(null);

  const run = async (creds: Credentials, acceptTrade: boolean): Promise<AccountView | null> => {
    pending.current = null;
    setState({ kind: 'busy' });
    try {
      const account = await send(creds, acceptTrade);
      setState({ kind: 'done' });
      return account;
    } catch (err) {
      const f = failure(err, errorText);
      onFailure?.(f);
      const next = afterFailure(f, acceptTrade);
      if (next.kind === 'needs-accept') pending.current = creds;
      setState(next);
      return null;
    }
  };

  return {
    state,
    submit: (creds: Credentials) => run(creds, false),
    accept: () => (pending.current ? run(pending.current, true) : Promise.resolve(null)),
    cancel: () => {
      pending.current = null;
      setState({ kind: 'idle' });
    },
  };
}

/** Progress, the trade-acceptance prompt or the refusal of an add/rotate request; success is the form's to say. */
export function SubmitFeedback(props: {
  state: SubmitState;
  busyText: string;
  acceptLabel: string;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const s = props.state;
  if (s.kind === 'busy') {
    return (
      <div className="row key-progress" role="status" data-testid="key-progress">
        <progress aria-label={props.busyText} />
        <span>{props.busyText}</span>
      </div>
    );
  }
  if (s.kind === 'needs-accept') {
    return (
      <div className="trade-warning" role="alert" data-testid="trade-warning">
        <strong>⚠ This key can place orders.</strong>
        <p>{s.message}</p>
        <p className="small">
          Ballast never places orders, but anyone who obtains this key could. Prefer creating a read-only key on the
          exchange.
        </p>
        <div className="actions">
          <button type="button" className="danger" onClick={props.onAccept}>
            {props.acceptLabel}
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (s.kind === 'error') {
    const headline = ERROR_HEADLINES[s.code];
    return (
      <div className="banner error key-error" role="alert" data-testid="key-error" data-code={s.code}>
        {headline && <strong>{headline} </strong>}
        {s.message}
      </div>
    );
  }
  return null;
}
