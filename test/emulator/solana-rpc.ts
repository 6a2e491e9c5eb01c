/**
 * Solana JSON-RPC for the watch-only wallet tests: getGenesisHash, getBalance (with its context slot) and
 * getTokenAccountsByOwner (jsonParsed, by program id). Served by chain-server.ts.
 */
import type { SolanaState } from './chain-types';

const PROGRAMS = {
  token: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
  'token-2022': 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PpnZCxdhEhcGoY',
} as const;

export function solanaAnswer(state: SolanaState, body: string, lagBy: number): { body: unknown; what: string } {
  const req = JSON.parse(body) as { id?: unknown; method?: string; params?: unknown[] };
  const params = req.params ?? [];
  const slot = state.slot - lagBy;
  const ok = (result: unknown) => ({ body: { jsonrpc: '2.0', id: req.id, result }, what: String(req.method) });
  switch (req.method) {
    case 'getGenesisHash':
      return ok(state.genesisHash);
    case 'getBalance':
      return ok({ context: { slot }, value: state.lamports.get(String(params[0])) ?? 0 });
    case 'getTokenAccountsByOwner': {
      const program = (params[1] as { programId?: string } | undefined)?.programId;
      const accounts = (state.tokenAccounts.get(String(params[0])) ?? []).filter(
        (a) => PROGRAMS[a.program] === program,
      );
      return ok({
        context: { slot },
        value: accounts.map((a, i) => ({
          pubkey: `TokenAccount${i}`,
          account: {
            owner: program,
            data: {
              program: 'spl-token',
              parsed: {
                type: 'account',
                info: {
                  mint: a.mint,
                  owner: params[0],
                  tokenAmount: { amount: a.amount, decimals: a.decimals, uiAmountString: '' },
                },
              },
            },
          },
        })),
      });
    }
    default:
      return {
        body: { jsonrpc: '2.0', id: req.id, error: { code: -32601, message: 'Method not found' } },
        what: String(req.method),
      };
  }
}
