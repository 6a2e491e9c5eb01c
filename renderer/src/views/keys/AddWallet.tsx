/**
 * Adding a watch-only wallet: the privacy note and the own-node setting first, then the kind (Bitcoin
 * address or extended key, EVM address or ENS name, Solana address), a name and the public address.
 * A private key or seed phrase is recognised here already and refused: the field is cleared and the text
 * never sent. Main checks everything again. After adding, the wallet is read at once (`wallets:rescan`).
 */
import { useId, useState, type FormEvent } from 'react';
import {
  BTC_SCRIPTS,
  EVM_NETWORKS,
  NETWORK_LABELS,
  SCRIPT_LABELS,
  type BtcScript,
  type EvmNetwork,
  type WalletKind,
} from '../../../../shared/wallets/types';
import { looksLikeSecret, SECRET_REFUSAL } from '../../../../shared/wallets/secrets';
import { CheckboxField, Field, SelectField, TextInput } from '../../components/Field';
import { call, errorText } from '../../lib/api';

const KINDS: { value: WalletKind; label: string }[] = [
  { value: 'bitcoin', label: 'Bitcoin (address, xpub/ypub/zpub or descriptor)' },
  { value: 'evm', label: 'EVM address or ENS name (Ethereum, L2s, Polygon, BNB Chain)' },
  { value: 'solana', label: 'Solana address' },
];

export function AddWallet(props: { onAdded: () => void; onOwnNode: () => void }) {
  const id = useId();
  const [kind, setKind] = useState<WalletKind>('bitcoin');
  const [label, setLabel] = useState('');
  const [input, setInput] = useState('');
  const [script, setScript] = useState<BtcScript | ''>('');
  const [networks, setNetworks] = useState<EvmNetwork[]>([...EVM_NETWORKS]);
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'ok' | 'error'; text?: string }>({ kind: 'idle' });

  const toggle = (n: EvmNetwork, on: boolean) =>
    setNetworks((list) => (on ? [...list, n] : list.filter((x) => x !== n)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = input;
    if (looksLikeSecret(text)) {
      // Refused here: cleared at once and never sent.
      setInput('');
      setState({ kind: 'error', text: SECRET_REFUSAL });
      return;
    }
    setState({ kind: 'busy' });
    call('wallets:add', {
      kind,
      label: label.trim() || KINDS.find((k) => k.value === kind)!.label.split(' ')[0]!,
      input: text,
      ...(kind === 'bitcoin' && script ? { script } : {}),
      ...(kind === 'evm' ? { networks } : {}),
    })
      .then(async (w) => {
        setInput('');
        setLabel('');
        props.onAdded();
        setState({ kind: 'busy', text: `Reading “${w.label}”…` });
        await call('wallets:rescan', { id: w.id }).catch(() => undefined);
        props.onAdded();
        setState({ kind: 'ok', text: `Added “${w.label}”.` });
      })
      .catch((err: unknown) => {
        if (errorText(err) === SECRET_REFUSAL) setInput('');
        setState({ kind: 'error', text: errorText(err) });
      });
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="add-wallet">
      <h2 id={`${id}-title`}>Add watch-only wallet</h2>
      <div className="banner warning wallet-privacy" data-testid="wallet-privacy">
        <strong>Looking up an address tells the provider that someone watches it.</strong> Ballast asks a public
        provider unless you set your own node.{' '}
        <button type="button" className="link" onClick={props.onOwnNode}>
          Use your own node…
        </button>
      </div>
      <SelectField id={`${id}-kind`} label="Kind" value={kind} options={KINDS} onChange={setKind} />
      <Field id={`${id}-label`} label="Name">
        <TextInput id={`${id}-label`} value={label} maxLength={60} placeholder="e.g. Ledger" onChange={setLabel} />
      </Field>
      <Field
        id={`${id}-input`}
        label="Public address or key"
        hint="Public data only. Never paste a private key or seed phrase: Ballast never needs it."
      >
        <TextInput
          id={`${id}-input`}
          value={input}
          required
          maxLength={1000}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          onChange={setInput}
        />
      </Field>
      {kind === 'bitcoin' && (
        <SelectField
          id={`${id}-script`}
          label="Script (extended keys)"
          value={script}
          options={[
            { value: '' as const, label: 'As the key or descriptor says (ypub, zpub, descriptor)' },
            ...BTC_SCRIPTS.map((s) => ({ value: s, label: SCRIPT_LABELS[s] })),
          ]}
          onChange={setScript}
        />
      )}
      {kind === 'evm' && (
        <fieldset className="row">
          <legend className="small muted">Networks</legend>
          {EVM_NETWORKS.map((n) => (
            <CheckboxField
              key={n}
              id={`${id}-net-${n}`}
              checked={networks.includes(n)}
              onChange={(on) => toggle(n, on)}
            >
              {NETWORK_LABELS[n]}
            </CheckboxField>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={state.kind === 'busy'}>
          Add wallet
        </button>
      </div>
      {state.kind === 'busy' && (
        <p role="status" className="muted small">
          {state.text ?? 'Checking…'}
        </p>
      )}
      {state.kind === 'ok' && (
        <p role="status" className="ok-text" data-testid="wallet-added">
          {state.text}
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" className="error-text" data-testid="wallet-error">
          {state.text}
        </p>
      )}
    </form>
  );
}
