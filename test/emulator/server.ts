/**
 * Local exchange emulator: one HTTP server on 127.0.0.1 (random port) serving Binance, Kraken
 * and OKX under /binance, /kraken and /okx. Point a real ccxt instance at it with
 * `exchange.urls.api = emulator.urlsFor(id)`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBinanceHandler } from './binance';
import { createKrakenHandler } from './kraken';
import { ExchangeData, utcMidnight } from './market-data';
import { createOkxHandler } from './okx';
import {
  EMULATED_EXCHANGES,
  type EmuRequest,
  type EmuResponse,
  type EmulatedExchangeId,
  type Emulator,
  type EmulatorConfig,
  type ExchangeHandler,
  type Fault,
  type HistoryFault,
  type MarketSpec,
  type RecordedRequest,
} from './types';

export const DEFAULT_MARKETS: Record<EmulatedExchangeId, MarketSpec[]> = {
  binance: [
    { base: 'BTC', quote: 'USDT', price: 65_000, volume: 20_000 },
    { base: 'ETH', quote: 'USDT', price: 3_200, volume: 300_000 },
    { base: 'SOL', quote: 'USDT', price: 150, volume: 2_000_000 },
    { base: 'ADA', quote: 'USDT', price: 0.45, volume: 90_000_000 },
    { base: 'ETH', quote: 'BTC', price: 0.049, volume: 40_000 },
  ],
  kraken: [
    { base: 'BTC', quote: 'USD', price: 65_000, volume: 3_000 },
    { base: 'ETH', quote: 'USD', price: 3_200, volume: 30_000 },
    { base: 'SOL', quote: 'USD', price: 150, volume: 200_000 },
    { base: 'BTC', quote: 'EUR', price: 60_000, volume: 1_500 },
  ],
  okx: [
    { base: 'BTC', quote: 'USDT', price: 65_000, volume: 10_000 },
    { base: 'ETH', quote: 'USDT', price: 3_200, volume: 150_000 },
    { base: 'SOL', quote: 'USDT', price: 150, volume: 1_000_000 },
    { base: 'DOGE', quote: 'USDT', price: 0.12, volume: 500_000_000 },
  ],
};

type ActiveFault = (Fault | HistoryFault) & { remaining: number | null };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: EmuResponse): void {
  const isText = typeof r.body === 'string';
  const payload = isText ? (r.body as string) : JSON.stringify(r.body);
  res.writeHead(r.status, {
    'Content-Type': r.contentType ?? 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    ...(r.headers ?? {}),
  });
  res.end(payload);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startEmulator(config: EmulatorConfig = {}): Promise<Emulator> {
  const now = (): number => Date.now();
  const lastDay = utcMidnight(now());
  const clockOffsets: Record<EmulatedExchangeId, number> = { binance: 0, kraken: 0, okx: 0 };
  const serverNow = (id: EmulatedExchangeId) => (): number => now() + clockOffsets[id];
  const days = config.candleDays ?? 1000;
  const seed = config.seed ?? 1;
  const datasets = {} as Record<EmulatedExchangeId, ExchangeData>;
  const handlers = {} as Record<EmulatedExchangeId, ExchangeHandler>;
  for (const id of EMULATED_EXCHANGES) {
    const spec = config.exchanges?.[id] ?? {};
    datasets[id] = new ExchangeData(spec.markets ?? DEFAULT_MARKETS[id], spec.accounts ?? [], days, seed, lastDay);
  }
  handlers.binance = createBinanceHandler(datasets.binance, serverNow('binance'));
  handlers.kraken = createKrakenHandler(datasets.kraken, serverNow('kraken'), {
    apiKeyInfo: config.exchanges?.kraken?.apiKeyInfo ?? true,
  });
  handlers.okx = createOkxHandler(datasets.okx, serverNow('okx'));

  const faults = new Map<EmulatedExchangeId, ActiveFault>();
  const requests: RecordedRequest[] = [];

  function takeFault(id: EmulatedExchangeId, path: string): Fault | HistoryFault | null {
    const f = faults.get(id);
    if (!f) return null;
    if (f.path !== undefined && !path.includes(f.path)) return null;
    if (f.remaining !== null) {
      f.remaining -= 1;
      if (f.remaining <= 0) faults.delete(id);
    }
    return f;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, prefix = '', ...rest] = url.pathname.split('/');
      const id = EMULATED_EXCHANGES.find((x) => x === prefix);
      if (!id) {
        send(res, { status: 404, body: { error: 'unknown exchange prefix' } });
        return;
      }
      const path = `/${rest.join('/')}`;
      const q = (req.url ?? '').indexOf('?');
      const rawQuery = q >= 0 ? (req.url ?? '').slice(q + 1) : '';
      const body = await readBody(req);
      const method = (req.method ?? 'GET').toUpperCase();
      const emuReq: EmuRequest = {
        method,
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body,
      };
      const handler = handlers[id];
      const signed = Boolean(req.headers['x-mbx-apikey'] ?? req.headers['api-sign'] ?? req.headers['ok-access-sign']);
      const record: RecordedRequest = {
        at: now(),
        exchange: id,
        method,
        path,
        query: rawQuery,
        signed,
        authOk: null,
        status: null,
        fault: null,
      };
      requests.push(record);

      const fault = takeFault(id, path);
      if (fault) {
        record.fault = fault.kind;
        if (fault.kind === 'timeout') {
          // leave the request unanswered; the client aborts, close() destroys the socket
          return;
        }
        if (fault.kind === 'slow') {
          await sleep(fault.delayMs ?? 200);
        } else if (fault.kind !== 'zero-balances' && fault.kind !== 'empty-page') {
          const r = handler.faultResponse(fault.kind, fault.status, fault.retryAfter);
          record.status = r.status;
          send(res, r);
          return;
        }
      }
      let result;
      try {
        result = handler.handle(emuReq, {
          zeroBalances: fault?.kind === 'zero-balances',
          empty: fault?.kind === 'empty-page',
        });
      } catch (e) {
        result = {
          response: { status: 500, body: { error: `emulator failure: ${(e as Error).message}` } },
          signed,
          authOk: null,
        };
      }
      record.signed = result.signed || signed;
      record.authOk = result.authOk;
      record.status = result.response.status;
      if (!res.destroyed) send(res, result.response);
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
    port,
    requests,
    urlsFor(exchangeId: EmulatedExchangeId): Record<string, string> {
      return handlers[exchangeId].urls(base);
    },
    setFault(exchangeId: EmulatedExchangeId, fault: Fault | HistoryFault | null): void {
      if (fault === null) faults.delete(exchangeId);
      else faults.set(exchangeId, { ...fault, remaining: fault.times ?? null });
    },
    setClockOffset(exchangeId: EmulatedExchangeId, offsetMs: number): void {
      clockOffsets[exchangeId] = offsetMs;
    },
    candles(exchangeId, baseCode, quoteCode) {
      const data = datasets[exchangeId];
      const m = data.find(baseCode, quoteCode);
      if (!m) throw new Error(`${exchangeId} does not list ${baseCode}/${quoteCode}`);
      return data.candles(m);
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
