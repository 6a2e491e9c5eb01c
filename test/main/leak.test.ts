/**
 * Kept whole: one recorded session scanned end to end; split, each part would need the whole session.
 *
 * Secret leak scan over a whole session of the app: the real services (createServices) behind the
 * real IPC router, the real OS keychain (service "Ballast Test") and the real ccxt clients against
 * the local exchange emulator, reached through a recording proxy that keeps every request as the
 * exchange would receive it (so the signatures computed from the secrets are known too).
 *
 * The session adds Binance, Kraken and OKX read-only keys and one accepted trade key, syncs twice,
 * reads the price history, rotates a key, re-verifies one, revokes one, calls every read-only channel,
 * exports files, and forces error paths (wrong secret, 401 and truncated JSON during a sync, a hang,
 * a rotation to a wrong secret) and starts on an unreadable settings file (a notice). It also watches
 * wallets on the local blockchain emulators: a zpub and a Taproot descriptor (kept in the keychain), an
 * EVM and a Solana address, and pastes seed phrases and private keys where an address belongs (refused).
 * Then every IPC response (as serialised for the renderer), event,
 * notification, notice, file under the data folder and everything written to stdout/stderr or the
 * console is searched for every API key, secret and passphrase, the activity log's signing key, their
 * base64 / base64url / hex / URL-encoded forms, every signature and auth header value the exchanges
 * received, the extended keys and descriptors, and every pasted seed phrase and private key: none may
 * appear.
 *
 * Run it with a keychain: `bash scripts/with-keyring.sh npx vitest run test/main/leak`. Without one
 * it skips locally and FAILS when CI=true.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../shared/ipc/channels/accounts';
import type { SyncRunSummary } from '../../shared/ipc/channels/sync';
import type { EventMap, EventName } from '../../shared/ipc/contract';
import { activityLogItem } from '../../electron/services/app-services';
import type { EmulatedExchangeId, Emulator } from '../emulator/index';
import { allSecretValues, credsOf, TEST_ACCOUNTS, testConfig } from '../emulator/fixtures';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { useEmulator } from './support/emulator';
import { realKeychain, TEST_KEYCHAIN } from './support/keychain';
import { filesUnder } from './support/files';
import { logKeyScopeFor } from './support/services';
import { SECOND_BINANCE_READ_KEY, WRONG_BINANCE_SECRET, WRONG_KRAKEN_SECRET } from './support/keys';
import { chainOptions, useChainEmulator } from './support/chains';
import { BIP84_ZPUB, EVM_ADDRESS, SOLANA_ADDRESS } from '../emulator/chain-fixtures';
import { descriptorChecksum } from '../../shared/wallets';
import type { WalletView } from '../../shared/ipc/channels/wallets';

const runReal = await realKeychain('leak');

const CONSOLE_PROBE = 'leak: console capture is on';
const TARGETS = {
  dimension: 'asset',
  targets: { BTC: { target: 0.5 }, ETH: { target: 0.3 }, SOL: { target: 0.2 } },
} as const;

// ---------------------------------------------------------------------------------------------------
// A recording proxy in front of the emulator: what each exchange received, headers and all.

interface SeenRequest {
  exchange: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Proxy {
  base: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

async function startProxy(targetPort: number): Promise<Proxy> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '/';
      seen.push({
        exchange: url.split('/')[1] ?? '',
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        body: body.toString('utf8'),
      });
      const upstream = request(
        { host: '127.0.0.1', port: targetPort, method: req.method, path: url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      // the client gave up (timeout): let the emulator's side go too
      res.on('close', () => upstream.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function proxied(emu: Emulator, proxy: Proxy, exchange: EmulatedExchangeId): Record<string, string> {
  const direct = `http://127.0.0.1:${emu.port}`;
  return Object.fromEntries(
    Object.entries(emu.urlsFor(exchange)).map(([k, v]) => [k, v.split(direct).join(proxy.base)]),
  );
}

/** Values derived from the secrets that the exchanges received: signatures and auth headers. */
function signaturesOf(seen: readonly SeenRequest[]): Record<string, string[]> {
  const out: Record<string, string[]> = { binance: [], kraken: [], okx: [] };
  const add = (exchange: string, v: unknown) => {
    if (typeof v === 'string' && v.length > 0) out[exchange]?.push(v);
  };
  for (const r of seen) {
    const query = new URLSearchParams(r.url.split('?')[1] ?? '');
    const form = new URLSearchParams(r.body);
    add(r.exchange, query.get('signature'));
    add(r.exchange, form.get('signature'));
    add(r.exchange, r.headers['api-sign']);
    add(r.exchange, r.headers['ok-access-sign']);
  }
  return out;
}

