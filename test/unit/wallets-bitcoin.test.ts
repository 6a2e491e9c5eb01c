/**
 * Bitcoin derivation of watch-only wallets (shared/wallets/bitcoin.ts, descriptor.ts) against the
 * published test vectors: BIP-32 (public derivation of test vector 1), BIP-84, BIP-86, BIP-49 and BIP-44
 * (the "abandon … about" mnemonic, whose account keys these BIPs and wallets use), and descriptors.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Address, NETWORK, p2sh, p2wpkh, TEST_NETWORK } from '@scure/btc-signer';
import { describe, expect, it } from 'vitest';
import {
  ChainDeriver,
  checkExtendedKey,
  decodeExtendedKey,
  descriptorChecksum,
  extendedKeyShortForm,
  parseDescriptor,
  type BtcScript,
} from '../../shared/wallets';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const address = (key: string, script: BtcScript, chain: 0 | 1, index: number) =>
  new ChainDeriver(decodeExtendedKey(key), chain, script).address(index);

describe('BIP-32 test vector 1 (seed 000102030405060708090a0b0c0d0e0f), public derivation', () => {
  const M0H =
    'xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw';
  const M0H1 =
    'xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ';
  const M0H12H =
    'xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5';
  const M0H12H2 =
    'xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV';
  const M0H12H21G =
    'xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy';

  it('derives the non-hardened children from the parent xpub', () => {
    expect(decodeExtendedKey(M0H).deriveChild(1).publicExtendedKey).toBe(M0H1);
    expect(decodeExtendedKey(M0H12H).deriveChild(2).publicExtendedKey).toBe(M0H12H2);
    expect(decodeExtendedKey(M0H12H2).deriveChild(1_000_000_000).publicExtendedKey).toBe(M0H12H21G);
  });

  it('matches the vector computed from the seed', () => {
    const root = HDKey.fromMasterSeed(Uint8Array.from(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')));
    expect(root.derive("m/0'").publicExtendedKey).toBe(M0H);
  });
});

describe('BIP-84 test vectors (native SegWit, m/84h/0h/0h)', () => {
  const ZPUB =
    'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs';
  it('derives the first receive and change addresses', () => {
    expect(address(ZPUB, 'wpkh', 0, 0)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(address(ZPUB, 'wpkh', 0, 1)).toBe('bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g');
    expect(address(ZPUB, 'wpkh', 1, 0)).toBe('bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el');
  });
  it('accepts the zpub for wpkh only, and shows a short form without the key', () => {
    expect(checkExtendedKey(ZPUB, null)).toMatchObject({ ok: true, script: 'wpkh' });
    expect(checkExtendedKey(ZPUB, 'tr')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/zpub is for native SegWit/),
    });
    expect(extendedKeyShortForm(ZPUB)).toMatch(/^zpub · fp [0-9a-f]{8}$/);
  });
});

describe('BIP-86 test vectors (Taproot, m/86h/0h/0h)', () => {
  const XPUB =
    'xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ';
  it('derives the first receive and change addresses', () => {
    expect(address(XPUB, 'tr', 0, 0)).toBe('bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr');
    expect(address(XPUB, 'tr', 0, 1)).toBe('bc1p4qhjn9zdvkux4e44uhx8tc55attvtyu358kutcqkudyccelu0was9fqzwh');
    expect(address(XPUB, 'tr', 1, 0)).toBe('bc1p3qkhfews2uk44qtvauqyr2ttdsw7svhkl9nkm9s9c3x4ax5h60wqwruhk7');
  });
  it('needs the script chosen for an xpub', () => {
    expect(checkExtendedKey(XPUB, null)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Choose the script/),
    });
    expect(checkExtendedKey(XPUB, 'tr')).toMatchObject({ ok: true, script: 'tr' });
  });
});

describe('BIP-49 test vectors (nested SegWit; the BIP gives them on testnet)', () => {
  // BIP-49: account 0 of the mnemonic above on testnet, and its first receiving address.
  const UPUB =
    'upub5EFU65HtV5TeiSHmZZm7FUffBGy8UKeqp7vw43jYbvZPpoVsgU93oac7Wk3u6moKegAEWtGNF8DehrnHtv21XXEMYRUocHqguyjknFHYfgY';
  const FIRST_TESTNET = '2Mww8dCYPUpKHofjgcXcBCEGmniw9CoaiD2';

  it('refuses the testnet key, and derives the same script as the BIP on mainnet', () => {
    expect(checkExtendedKey(UPUB, 'sh-wpkh')).toMatchObject({ ok: false, message: expect.stringMatching(/testnet/) });
    const pub = decodeExtendedKey(UPUB).deriveChild(0).deriveChild(0).publicKey!;
    expect(p2sh(p2wpkh(pub, TEST_NETWORK), TEST_NETWORK).address).toBe(FIRST_TESTNET);
    const ours = Address(NETWORK).decode(new ChainDeriver(decodeExtendedKey(UPUB), 0, 'sh-wpkh').address(0));
    const bips = Address(TEST_NETWORK).decode(FIRST_TESTNET);
    expect(ours).toEqual(bips);
  });

  it('derives the mainnet ypub of the same mnemonic', () => {
    const account = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC)).derive("m/49'/0'/0'");
    const ypub = new HDKey({
      versions: { public: 0x049d7cb2, private: 0x049d7878 },
      depth: account.depth,
      index: account.index,
      parentFingerprint: account.parentFingerprint,
      chainCode: account.chainCode!,
      publicKey: account.publicKey!,
    }).publicExtendedKey;
    expect(checkExtendedKey(ypub, null)).toMatchObject({ ok: true, script: 'sh-wpkh' });
    expect(address(ypub, 'sh-wpkh', 0, 0)).toBe('37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf');
  });
});

describe('BIP-44 (legacy, m/44h/0h/0h of the same mnemonic)', () => {
  it('derives the account xpub and its first address', () => {
    const xpub = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC)).derive("m/44'/0'/0'").publicExtendedKey;
    expect(xpub).toBe(
      'xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj',
    );
    expect(address(xpub, 'pkh', 0, 0)).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
  });
});

describe('descriptors', () => {
  const ZPUB_AS_XPUB =
    'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
  const body = `wpkh([73c5da0a/84h/0h/0h]${ZPUB_AS_XPUB}/<0;1>/*)`;

  it('checks the BIP-380 checksum and reads script, key and origin', () => {
    const sum = descriptorChecksum(body)!;
    expect(sum).toMatch(/^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{8}$/);
    expect(parseDescriptor(`${body}#${sum}`)).toEqual({
      ok: true,
      descriptor: { script: 'wpkh', key: ZPUB_AS_XPUB, masterFingerprint: '73c5da0a' },
    });
    const typo = `${body.replace('84h', '48h')}#${sum}`;
    expect(parseDescriptor(typo)).toMatchObject({ ok: false, message: expect.stringMatching(/checksum/) });
  });

  it('reads pkh, sh(wpkh) and tr, and refuses multisig and hardened steps after the key', () => {
    for (const [wrap, script] of [
      ['pkh(K)', 'pkh'],
      ['sh(wpkh(K))', 'sh-wpkh'],
      ['tr(K)', 'tr'],
    ] as const) {
      expect(parseDescriptor(wrap.replace('K', `${ZPUB_AS_XPUB}/0/*`))).toMatchObject({
        ok: true,
        descriptor: { script },
      });
    }
    expect(parseDescriptor(`wsh(multi(1,${ZPUB_AS_XPUB}/0/*))`).ok).toBe(false);
    expect(parseDescriptor(`wpkh(${ZPUB_AS_XPUB}/0h/*)`).ok).toBe(false);
  });

  it('derives the BIP-84 addresses from the same key given as an xpub in a descriptor', () => {
    const checked = checkExtendedKey(body, null);
    expect(checked).toMatchObject({ ok: true, script: 'wpkh', descriptor: body });
    expect(checkExtendedKey(body, 'pkh')).toMatchObject({ ok: false });
    expect(address(ZPUB_AS_XPUB, 'wpkh', 0, 0)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
  });
});
