/**
 * Where each network is read: the provider URL in use (a public default, or the user's own Esplora /
 * mempool / electrs node or JSON-RPC node), with what using a public one reveals. Main checks a new URL
 * against the network before keeping it (a node of another network, e.g. Sepolia, is refused).
 */
import { forwardRef, useId, useState } from 'react';
import { NETWORK_LABELS, type Network, type ProviderView } from '../../../../shared/wallets/types';
import { Field, TextInput } from '../../components/Field';
import { StatusText, type StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';

function ProviderRow(props: { provider: ProviderView; onSaved: () => void }) {
  const p = props.provider;
  const id = useId();
  const [url, setUrl] = useState(p.custom ? p.url : '');
  const [note, setNote] = useState<StatusNote | null>(null);
  const [busy, setBusy] = useState(false);
  const save = (value: string | null) => {
    setBusy(true);
    setNote(null);
    call('wallets:setProvider', { network: p.network, url: value })
      .then(() => {
        setNote({ kind: 'ok', text: value ? 'Checked and saved.' : 'Back to the default.' });
        if (!value) setUrl('');
        props.onSaved();
      })
      .catch((err: unknown) => setNote({ kind: 'error', text: errorText(err) }))
      .finally(() => setBusy(false));
  };
  return (
    <li className="row" data-testid={`provider-${p.network}`}>
      <Field id={`${id}-url`} label={NETWORK_LABELS[p.network as Network]} hint={`Default: ${p.defaultUrl}`}>
        <TextInput
          id={`${id}-url`}
          type="url"
          value={url}
          placeholder={p.defaultUrl}
          maxLength={500}
          onChange={setUrl}
        />
      </Field>
      <button type="button" disabled={busy || !url.trim()} onClick={() => save(url)}>
        Check and save
      </button>
      {p.custom && (
        <button type="button" disabled={busy} onClick={() => save(null)}>
          Use default
        </button>
      )}
      <StatusText status={note} as="span" small />
    </li>
  );
}

export const ProviderSettings = forwardRef<HTMLElement, { providers: ProviderView[]; onSaved: () => void }>(
  function ProviderSettings(props, ref) {
    const id = useId();
    return (
      <section className="panel" aria-labelledby={`${id}-title`} ref={ref} tabIndex={-1} data-testid="wallet-providers">
        <h2 id={`${id}-title`}>Where wallets are read</h2>
        <p className="muted small">
          Reading an address tells the provider that someone is interested in it, and from which IP address. Your own
          node (a mempool or electrs Esplora API for Bitcoin, a JSON-RPC node for the other networks) keeps that to
          yourself. Addresses are stored only on this machine; extended keys only in the system keychain.
        </p>
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
          {props.providers.map((p) => (
            <ProviderRow key={p.network} provider={p} onSaved={props.onSaved} />
          ))}
        </ul>
      </section>
    );
  },
);
