/**
 * What the user pasted into the add-wallet form, checked before anything is stored or sent: a private
 * key or seed phrase is refused first (SECRET_REFUSAL, the text is never echoed), then the text must be
 * a public address of the chosen kind with a valid checksum on mainnet, an ENS name (EVM), or an
 * extended public key / descriptor matching the chosen script (Bitcoin). Pure; used by main
 * (electron/services/wallets) and by the add-wallet form for immediate feedback.
 */
import { base58 } from '@scure/base';
import { getAddress, isAddress } from 'viem';
import { checkBtcAddress, checkExtendedKey } from './bitcoin';
import { isDescriptorText } from './descriptor';
import { looksLikeSecret, SECRET_REFUSAL } from './secrets';
import { MAX_WALLET_INPUT, type BtcScript, type WalletKind } from './types';

export type WalletInput =
  | { ok: true; kind: 'bitcoin'; address: string }
  | { ok: true; kind: 'bitcoin'; extended: { script: BtcScript; key: string; descriptor: string | null } }
  | { ok: true; kind: 'evm'; address: string }
  | { ok: true; kind: 'evm'; ensName: string }
  | { ok: true; kind: 'solana'; address: string }
  /** `secret`: the text looked like a private key or seed phrase (message is SECRET_REFUSAL). */
  | { ok: false; secret: boolean; message: string };

const refuse = (message: string): WalletInput => ({ ok: false, secret: false, message });
const EXTENDED_PREFIX = /^[xyzYZtuvUV]pub/;
const ENS_NAME = /^[^\s./]+(\.[^\s./]+)*\.eth$/i;

function checkBitcoin(text: string, script: BtcScript | null): WalletInput {
  if (EXTENDED_PREFIX.test(text) || isDescriptorText(text)) {
    const r = checkExtendedKey(text, script);
    if (!r.ok) return refuse(r.message);
    if (r.kind !== 'extended') return refuse('This is not an extended public key.');
    return { ok: true, kind: 'bitcoin', extended: { script: r.script, key: r.key, descriptor: r.descriptor } };
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) return refuse('This is an EVM address: choose “EVM address” instead.');
  const r = checkBtcAddress(text);
  if (!r.ok) return refuse(r.message);
  return r.kind === 'address' ? { ok: true, kind: 'bitcoin', address: r.address } : refuse('Not an address.');
}

function checkEvm(text: string): WalletInput {
  if (/^0x/i.test(text)) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
      return refuse('An EVM address is 0x followed by 40 hexadecimal characters: check that it was copied completely.');
    }
    if (!isAddress(text, { strict: true })) {
      return refuse('This EVM address has a mistyped character: its capitalisation checksum (EIP-55) does not match.');
    }
    return { ok: true, kind: 'evm', address: getAddress(text) };
  }
  if (ENS_NAME.test(text)) return { ok: true, kind: 'evm', ensName: text.toLowerCase() };
  return refuse('Paste an EVM address (0x…) or an ENS name (name.eth).');
}

function checkSolana(text: string): WalletInput {
  if (/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(text)) {
    try {
      if (base58.decode(text).length === 32) return { ok: true, kind: 'solana', address: text };
    } catch {
      // not base58 after all
    }
  }
  return refuse('This is not a valid Solana address (32 bytes in base58).');
}

/** The checked input for a wallet of `kind`; `script` is the Bitcoin script chosen for an xpub (null: implied). */
export function checkWalletInput(kind: WalletKind, input: string, script: BtcScript | null = null): WalletInput {
  const text = input.trim();
  if (text.length === 0) return refuse('Paste a public address.');
  if (looksLikeSecret(text)) return { ok: false, secret: true, message: SECRET_REFUSAL };
  if (text.length > MAX_WALLET_INPUT) return refuse('This is too long to be a public address or key.');
  if (kind === 'bitcoin') return checkBitcoin(text, script);
  if (kind === 'evm') return checkEvm(text);
  return checkSolana(text);
}