/** Auth header values sent (api keys, passphrases): they must be among the known secrets. */
function authHeaderValues(seen: readonly SeenRequest[]): string[] {
  const names = ['x-mbx-apikey', 'api-key', 'ok-access-key', 'ok-access-passphrase'];
  return seen.flatMap((r) => names.map((n) => r.headers[n]).filter((v): v is string => typeof v === 'string'));
}

// ---------------------------------------------------------------------------------------------------
// What to look for

/** A secret and the forms it could take in text. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  // Kraken secrets are base64: the bytes they stand for are secret too
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length % 4 === 0) {
    const raw = Buffer.from(secret, 'base64');
    forms.push(raw.toString('hex'), raw.toString('base64url'));
    const text = raw.toString('utf8');
    if (/^[\x20-\x7e]+$/.test(text)) forms.push(text);
  }
  return [...new Set(forms)].filter((f) => f.length >= 8);
}

// ---------------------------------------------------------------------------------------------------

/** BIP-86 test vectors: account 0 xpub (m/86'/0'/0'), watched through a Taproot descriptor. */
const BIP86_XPUB =
  'xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ';
const TR_BODY = `tr([73c5da0a/86h/0h/0h]${BIP86_XPUB}/<0;1>/*)`;
const TR_DESCRIPTOR = `${TR_BODY}#${descriptorChecksum(TR_BODY)}`;
/** Secrets pasted where an address belongs: each is refused and must never appear anywhere. */
const PASTED_SECRETS = [
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title',
  'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong',
  '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ',
  'L1uyy5qTuGrVXrmrsvHWHgVzW9kKdrp27wBC7Vs6nZDTF2BRUVwy',
  'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
  '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
  '4NMwxzmYj2uvHuq8xoqhY8RXg63KSVJM1DXkpbmkUY7YQWuoyQgFnnzn6yo3CMnqZasnNPNuAT2TLwQsCaKkUddp',
];

const emu = useEmulator(() => {
  const config = testConfig({ candleDays: 120 });
  config.exchanges!.binance!.accounts!.push(SECOND_BINANCE_READ_KEY);
  return config;
});
const chains = useChainEmulator();
cleanUpAfterAll();

