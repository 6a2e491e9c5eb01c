/**
 * Bitcoin watch-only inputs: single addresses (checksum and network checked by @scure/btc-signer) and
 * extended public keys (xpub/ypub/zpub, alone or in a descriptor, parsed by @scure/bip32), and the
 * addresses an extended key derives for each script (BIP-44 pkh, BIP-49 sh(wpkh), BIP-84 wpkh,
 * BIP-86 tr) on its receive (0) and change (1) chains. Mainnet only: testnet keys and addresses are
 * refused. No cryptography is written here; every derivation is the libraries'. Used by ./inputs.ts and
 * by the Bitcoin scanner in main (electron/services/wallets/bitcoin.ts).
 */
import { HDKey } from '@scure/bip32';
import { Address, NETWORK, p2pkh, p2sh, p2tr, p2wpkh, TEST_NETWORK } from '@scure/btc-signer';
import { isDescriptorText, parseDescriptor } from './descriptor';
import type { BtcScript } from './types';

/** BIP-32 version bytes of the extended public (and matching private) keys by prefix. */
const VERSIONS: Record<string, { public: number; private: number; testnet: boolean; scripts: BtcScript[] | null }> = {
  xpub: { public: 0x0488b21e, private: 0x0488ade4, testnet: false, scripts: ['pkh', 'sh-wpkh', 'wpkh', 'tr'] },
  ypub: { public: 0x049d7cb2, private: 0x049d7878, testnet: false, scripts: ['sh-wpkh'] },
  zpub: { public: 0x04b24746, private: 0x04b2430c, testnet: false, scripts: ['wpkh'] },
  Ypub: { public: 0x0295b43f, private: 0x0295b005, testnet: false, scripts: null },
  Zpub: { public: 0x02aa7ed3, private: 0x02aa7a99, testnet: false, scripts: null },
  tpub: { public: 0x043587cf, private: 0x04358394, testnet: true, scripts: null },
  upub: { public: 0x044a5262, private: 0x044a4e28, testnet: true, scripts: null },
  vpub: { public: 0x045f1cf6, private: 0x045f18bc, testnet: true, scripts: null },
  Upub: { public: 0x024289ef, private: 0x024285b5, testnet: true, scripts: null },
  Vpub: { public: 0x02575483, private: 0x02575048, testnet: true, scripts: null },
};

/** The script an ypub or zpub implies; null for an xpub (any single-key script). */
export function impliedScript(key: string): BtcScript | null {
  const prefix = key.slice(0, 4);
  return prefix === 'ypub' ? 'sh-wpkh' : prefix === 'zpub' ? 'wpkh' : null;
}

export type BtcInput =
  | { ok: true; kind: 'address'; address: string }
  | { ok: true; kind: 'extended'; script: BtcScript; key: string; descriptor: string | null }
  | { ok: false; message: string };

const TESTNET = 'This is a testnet key or address. Ballast reads Bitcoin mainnet only.';

/** A mainnet address with a valid checksum, in its canonical form (bech32 lower-cased). */
export function checkBtcAddress(text: string): BtcInput {
  const address = /^(bc1|BC1)/.test(text) ? text.toLowerCase() : text;
  try {
    Address(NETWORK).decode(address);
    return { ok: true, kind: 'address', address };
  } catch {
    // not a valid mainnet address: a testnet one, or a typo
  }
  try {
    Address(TEST_NETWORK).decode(address.toLowerCase().startsWith('tb1') ? address.toLowerCase() : address);
    return { ok: false, message: TESTNET };
  } catch {
    // not testnet either
  }
  if (/^(bcrt1|tb1|[mn2])/i.test(address)) return { ok: false, message: TESTNET };
  return {
    ok: false,
    message: 'This is not a valid Bitcoin address: a character is wrong or missing (its checksum does not match).',
  };
}

/** An extended public key decoded with its own version bytes; throws on a bad checksum or length. */
export function decodeExtendedKey(key: string): HDKey {
  const v = VERSIONS[key.slice(0, 4)];
  if (!v) throw new Error('unknown extended key prefix');
  return HDKey.fromExtendedKey(key, { public: v.public, private: v.private });
}

/** An extended public key (or single-key descriptor) for `script` (null: the script the key or descriptor implies). */
export function checkExtendedKey(text: string, script: BtcScript | null): BtcInput {
  let key = text;
  let chosen = script;
  let descriptor: string | null = null;
  if (isDescriptorText(text)) {
    const parsed = parseDescriptor(text);
    if (!parsed.ok) return parsed;
    if (chosen !== null && chosen !== parsed.descriptor.script) {
      return { ok: false, message: 'This descriptor is for another script than the one chosen.' };
    }
    key = parsed.descriptor.key;
    chosen = parsed.descriptor.script;
    descriptor = text;
  }
  const v = VERSIONS[key.slice(0, 4)];
  if (!v) return { ok: false, message: 'This is not an extended public key (xpub, ypub or zpub).' };
  if (v.testnet) return { ok: false, message: TESTNET };
  if (!v.scripts)
    return { ok: false, message: 'Multisig keys (Ypub, Zpub) are not supported: add each address instead.' };
  chosen ??= impliedScript(key);
  if (chosen === null) {
    return {
      ok: false,
      message: 'Choose the script this xpub is used with (legacy, nested SegWit, native SegWit or Taproot).',
    };
  }
  if (!v.scripts.includes(chosen)) {
    const expected = impliedScript(key) === 'wpkh' ? 'native SegWit (wpkh)' : 'nested SegWit (sh(wpkh))';
    return {
      ok: false,
      message: `A ${key.slice(0, 4)} is for ${expected} addresses, not for the script chosen. Choose that script, or export the key that matches yours.`,
    };
  }
  try {
    const hd = decodeExtendedKey(key);
    if (!hd.publicKey || hd.privateKey) throw new Error('not a public key');
  } catch {
    return {
      ok: false,
      message: 'This extended public key is not valid: a character is wrong or missing (its checksum does not match).',
    };
  }
  return { ok: true, kind: 'extended', script: chosen, key, descriptor };
}

/** Address of one public key (33 bytes, compressed) for a script. */
export function addressOf(script: BtcScript, publicKey: Uint8Array): string {
  switch (script) {
    case 'pkh':
      return p2pkh(publicKey).address!;
    case 'sh-wpkh':
      return p2sh(p2wpkh(publicKey)).address!;
    case 'wpkh':
      return p2wpkh(publicKey).address!;
    case 'tr':
      return p2tr(publicKey.slice(1)).address!;
  }
}

/** Derives the addresses of one chain (0 receive, 1 change) of an account key, index by index. */
export class ChainDeriver {
  private readonly chain: HDKey;
  constructor(
    account: HDKey,
    chainIndex: 0 | 1,
    private readonly script: BtcScript,
  ) {
    this.chain = account.deriveChild(chainIndex);
  }

  address(index: number): string {
    const child = this.chain.deriveChild(index);
    if (!child.publicKey) throw new Error('no public key');
    return addressOf(this.script, child.publicKey);
  }
}

/**
 * A short, recognisable form of an extended key that reveals nothing usable: its prefix and the
 * key's BIP-32 fingerprint ("zpub · fp 1a2b3c4d").
 */
export function extendedKeyShortForm(key: string): string {
  const fp = decodeExtendedKey(key).fingerprint.toString(16).padStart(8, '0');
  return `${key.slice(0, 4)} · fp ${fp}`;
}
