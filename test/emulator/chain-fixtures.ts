/**
 * Fixture wallets of the blockchain provider emulators, shared by the wallet tests, the E2E spec and the
 * bench. The Bitcoin one is the account key of BIP-84's test vectors (mnemonic "abandon abandon … about",
 * m/84'/0'/0'), so the addresses it derives are the BIP's own; the EVM and Solana ones hold a native
 * balance, listed tokens and (Solana) an unknown mint and an NFT-like junk mint.
 */
import { ChainDeriver, decodeExtendedKey } from '../../shared/wallets';
import type { ChainEmulator } from './chain-types';

/** BIP-84 test vectors: account 0 extended public key (m/84'/0'/0'). */
export const BIP84_ZPUB =
  'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs';

/** An EVM address with ETH and USDC on Ethereum and ETH on Base (EIP-55 checksummed). */
export const EVM_ADDRESS = '0x8ba1f109551bD432803012645Ac136ddd64DBA72';
export const ENS_NAME = 'ballast-test.eth';
/** A Solana address (32 bytes in base58). */
export const SOLANA_ADDRESS = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
export const USDC_ETHEREUM = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
export const USDC_SOLANA = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
export const UNKNOWN_MINT = 'Cs8KY3PiWrCMAytMsBRQo8EdGbticVtdvufLnb2UhXh';
export const JUNK_MINT = '7q1SYAER3hdhPPQWEPefxmrDNbfMZMjnef6m2BxEYyqq';

/** The BIP-84 account's address on a chain (0 receive, 1 change) at an index. */
export function bip84Address(chain: 0 | 1, index: number): string {
  return new ChainDeriver(decodeExtendedKey(BIP84_ZPUB), chain, 'wpkh').address(index);
}

/**
 * Balances the tests expect: receive 0 (0.5 BTC), receive 3 (0.25 BTC, after a gap of two), change 0
 * (0.1 BTC) and receive 30 (1 BTC, found only with a gap limit above 26).
 */
export function seedChains(emu: ChainEmulator): void {
  const btc = (address: string, sats: number) => emu.esplora.addresses.set(address, { funded: sats, spent: 0, txs: 1 });
  btc(bip84Address(0, 0), 50_000_000);
  btc(bip84Address(0, 3), 25_000_000);
  btc(bip84Address(1, 0), 10_000_000);
  btc(bip84Address(0, 30), 100_000_000);

  const eth = emu.evm.chains.get(1)!;
  eth.native.set(EVM_ADDRESS.toLowerCase(), 2n * 10n ** 18n);
  eth.tokens.set(USDC_ETHEREUM.toLowerCase(), new Map([[EVM_ADDRESS.toLowerCase(), 1_500n * 10n ** 6n]]));
  emu.evm.chains.get(8453)!.native.set(EVM_ADDRESS.toLowerCase(), 5n * 10n ** 17n);
  emu.evm.ens.set(ENS_NAME, EVM_ADDRESS);

  emu.solana.lamports.set(SOLANA_ADDRESS, 12_000_000_000);
  emu.solana.tokenAccounts.set(SOLANA_ADDRESS, [
    { mint: USDC_SOLANA, amount: '250000000', decimals: 6, program: 'token' },
    { mint: UNKNOWN_MINT, amount: '4200000', decimals: 6, program: 'token-2022' },
    { mint: JUNK_MINT, amount: '1', decimals: 0, program: 'token' },
  ]);
}
