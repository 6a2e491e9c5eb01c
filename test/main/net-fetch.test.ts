/**
 * The recording fetch for non-ccxt HTTP (electron/services/net/fetch.ts) against a local HTTP server
 * on 127.0.0.1: what it records, and how it honours and feeds the per-source gate.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeGate } from '../../electron/services/exchange/gate';
import { createRecordingFetch } from '../../electron/services/net/fetch';
import type { ApiCallRecord } from '../../shared/domain/activity';
import { failure } from './support/errors';

type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes = new Map<string, Route>();
const hits: string[] = [];
let base = '';
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route(req, Buffer.concat(chunks).toString('utf8'), res);
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set('/prices', (_req, _body, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"bitcoin":{"usd":65000}}');
  });
  routes.set('/echo', (_req, body, res) => res.writeHead(200).end(body));
  routes.set('/slow-down', (_req, _body, res) =>
    res.writeHead(429, { 'Retry-After': '45' }).end('{"error":"slow down"}'),
  );
  routes.set('/banned', (_req, _body, res) => res.writeHead(418).end());
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const clock = () => {
  let t = Date.parse('2030-03-04T14:00:00Z');
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('createRecordingFetch', () => {
  it('records host, purpose, path, status and the bytes sent and received; never the query string', async () => {
    const calls: ApiCallRecord[] = [];
    const fetch = createRecordingFetch({ source: 'coingecko', purpose: 'market-caps', onCall: (c) => calls.push(c) });
    const res = await fetch(`${base}/prices?ids=bitcoin&api_key=abc`);
    expect(await res.json()).toEqual({ bitcoin: { usd: 65_000 } });
    const posted = await fetch(`${base}/echo`, { method: 'post', body: 'x'.repeat(100) });
    expect(await posted.text()).toHaveLength(100);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      exchange: 'coingecko',
      method: 'GET',
      endpoint: '/prices',
      host: '127.0.0.1',
      purpose: 'market-caps',
      status: 200,
      ok: true,
      errorClass: null,
      bytesOut: Buffer.byteLength(`${base}/prices?ids=bitcoin&api_key=abc`),
      bytesIn: '{"bitcoin":{"usd":65000}}'.length,
    });
    expect(calls[1]).toMatchObject({ method: 'POST', bytesOut: `${base}/echo`.length + 100, bytesIn: 100 });
    expect(JSON.stringify(calls)).not.toMatch(/api_key|ids=/);
  });

  it('pauses the source on a 429 with Retry-After, and then refuses calls without touching the network', async () => {
    const c = clock();
    const { gate } = await ExchangeGate.open({ path: null, now: c.now });
    const calls: ApiCallRecord[] = [];
    const fetch = createRecordingFetch({
      source: 'binance',
      purpose: 'market-history',
      gate,
      now: c.now,
      onCall: (r) => calls.push(r),
    });
    const res = await fetch(`${base}/slow-down`);
    expect(res.status).toBe(429);
    expect(calls[0]).toMatchObject({ status: 429, ok: false, errorClass: 'HttpError' });
    expect(gate.pauseOf('binance')).toMatchObject({ until: c.now() + 45_000, reason: 'rate-limit' });

    const before = hits.length;
    const err = await failure(fetch(`${base}/prices`));
    expect(err.code).toBe('rate-limit');
    expect(err.message).toMatch(/Binance asked Ballast to wait until \d\d:\d\d/);
    expect(hits.length).toBe(before);
    expect(calls).toHaveLength(1);

    c.advance(45_001);
    expect((await fetch(`${base}/prices`)).status).toBe(200);
  });

  it('treats a 418 as a ban of the source', async () => {
    const c = clock();
    const { gate } = await ExchangeGate.open({ path: null, now: c.now });
    const fetch = createRecordingFetch({ source: 'binance', purpose: 'market-history', gate, now: c.now });
    expect((await fetch(`${base}/banned`)).status).toBe(418);
    expect(gate.pauseOf('binance')?.reason).toBe('ban');
    const err = await failure(fetch(`${base}/prices`));
    expect(err.message).toMatch(/blocked this computer's IP address/);
  });

  it('records a failure that got no answer, and gives up after its timeout', async () => {
    routes.set('/hang', () => undefined);
    const calls: ApiCallRecord[] = [];
    const fetch = createRecordingFetch({
      source: 'x',
      purpose: 'wallet',
      timeoutMs: 100,
      onCall: (r) => calls.push(r),
    });
    await expect(fetch(`${base}/hang`)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(calls[0]).toMatchObject({ status: null, ok: false, errorClass: 'TimeoutError', purpose: 'wallet' });
    expect(calls[0]!.bytesIn).toBeUndefined();
    server.closeAllConnections();
  });
});
