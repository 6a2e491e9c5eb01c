/**
 * Local blockchain providers for the watch-only wallet tests: one HTTP server on 127.0.0.1 (random port)
 * serving an Esplora REST API under /esplora, EVM JSON-RPC under /evm/<chain id> and Solana JSON-RPC
 * under /solana, over fixture state the tests set, with faults per service (429 with Retry-After, 503,
 * a hang, a lagging node). Every request is recorded.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChainEmulator, ChainFault, ChainRequest, ChainService } from './chain-types';
import { esploraAnswer } from './esplora';
import { evmAnswer } from './evm-rpc';
import { solanaAnswer } from './solana-rpc';

export const SOLANA_MAINNET_GENESIS = '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d';
/** The chain ids of the EVM networks Ballast reads (and Sepolia, for a wrong-network node). */
export const EVM_CHAIN_IDS = [1, 42161, 8453, 10, 137, 56, 11155111];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startChainEmulator(): Promise<ChainEmulator> {
  const faults = new Map<ChainService, ChainFault & { remaining: number | null }>();
  const requests: ChainRequest[] = [];
  const emu = {
    esplora: { addresses: new Map(), tipHeight: 900_000 },
    evm: {
      chains: new Map(
        EVM_CHAIN_IDS.map((id) => [id, { blockNumber: 20_000_000, native: new Map(), tokens: new Map() }]),
      ),
      ens: new Map(),
    },
    solana: { slot: 300_000_000, genesisHash: SOLANA_MAINNET_GENESIS, lamports: new Map(), tokenAccounts: new Map() },
  } as Pick<ChainEmulator, 'esplora' | 'evm' | 'solana'>;

  const takeFault = (service: ChainService): ChainFault | null => {
    const f = faults.get(service);
    if (!f) return null;
    if (f.remaining !== null && --f.remaining <= 0) faults.delete(service);
    return f;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, prefix = '', ...rest] = url.pathname.split('/');
      const service = (['esplora', 'evm', 'solana'] as const).find((s) => s === prefix);
      const body = await readBody(req);
      if (!service) {
        res.writeHead(404).end('unknown provider');
        return;
      }
      const record: ChainRequest = { service, method: req.method ?? 'GET', what: '', fault: null };
      requests.push(record);
      const fault = takeFault(service);
      record.fault = fault?.kind ?? null;
      if (fault?.kind === 'timeout') return;
      if (fault?.kind === 'rate-limit') {
        res.writeHead(429, { 'Retry-After': String(fault.retryAfterSec ?? 1), 'Content-Type': 'text/plain' });
        res.end('Too Many Requests');
        return;
      }
      if (fault?.kind === 'server-error') {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable');
        return;
      }
      const lagBy = fault?.kind === 'lag' ? (fault.behind ?? 10) : 0;
      const json = (payload: unknown) => {
        const text = JSON.stringify(payload);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      };
      try {
        if (service === 'esplora') {
          const path = `/${rest.join('/')}`;
          record.what = path;
          const a = esploraAnswer(emu.esplora, path, lagBy);
          if (a.text !== undefined) res.writeHead(a.status, { 'Content-Type': 'text/plain' }).end(a.text);
          else json(a.body);
        } else if (service === 'evm') {
          const a = evmAnswer(emu.evm, Number(rest[0]), body, lagBy);
          record.what = a.what;
          json(a.body);
        } else {
          const a = solanaAnswer(emu.solana, body, lagBy);
          record.what = a.what;
          json(a.body);
        }
      } catch (e) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`emulator failure: ${(e as Error).message}`);
      }
    })().catch(() => {
      if (!res.headersSent) res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    ...emu,
    port,
    urls: { esplora: `${base}/esplora`, solana: `${base}/solana`, evm: (chainId) => `${base}/evm/${chainId}` },
    requests,
    setFault(service, fault) {
      if (fault === null) faults.delete(service);
      else faults.set(service, { ...fault, remaining: fault.times ?? null });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
