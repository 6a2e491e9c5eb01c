/**
 * Output descriptors (BIP-380..386) of single-key watch-only wallets: `pkh(KEY)`, `sh(wpkh(KEY))`,
 * `wpkh(KEY)` and `tr(KEY)`, where KEY is an extended public key with an optional origin
 * (`[fingerprint/path]`) and a ranged suffix `/<0;1>/*` (BIP-389), `/0/*` or `/1/*`. Whichever suffix is
 * given, the receive (0) and change (1) chains are both read. The checksum after `#`, when present, is
 * verified (BIP-380's polymod, a typo check, not cryptography). Used by ./extended-key.ts.
 */
import type { BtcScript } from './types';

const INPUT_CHARSET =
  '0123456789()[],\'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#"\\ ';
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];

function polymod(symbols: readonly number[]): bigint {
  let chk = 1n;
  for (const value of symbols) {
    const top = chk >> 35n;
    chk = ((chk & 0x7ffffffffn) << 5n) ^ BigInt(value);
    for (let i = 0; i < 5; i++) if ((top >> BigInt(i)) & 1n) chk ^= GENERATOR[i]!;
  }
  return chk;
}

function expand(text: string): number[] | null {
  const symbols: number[] = [];
  let groups: number[] = [];
  for (const c of text) {
    const v = INPUT_CHARSET.indexOf(c);
    if (v < 0) return null;
    symbols.push(v & 31);
    groups.push(v >> 5);
    if (groups.length === 3) {
      symbols.push(groups[0]! * 9 + groups[1]! * 3 + groups[2]!);
      groups = [];
    }
  }
  if (groups.length === 1) symbols.push(groups[0]!);
  else if (groups.length === 2) symbols.push(groups[0]! * 3 + groups[1]!);
  return symbols;
}

/** The 8-character BIP-380 checksum of a descriptor (without its `#`), or null for characters outside the set. */
export function descriptorChecksum(text: string): string | null {
  const symbols = expand(text);
  if (!symbols) return null;
  const sum = polymod([...symbols, 0, 0, 0, 0, 0, 0, 0, 0]) ^ 1n;
  let out = '';
  for (let i = 0; i < 8; i++) out += CHECKSUM_CHARSET[Number((sum >> BigInt(5 * (7 - i))) & 31n)];
  return out;
}

export interface ParsedDescriptor {
  script: BtcScript;
  /** The extended public key inside it. */
  key: string;
  /** The origin's master fingerprint (8 hex digits), when given. */
  masterFingerprint: string | null;
}

export type DescriptorResult = { ok: true; descriptor: ParsedDescriptor } | { ok: false; message: string };

const WRAPPERS: readonly [RegExp, BtcScript][] = [
  [/^sh\(wpkh\((.*)\)\)$/, 'sh-wpkh'],
  [/^pkh\((.*)\)$/, 'pkh'],
  [/^wpkh\((.*)\)$/, 'wpkh'],
  [/^tr\((.*)\)$/, 'tr'],
];
const KEY = /^(?:\[([0-9a-fA-F]{8})((?:\/\d+['h]?)*)\])?([1-9A-HJ-NP-Za-km-z]{100,120})(\/<0;1>\/\*|\/[01]\/\*)$/;

/** Whether the text is written as a descriptor (a script function around a key). */
export function isDescriptorText(text: string): boolean {
  return /^(sh|pkh|wpkh|tr|wsh|multi|sortedmulti|combo|addr|raw)\(/.test(text.trim());
}

/** A single-key descriptor, checked (checksum, script, key origin and suffix); the key itself is checked by the caller. */
export function parseDescriptor(input: string): DescriptorResult {
  const text = input.trim();
  const hash = text.indexOf('#');
  const body = hash >= 0 ? text.slice(0, hash) : text;
  if (hash >= 0) {
    const given = text.slice(hash + 1);
    if (descriptorChecksum(body) !== given) {
      return {
        ok: false,
        message: 'The descriptor’s checksum (after #) does not match: check that it was copied completely.',
      };
    }
  }
  const wrapped = WRAPPERS.find(([re]) => re.test(body));
  if (!wrapped) {
    return {
      ok: false,
      message:
        'Ballast reads single-key descriptors only: pkh(…), sh(wpkh(…)), wpkh(…) or tr(…) around an extended public key.',
    };
  }
  const inner = wrapped[0].exec(body)![1]!;
  const key = KEY.exec(inner);
  if (!key) {
    return {
      ok: false,
      message:
        'The key in this descriptor must be an extended public key ending in /<0;1>/* (or /0/* or /1/*), without hardened steps after it.',
    };
  }
  return {
    ok: true,
    descriptor: { script: wrapped[1], key: key[3]!, masterFingerprint: key[1] ? key[1].toLowerCase() : null },
  };
}
