/**
 * Reads a Solana address over JSON-RPC: `getGenesisHash` (a node of another cluster is refused),
 * `getBalance` (lamports, with the slot it answers for, checked against the last one seen) and
 * `getTokenAccountsByOwner` (jsonParsed) under the SPL Token and Token-2022 programs. Every request goes
 * through WalletHttp (./http.ts). Used by the wallet service (./service.ts).
 */
import { AppError } from '../errors';
import { behindError, unreadable, type WalletHttp } from './http';

export const SOLANA_MAINNET_GENESIS = '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d';
export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PpnZCxdhEhcGoY';

export interface SplBalance {
  mint: string;
  decimals: number;
  amount: number;
}

export interface SolanaRead {
  sol: number;
  tokens: SplBalance[];
  slot: number;
}

const record = (x: unknown): Record<string, unknown> =>
  x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};

export class SolanaReader {
  private id = 0;

  constructor(
    private readonly http: WalletHttp,
    private readonly url: string,
    private readonly walletId: string | null,
  ) {}

  private async rpc(method: string, params: unknown[]): Promise<unknown> {
    const body = JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params });
    const answer = record(
      await this.http.json({ walletId: this.walletId, network: 'solana', endpoint: method }, this.url, {
        method: 'POST',
        body,
      }),
    );
    if (answer.error !== undefined || !('result' in answer)) throw unreadable('solana');
    return answer.result;
  }

  /** Refuses a node of another cluster ('invalid', not retried). */
  async checkCluster(): Promise<void> {
    const genesis = await this.rpc('getGenesisHash', []);
    if (genesis !== SOLANA_MAINNET_GENESIS) {
      throw new AppError('invalid', 'This Solana provider is on another cluster than mainnet. Check its URL.');
    }
  }

  async read(address: string, lastSlot: number | null): Promise<SolanaRead> {
    await this.checkCluster();
    const balance = record(await this.rpc('getBalance', [address, { commitment: 'confirmed' }]));
    const slot = record(balance.context).slot;
    const lamports = balance.value;
    if (typeof slot !== 'number' || typeof lamports !== 'number') throw unreadable('solana');
    if (lastSlot !== null && slot < lastSlot) throw behindError('solana', slot, lastSlot);
    const tokens: SplBalance[] = [];
    for (const programId of [TOKEN_PROGRAM, TOKEN_2022_PROGRAM]) {
      const res = record(
        await this.rpc('getTokenAccountsByOwner', [
          address,
          { programId },
          { encoding: 'jsonParsed', commitment: 'confirmed' },
        ]),
      );
      if (!Array.isArray(res.value)) throw unreadable('solana');
      for (const acc of res.value) tokens.push(...splBalanceOf(acc));
    }
    return { sol: lamports / 1e9, tokens: mergeByMint(tokens), slot };
  }
}

function splBalanceOf(acc: unknown): SplBalance[] {
  const info = record(record(record(record(record(acc).account).data).parsed).info);
  const amount = record(info.tokenAmount);
  if (typeof info.mint !== 'string' || typeof amount.amount !== 'string' || typeof amount.decimals !== 'number') {
    return [];
  }
  const raw = Number(amount.amount);
  if (!Number.isFinite(raw) || raw <= 0) return [];
  return [{ mint: info.mint, decimals: amount.decimals, amount: raw / 10 ** amount.decimals }];
}

function mergeByMint(list: readonly SplBalance[]): SplBalance[] {
  const by = new Map<string, SplBalance>();
  for (const t of list) {
    const had = by.get(t.mint);
    by.set(t.mint, had ? { ...had, amount: had.amount + t.amount } : { ...t });
  }
  return [...by.values()];
}
