/**
 * Builds assets/token-map.json, the bundled token contract / mint -> catalog asset mapping of watch-only
 * wallets (shared/wallets/token-map.ts), from token lists in the Uniswap token-list format: the Uniswap
 * default token list (npm package @uniswap/default-token-list, also served at https://tokens.uniswap.org),
 * whose per-chain sources cover Ethereum, Arbitrum, Base, Optimism, Polygon, BNB Chain and Solana.
 * Each token maps to the catalog asset of its symbol (or of the asset it wraps); the decimals are the list's.
 *
 *   npx tsx scripts/build-token-map.ts --as-of 2026-08-06 --source "Uniswap default token list 22.10.0" list.json [more.json…]
 *
 * A file may hold a token list ({ tokens: [...] }) or a bare array of tokens (the list's per-chain sources).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalogFile } from '../shared/catalog';
import { entriesFromTokenList, tokenMapSchema, type TokenMap } from '../shared/wallets';

const ROOT = join(import.meta.dirname, '..');

function arg(name: string, args: string[]): string {
  const i = args.indexOf(name);
  const value = i >= 0 ? args[i + 1] : undefined;
  if (!value) throw new Error(`missing ${name}`);
  args.splice(i, 2);
  return value;
}

function main(): void {
  const args = process.argv.slice(2);
  const asOf = arg('--as-of', args);
  const source = arg('--source', args);
  if (args.length === 0) throw new Error('give at least one token list file');
  const catalog = parseCatalogFile(JSON.parse(readFileSync(join(ROOT, 'assets/catalog.json'), 'utf8')));
  const symbols = new Set(catalog.assets.map((a) => a.symbol));
  const tokens = args.flatMap((file) => {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return entriesFromTokenList(Array.isArray(json) ? { tokens: json } : json, symbols);
  });
  tokens.sort((a, b) => a.network.localeCompare(b.network) || a.symbol.localeCompare(b.symbol));
  const map: TokenMap = tokenMapSchema.parse({ version: 1, source, asOf, tokens });
  writeFileSync(join(ROOT, 'assets/token-map.json'), `${JSON.stringify(map, null, 1)}\n`);
  const mapped = tokens.filter((t) => t.asset !== null).length;
  console.log(`assets/token-map.json: ${tokens.length} tokens, ${mapped} mapped to catalog assets`);
}

main();
