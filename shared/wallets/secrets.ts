/**
 * Recognises a private key or seed phrase pasted where a public address belongs, so it can be refused
 * before anything else looks at it. Recognised (conservatively: a false alarm only asks for an address):
 * - BIP-39 seed phrases: 12, 15, 18, 21 or 24 words, at least all but one of them in the English list;
 * - WIF private keys (base58check, mainnet 0x80 or testnet 0xef);
 * - extended private keys (xprv, yprv, zprv, Yprv, Zprv, tprv, uprv, vprv, Uprv, Vprv), alone or inside a
 *   descriptor;
 * - 64 hex digits, with or without 0x (an EVM private key);
 * - a Solana secret key: 64 bytes in base58, or a JSON array of 64 numbers (a keypair file).
 * The caller answers with SECRET_REFUSAL and drops the text: it is never stored, logged or echoed.
 * Used by main (electron/services/wallets) and, first, by the add-wallet form.
 */
import { base58, createBase58check } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sha256 } from '@scure/btc-signer/utils.js';

export const SECRET_REFUSAL =
  'This looks like a private key / seed phrase. Ballast never needs it — anyone who has it can take your funds. Only paste a public address.';

const WORDS: ReadonlySet<string> = new Set(wordlist);
const PHRASE_LENGTHS: ReadonlySet<number> = new Set([12, 15, 18, 21, 24]);
const EXTENDED_PRIVATE = /[xyzYZtuvUV]prv[1-9A-HJ-NP-Za-km-z]{20,}/;
const HEX_KEY = /^(0x)?[0-9a-fA-F]{64}$/;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;

function isSeedPhrase(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!PHRASE_LENGTHS.has(words.length) || !words.every((w) => /^[a-z]+$/.test(w))) return false;
  return words.filter((w) => WORDS.has(w)).length >= words.length - 1;
}

const base58check = createBase58check(sha256);

/** A WIF key: version 0x80 (mainnet) or 0xef (testnet), 32 bytes, and 0x01 when compressed. */
function isWif(text: string): boolean {
  if (!BASE58.test(text) || text.length < 50 || text.length > 53) return false;
  try {
    const bytes = base58check.decode(text);
    const compressed = bytes.length === 34 && bytes[33] === 1;
    return (bytes[0] === 0x80 || bytes[0] === 0xef) && (bytes.length === 33 || compressed);
  } catch {
    return false;
  }
}

function isSolanaSecret(text: string): boolean {
  if (BASE58.test(text) && text.length >= 80 && text.length <= 90) {
    try {
      return base58.decode(text).length === 64;
    } catch {
      return false;
    }
  }
  if (/^\[\s*\d/.test(text)) {
    const numbers = text.replace(/[[\]\s]/g, '').split(',');
    return numbers.length === 64 && numbers.every((n) => /^\d{1,3}$/.test(n) && Number(n) <= 255);
  }
  return false;
}

/** Whether `input` looks like a private key or a seed phrase (see the module comment). */
export function looksLikeSecret(input: string): boolean {
  const text = input.trim();
  if (text.length === 0) return false;
  return isSeedPhrase(text) || EXTENDED_PRIVATE.test(text) || HEX_KEY.test(text) || isWif(text) || isSolanaSecret(text);
}

const EXTENDED_KEY_ANYWHERE = /[xyzYZtuvUV](?:pub|prv)[1-9A-HJ-NP-Za-km-z]{100,}/g;

/** `text` with every extended key (public or private) replaced by "[redacted]": for anything leaving main. */
export function scrubExtendedKeys(text: string): string {
  return text.replace(EXTENDED_KEY_ANYWHERE, '[redacted]');
}
