/**
 * What the add-wallet form accepts (shared/wallets/inputs.ts, secrets.ts): addresses of each kind with
 * their checksums on mainnet, ENS names, and the refusal of anything that looks like a private key or a
 * seed phrase, with one fixed message that never echoes the text.
 */
import { describe, expect, it } from 'vitest';
import { checkWalletInput, looksLikeSecret, scrubExtendedKeys, SECRET_REFUSAL } from '../../shared/wallets';

const SEED_12 = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const SEED_24 =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title';
const XPRV =
  'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';

describe('secrets pasted by mistake', () => {
  const secrets = {
    'a 12-word seed phrase': SEED_12,
    'a 24-word seed phrase (BIP-39 test vector)': SEED_24,
    'a seed phrase with one mistyped word': SEED_12.replace('about', 'abuot'),
    'an uncompressed WIF key': '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ',
    'a compressed WIF key': 'KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617',
    'a testnet WIF key': 'cNYfWuhDpbNM1JWc3c6JTrtrFVxU4AGhUKgw5f93NP2QaBqmxKkg',
    'an xprv (BIP-32 test vector 1, m)': XPRV,
    'a descriptor with an xprv': `wpkh(${XPRV}/0/*)`,
    'an EVM private key': '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
    'an EVM private key without 0x': '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
    'a Solana secret key (64 bytes, base58)':
      '4NMwxzmYj2uvHuq8xoqhY8RXg63KSVJM1DXkpbmkUY7YQWuoyQgFnnzn6yo3CMnqZasnNPNuAT2TLwQsCaKkUddp',
    'a Solana keypair file': `[${Array.from({ length: 64 }, (_, i) => (i * 37) % 256).join(',')}]`,
  };
  for (const [what, text] of Object.entries(secrets)) {
    it(`refuses ${what} without echoing it`, () => {
      expect(looksLikeSecret(text)).toBe(true);
      for (const kind of ['bitcoin', 'evm', 'solana'] as const) {
        expect(checkWalletInput(kind, ` ${text} `)).toEqual({ ok: false, secret: true, message: SECRET_REFUSAL });
      }
    });
  }

  it('does not mistake public data for a secret', () => {
    for (const text of [
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
      '0x8ba1f109551bD432803012645Ac136ddd64DBA72',
      '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM',
      'vitalik.eth',
      'my savings wallet for the long run',
    ]) {
      expect(looksLikeSecret(text), text).toBe(false);
    }
  });

  it('scrubs extended keys from any text', () => {
    expect(scrubExtendedKeys(`failed for ${XPRV} and more`)).toBe('failed for [redacted] and more');
  });
});

describe('addresses', () => {
  it('accepts mainnet Bitcoin addresses of every type and refuses typos and testnet', () => {
    for (const a of [
      '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr',
    ]) {
      expect(checkWalletInput('bitcoin', a)).toEqual({ ok: true, kind: 'bitcoin', address: a });
    }
    expect(checkWalletInput('bitcoin', 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ')).toMatchObject({
      address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    });
    const refused = (text: string) => checkWalletInput('bitcoin', text);
    expect(refused('1BoatSLRHtKNngkdXEeobR76b53LETtpyU')).toMatchObject({ ok: false, message: /checksum/ });
    for (const t of [
      'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
      'mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn',
      '2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc',
    ]) {
      expect(refused(t)).toMatchObject({ ok: false, secret: false, message: /testnet/ });
    }
  });

  it('checks EVM checksums (EIP-55) and reads ENS names', () => {
    expect(checkWalletInput('evm', '0x8ba1f109551bd432803012645ac136ddd64dba72')).toEqual({
      ok: true,
      kind: 'evm',
      address: '0x8ba1f109551bD432803012645Ac136ddd64DBA72',
    });
    expect(checkWalletInput('evm', '0x8ba1f109551bD432803012645Ac136ddd64DBA73')).toMatchObject({
      ok: false,
      message: /EIP-55/,
    });
    expect(checkWalletInput('evm', '0x8ba1f109551bD432803012645Ac136ddd64DBA')).toMatchObject({ ok: false });
    expect(checkWalletInput('evm', 'Vitalik.eth')).toEqual({ ok: true, kind: 'evm', ensName: 'vitalik.eth' });
    expect(checkWalletInput('bitcoin', '0x8ba1f109551bD432803012645Ac136ddd64DBA72')).toMatchObject({
      ok: false,
      message: /EVM address/,
    });
  });

  it('accepts 32-byte Solana addresses only', () => {
    expect(checkWalletInput('solana', '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM')).toMatchObject({ ok: true });
    expect(checkWalletInput('solana', '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWW0')).toMatchObject({ ok: false });
    expect(checkWalletInput('solana', '')).toMatchObject({ ok: false, message: 'Paste a public address.' });
  });
});