describe.skipIf(!runReal)('no secret leaves the keychain', () => {
  let proxy: Proxy;
  let app: TestApp;
  let dataDir: string;
  const ids: Record<string, string> = {};
  /** Everything that left main or was written, labelled by where it went. */
  const outputs: { where: string; text: string }[] = [];
  const consoleOut: string[] = [];
  const spies: { mockRestore(): void }[] = [];

  beforeAll(async () => {
    proxy = await startProxy(emu.port);

    // Whatever main prints while it runs is captured (and still printed).
    const capture = (where: string) => (chunk: unknown) => {
      consoleOut.push(`${where}: ${typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()}`);
    };
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    const stderrWrite = process.stderr.write.bind(process.stderr);
    spies.push(
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        capture('stdout')(chunk);
        return (stdoutWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
      }),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        capture('stderr')(chunk);
        return (stderrWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
      }),
    );
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const original = console[level].bind(console);
      spies.push(
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          consoleOut.push(`console.${level}: ${args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')}`);
          original(...args);
        }),
      );
    }

    dataDir = tempDir('ballast-leak-');
    // an unreadable settings file, so the session has a notice to show as well
    writeFileSync(join(dataDir, 'settings.json'), '{"settings": {"baseCurrency": "USD",');
    app = await startApp({
      dataDir,
      emit: <E extends EventName>(event: E, payload: EventMap[E]) =>
        outputs.push({ where: `event ${event}`, text: JSON.stringify(payload) }),
      notify: (title, body) => outputs.push({ where: 'notification', text: JSON.stringify({ title, body }) }),
      // nothing may leave this machine: market data goes to the emulator too (and is refused)
      marketDataUrl: `${proxy.base}/market-data`,
      exchangeApiUrls: {
        binance: proxied(emu, proxy, 'binance'),
        kraken: proxied(emu, proxy, 'kraken'),
        okx: proxied(emu, proxy, 'okx'),
      },
      exchangeRateLimitMs: 2,
      exchangeTimeoutMs: 1_500,
      vault: { service: TEST_KEYCHAIN, timeoutMs: 20_000 },
      syncRetry: { attempts: 2, baseMs: 1, capMs: 2 },
      walletProviderUrls: chainOptions(chains).walletProviderUrls!,
      walletTimeoutMs: 1_500,
      forgetKeys: true,
    });
    console.info(CONSOLE_PROBE);
  });

  afterAll(async () => {
    for (const s of spies) s.mockRestore();
    for (const w of app?.context.wallets.list() ?? []) await app.context.vault.deleteWatchKey(w.id).catch(() => false);
    await app?.stop();
    await proxy?.close();
  });

  /** One IPC call, recorded as the renderer would receive it. */
  async function ipc(channel: string, payload?: unknown) {
    const res = await app.router(channel, payload);
    // Electron's IPC clones the result; JSON is a stricter stand-in (no functions, no cycles)
    outputs.push({ where: `ipc ${channel}`, text: JSON.stringify(res) });
    return res;
  }
  async function ok<T>(channel: string, payload?: unknown): Promise<T> {
    const res = await ipc(channel, payload);
    if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  }
  async function fails(channel: string, payload?: unknown): Promise<string> {
    const res = await ipc(channel, payload);
    if (res.ok) throw new Error(`${channel} succeeded but was expected to fail`);
    return res.error.code;
  }

  it('runs a whole session: keys, syncs, history, rotation, revocation, every read channel, errors', async () => {
    const sync = app.context.sync;
    // keys: three read-only ones, a trade key refused then accepted, a wrong secret
    for (const exchange of ['binance', 'kraken', 'okx'] as const) {
      const acc = await ok<AccountView>('accounts:add', {
        exchange,
        label: `My ${exchange}`,
        ...credsOf(TEST_ACCOUNTS[exchange].read),
      });
      ids[exchange] = acc.id;
    }
    const trade = { exchange: 'kraken', label: 'Kraken trading', ...credsOf(TEST_ACCOUNTS.kraken.trade) };
    expect(await fails('accounts:add', trade)).toBe('key-trade-needs-acceptance');
    ids['kraken-trade'] = (await ok<AccountView>('accounts:add', { ...trade, acceptTrade: true })).id;
    expect(
      await fails('accounts:add', {
        exchange: 'binance',
        label: 'Typo',
        apiKey: SECOND_BINANCE_READ_KEY.apiKey,
        secret: WRONG_BINANCE_SECRET,
      }),
    ).toBe('auth');
    expect(
      await fails('accounts:add', {
        exchange: 'kraken',
        label: 'Typo',
        apiKey: TEST_ACCOUNTS.kraken.withdraw.apiKey,
        secret: WRONG_KRAKEN_SECRET,
      }),
    ).toBe('auth');
    expect(
      await fails('accounts:add', { exchange: 'okx', label: 'Risky', ...credsOf(TEST_ACCOUNTS.okx.withdraw) }),
    ).toBe('key-withdraw-enabled');

    // watch-only wallets: two extended keys (keychain), two addresses; secrets pasted by mistake are refused
    const zpub = await ok<WalletView>('wallets:add', { kind: 'bitcoin', label: 'Cold', input: BIP84_ZPUB });
    const tr = await ok<WalletView>('wallets:add', { kind: 'bitcoin', label: 'Taproot', input: TR_DESCRIPTOR });
    expect(tr.extendedKey?.script).toBe('tr');
    await ok('wallets:add', { kind: 'evm', label: 'Hot', input: EVM_ADDRESS, networks: ['ethereum', 'base'] });
    await ok('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS });
    for (const input of PASTED_SECRETS) {
      for (const kind of ['bitcoin', 'evm', 'solana']) {
        expect(await fails('wallets:add', { kind, label: 'Oops', input })).toBe('invalid');
      }
    }
    expect(await fails('wallets:add', { kind: 'bitcoin', label: 'Wrong', input: BIP84_ZPUB, script: 'pkh' })).toBe(
      'invalid',
    );
    expect(await fails('wallets:add', { kind: 'bitcoin', label: 'Twice', input: BIP84_ZPUB })).toBe('wallet-exists');
    ids['zpub'] = zpub.id;

    // two syncs, then the price history they fetch
    for (let i = 0; i < 2; i++) {
      const run = await ok<SyncRunSummary>('sync:now', { wait: true });
      expect(run.accounts.every((a) => a.status === 'ok')).toBe(true);
    }
    await sync.historyIdle();
    const history = await ok<{ sample: boolean; history: Record<string, unknown[]> }>('prices:history');
    expect(history.sample).toBe(false);
    expect(Object.keys(history.history).length).toBeGreaterThan(0);

    // a sync with a rejected key (401), truncated JSON and a hang
    emu.setFault('kraken', { kind: 'unauthorized' });
    emu.setFault('okx', { kind: 'malformed-json', path: '/api/v5/account/balance' });
    emu.setFault('binance', { kind: 'timeout', path: '/api/v3/account', times: 1 });
    const faulty = await ok<SyncRunSummary>('sync:now', { wait: true });
    for (const ex of ['binance', 'kraken', 'okx'] as const) emu.setFault(ex, null);
    const codes = Object.fromEntries(faulty.accounts.map((a) => [a.accountId, a.error?.code ?? a.status]));
    expect(codes[ids['kraken']!]).toBe('auth');
    expect(codes[ids['okx']!]).toBe('bad-response');
    expect(codes[ids['binance']!]).toBe('ok'); // retried after the hang
    await sync.historyIdle();

    // rotate (a wrong secret first), re-verify, revoke
    expect(
      await fails('accounts:rotate', {
        id: ids['binance'],
        apiKey: SECOND_BINANCE_READ_KEY.apiKey,
        secret: WRONG_BINANCE_SECRET,
      }),
    ).toBe('auth');
    const rotated = await ok<AccountView>('accounts:rotate', {
      id: ids['binance'],
      ...credsOf(SECOND_BINANCE_READ_KEY),
    });
    expect(rotated.fingerprint).toBe(SECOND_BINANCE_READ_KEY.apiKey.slice(-4));
    await ok('accounts:reverify', { id: ids['okx'] });
    await ok('accounts:rename', { id: ids['okx'], label: 'OKX main' });
    await ok('accounts:revoke', { id: ids['kraken-trade'] });
    await ok('wallets:rescan', { id: zpub.id, gapLimit: 31 });
    await ok('wallets:rename', { id: tr.id, label: 'Taproot vault' });
    chains.setFault('esplora', { kind: 'server-error' });
    await ok<SyncRunSummary>('sync:now', { wait: true });
    chains.setFault('esplora', null);
    await ok('wallets:remove', { id: tr.id });
    expect(await fails('accounts:reverify', { id: ids['kraken-trade'] })).toBe('account-revoked');
    await ok<SyncRunSummary>('sync:now', { wait: true });
    await sync.historyIdle();

    // every read-only channel once, and the exports
    const reads: [string, unknown][] = [
      ['app:info', undefined],
      ['settings:get', undefined],
      ['portfolio:get', undefined],
      ['portfolio:changes', undefined],
      ['prices:history', undefined],
      ['sync:status', undefined],
      ['snapshots:list', { range: 'All' }],
      ['allocation:get', undefined],
      ['allocation:plan', { feeBps: 10, targets: TARGETS }],
      ['grades:list', undefined],
      ['grades:detail', { symbol: 'BTC' }],
      ['accounts:list', undefined],
      ['exchanges:featured', undefined],
      ['keychain:status', undefined],
      ['activity:query', { limit: 500, offset: 0 }],
      ['activity:query', { errorsOnly: true, limit: 500, offset: 0 }],
      ['activity:daily', { days: 7 }],
      ['activity:verify', undefined],
      ['holdings:list', undefined],
      ['indexlab:savedSpecs', undefined],
      ['wallets:list', undefined],
      ...(('catalog:status' in app.services.handlers ? [['catalog:status', undefined]] : []) as [string, unknown][]),
    ];
    for (const [channel, payload] of reads) await ok(channel, payload);
    await ok('allocation:exportPlan', { feeBps: 10, targets: TARGETS });
    const activity = await ok<{ entries: unknown[] }>('activity:query', { limit: 500, offset: 0 });
    await ok('indexlab:export', { kind: 'results-json', name: 'activity.json', content: JSON.stringify(activity) });
    const status = await ok<{ accounts: unknown[] }>('sync:status');
    await ok('indexlab:export', { kind: 'results-json', name: 'status.json', content: JSON.stringify(status) });
    // requests main refuses
    expect(
      await fails('accounts:add', { exchange: 'binance', label: 'x', ...credsOf(SECOND_BINANCE_READ_KEY), extra: 1 }),
    ).toBe('bad-request');
    expect(await fails('accounts:rotate', { id: ids['okx'], ...credsOf(TEST_ACCOUNTS.okx.read) })).toBe(
      'key-unchanged',
    );
    expect(await fails('nope:channel')).toBe('unknown-channel');

    // notices the user saw
    const info = await ok<{ notices: unknown[] }>('app:info');
    for (const n of info.notices) outputs.push({ where: 'notice', text: JSON.stringify(n) });
  }, 120_000);

  it('none of what left main, was written or printed holds a key, a secret or a signature', async () => {
    await app.context.activity.flush();
    await app.context.sync.historyIdle();

    // The scan is meaningful: the session left data of every kind behind.
    const names = filesUnder(dataDir);
    const files = names.map((f) => join(dataDir, f));
    expect(names).toEqual(
      expect.arrayContaining([
        'settings.json',
        'accounts.json',
        'balances.json',
        'snapshots.jsonl',
        'activity.jsonl',
        'wallets.json',
        expect.stringMatching(/^ohlcv[/\\].+\.json$/),
        expect.stringMatching(/^exports[/\\].+\.csv$/),
        expect.stringMatching(/^exports[/\\]activity\.json$/),
      ]),
    );
    const activityText = readFileSync(join(dataDir, 'activity.jsonl'), 'utf8');
    for (const kind of ['key-added', 'key-rotated', 'key-revoked', 'key-refused', 'permission-flagged']) {
      expect(activityText).toContain(`"${kind}"`);
    }
    expect(activityText).toContain('"status":401');
    const where = new Set(outputs.map((o) => o.where.split(' ')[0]));
    expect([...where]).toEqual(expect.arrayContaining(['ipc', 'event', 'notification', 'notice']));
    const errorTexts = outputs.filter((o) => o.text.includes('"ok":false')).length;
    expect(errorTexts).toBeGreaterThanOrEqual(8);
    expect(outputs.some((o) => o.where === 'event sync:progress' && o.text.includes('"auth"'))).toBe(true);

    // What the exchanges received: a signature on every private call, the api keys in headers.
    const signatures = signaturesOf(proxy.seen);
    for (const ex of ['binance', 'kraken', 'okx']) expect(signatures[ex]!.length, ex).toBeGreaterThan(3);
    // The activity log's signing key lives in the keychain only, like the exchange keys.
    const logRecord = await app.context.vault.getAppItem(activityLogItem(logKeyScopeFor(dataDir)));
    expect(logRecord).not.toBeNull();
    const logKey = (JSON.parse(logRecord!) as { key: string }).key;
    const secrets = [
      ...allSecretValues(),
      SECOND_BINANCE_READ_KEY.apiKey,
      SECOND_BINANCE_READ_KEY.secret,
      WRONG_BINANCE_SECRET,
      WRONG_KRAKEN_SECRET,
      logKey,
    ];
    // every auth header value sent is one of the known secrets (so the list below is complete)
    for (const v of authHeaderValues(proxy.seen)) expect(secrets).toContain(v);
    // watch-only keys and what was pasted by mistake
    secrets.push(BIP84_ZPUB, BIP86_XPUB, TR_DESCRIPTOR, TR_BODY, ...PASTED_SECRETS);
    expect(activityText).toContain('"purpose":"wallet"');

    const needles = new Map<string, string>();
    for (const s of secrets) for (const form of encodings(s)) needles.set(form, `a form of ${s.slice(0, 10)}…`);
    for (const [ex, sigs] of Object.entries(signatures)) {
      for (const sig of sigs) {
        for (const form of [sig, encodeURIComponent(sig)]) needles.set(form, `a ${ex} signature`);
      }
    }
    expect(needles.size).toBeGreaterThan(100);

    const haystacks: { where: string; data: Buffer }[] = [
      ...outputs.map((o) => ({ where: o.where, data: Buffer.from(o.text) })),
      ...names.map((f) => ({ where: `file ${f}`, data: readFileSync(join(dataDir, f)) })),
      { where: 'stdout/stderr/console', data: Buffer.from(consoleOut.join('\n')) },
    ];
    const scan = (stacks: { where: string; data: Buffer }[]): string[] =>
      stacks.flatMap((h) =>
        [...needles].filter(([needle]) => h.data.includes(needle)).map(([, what]) => `${h.where} holds ${what}`),
      );

    // the scan finds each form it looks for, and the console capture works
    const sample = TEST_ACCOUNTS.kraken.read.secret;
    for (const form of encodings(sample)) {
      expect(scan([{ where: 'probe', data: Buffer.from(`x${form}x`) }]), form).not.toEqual([]);
    }
    expect(scan([{ where: 'probe', data: Buffer.from(signatures['okx']![0]!) }])).not.toEqual([]);
    expect(consoleOut.some((l) => l.includes(CONSOLE_PROBE))).toBe(true);

    expect(scan(haystacks)).toEqual([]);
    console.info(
      `leak scan: ${needles.size} needles over ${outputs.length} IPC answers/events/notices, ${files.length} files, ` +
        `${consoleOut.length} console/stdout writes; ${proxy.seen.length} requests reached the exchanges`,
    );
  });
});
