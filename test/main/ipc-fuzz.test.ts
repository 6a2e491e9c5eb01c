/**
 * Kept whole: one fuzz loop over every channel and the before/after checks it runs for each payload.
 *
 * IPC fuzzing: every channel of the contract, on the real services and the real router, receives
 * hostile payloads (wrong types, huge strings, deep nesting, prototype-pollution keys, path traversal,
 * control characters, NaN/Infinity/-0, long arrays, unknown keys), each passed through structuredClone
 * as Electron's IPC would. For each payload the router must answer with a typed `bad-request` error
 * (never throw, never leak a stack trace or a path of this machine), Object.prototype must stay clean,
 * and nothing may change: files under the data folder, settings, accounts, keychain items, events,
 * notifications, network calls.
 *
 * Payloads are invalid by construction (every object carries the unknown key `__fuzz`, which the strict
 * request schemas refuse; NoArgs channels never get `undefined`), and each is checked the way main
 * checks it (parseRequest: plain data, then the channel's schema) before it is sent, so no handler with
 * side effects ever runs.
 *
 * Run with a keychain: `bash scripts/with-keyring.sh npx vitest run test/main/ipc-fuzz`.
 * FUZZ_SEED=<n> replays another seed; FUZZ_CASES=<n> changes the number of payloads per channel (200).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CHANNELS, CONTRACT, parseRequest, type Channel } from '../../shared/ipc/contract';
import type { Services } from '../../electron/services/app-services';
import type { Router } from '../../electron/services/ipc-router';
import { cleanUpAfterAll } from './support/cleanup';
import { startApp } from './support/app';
import { ROOT } from './support/services';

const SEED = Number(process.env['FUZZ_SEED'] ?? 0x0ba11a57);
const CASES_PER_CHANNEL = Number(process.env['FUZZ_CASES'] ?? 200);
const KEYCHAIN_SERVICE = 'Ballast Fuzz';

// ---------------------------------------------------------------------------------------------------
// Hostile values

const TRAVERSAL = [
  '../../etc/passwd',
  '..\\..\\x',
  '%2e%2e/%2e%2e/etc/passwd',
  '%2e%2e%2f',
  '....//....//',
  '/etc/passwd',
  'C:\\Windows\\System32\\config\\SAM',
  '\\\\server\\share\\x',
  'file:///etc/passwd',
  '../settings.json',
  'exports/../../../x',
];
const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\n\t\u0007\u001b[31m',
  '\u202e\u2066txt.exe',
  '\ud800',
  '\udfff\ud800',
  '𝕭𝖆𝖑𝖑𝖆𝖘𝖙 🧪👩‍👩‍👧‍👦',
  'Z̵̢̛̛a̶l̷g̴o̵',
  '\ufeff\u200b\u200d',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'CON',
  'NUL.json',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  "'; DROP TABLE accounts; --",
  '${process.env.HOME}',
  '{{constructor.constructor("return process")()}}',
  'app:info',
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '', '__fuzz'];
const NUMBERS = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  -1,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  0.1 + 0.2,
];

const MB = 1024 * 1024;
const HUGE_1MB = 'A'.repeat(MB);
/** About 10 MB of UTF-8, with a surrogate pair and a control character mixed in. */
const HUGE_10MB = '€x\u0001😀'.repeat(Math.ceil((10 * MB) / 9));
const LONG_ARRAY = Array.from({ length: 200_000 }, (_, i) => i);
const LONG_STRING_ARRAY = Array.from({ length: 20_000 }, (_, i) => `s${i}`);

/** Nesting well past any schema, yet within what structured clone (and so IPC) can carry. */
function deepObject(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
const DEEP_OBJECT = deepObject(1000);
const DEEP_ARRAY = deepArray(1000);

/** `__proto__`, `constructor` and `prototype` as own properties, as JSON.parse (and IPC) produce them. */
const pollution = (): Record<string, unknown> =>
  JSON.parse(
    '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},' +
      '"prototype":{"polluted":"yes"},"toString":"x","hasOwnProperty":1}',
  ) as Record<string, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Adds the unknown key `__fuzz` to a plain object (spread keeps own `__proto__` keys as data). */
function withFuzzKey(v: unknown): unknown {
  return isPlainObject(v) ? { ...v, __fuzz: 1 } : v;
}

/** Top-level keys of a channel's request schema, when it is an object schema. */
function knownKeys(channel: Channel): string[] {
  const schema = CONTRACT[channel].request as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
}

/** Deterministic hostile payloads for one channel. */
function corpus(channel: Channel): unknown[] {
  const keys = knownKeys(channel);
  const keysOrFallback = keys.length > 0 ? keys : ['id', 'value'];
  const each = (value: () => unknown) => Object.fromEntries(keysOrFallback.map((k) => [k, value()]));
  const cases: unknown[] = [
    null,
    true,
    false,
    ...NUMBERS,
    42n,
    ...TRAVERSAL,
    ...WEIRD_STRINGS.slice(0, 12),
    HUGE_1MB,
    HUGE_10MB,
    [],
    [null],
    LONG_ARRAY,
    LONG_STRING_ARRAY,
    DEEP_OBJECT,
    DEEP_ARRAY,
    new Date(NaN),
    new Date(8.64e15),
    new Map<unknown, unknown>([['__proto__', { polluted: 'yes' }]]),
    new Set([1, '2', null]),
    new Uint8Array(64),
    new ArrayBuffer(16),
    /(?:)/g,
    new Error('payload error'),
    {},
    pollution(),
    each(() => pollution()),
    each(() => HUGE_1MB),
    { [keysOrFallback[0]!]: HUGE_10MB },
    { [HUGE_1MB]: 1 },
    each(() => '../../etc/passwd'),
    each(() => '..\\..\\x'),
    each(() => '%2e%2e/'),
    each(() => NaN),
    each(() => Infinity),
    each(() => -0),
    each(() => null),
    each(() => LONG_ARRAY),
    each(() => LONG_STRING_ARRAY),
    each(() => DEEP_OBJECT),
    each(() => DEEP_ARRAY),
    each(() => ({ nested: pollution(), list: [pollution()] })),
    each(() => new Map([['k', 1]])),
  ];
  // The same field, one at a time, so a single bad field is also seen next to otherwise absent ones.
  for (const k of keys) cases.push({ [k]: pollution() }, { [k]: '\u0000../..' }, { [k]: [[[[[]]]]] });
  return cases.map(withFuzzKey);
}

/** Random payloads for one channel (fast-check), mixing the schema's own keys with hostile ones. */
function randomPayloads(channel: Channel, count: number, seed: number): unknown[] {
  const keys = knownKeys(channel);
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...keys, ...HOSTILE_KEYS), weight: 3 },
    { arbitrary: fc.constantFrom(...TRAVERSAL, ...WEIRD_STRINGS), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 1 },
  );
  const leaf = fc.oneof(
    fc.constantFrom(...NUMBERS, ...TRAVERSAL, ...WEIRD_STRINGS, null, undefined, true, false),
    fc.double(),
    fc.integer(),
    fc.bigInt(),
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.string({ unit: 'grapheme', maxLength: 64 }),
    // Long strings, built by repetition (generating them character by character is slow).
    fc
      .tuple(fc.integer({ min: 1_000, max: 50_000 }), fc.constantFrom('A', '€', '\u0000', '😀', '../', '\\'))
      .map(([n, unit]) => unit.repeat(n)),
    fc.date({ noInvalidDate: false }),
    fc.uint8Array({ maxLength: 32 }),
    fc.constant(null).map(() => pollution()),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('value'), { maxLength: 8 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6, noNullPrototype: true }),
    ),
  }));
  const shaped = fc
    .tuple(
      fc.subarray(keys),
      fc.array(value, { minLength: keys.length, maxLength: keys.length }),
      fc.dictionary(key, value, { maxKeys: 4, noNullPrototype: true }),
    )
    .map(([chosen, values, extra]) => ({ ...extra, ...Object.fromEntries(chosen.map((k, i) => [k, values[i]])) }));
  const payload = fc.oneof(
    { arbitrary: value, weight: 2 },
    { arbitrary: shaped, weight: keys.length > 0 ? 3 : 1 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 10_000, max: 50_000 }), fc.constantFrom<unknown>(0, -0, NaN, 'x', null, {}))
        .map(([n, item]) => Array.from({ length: n }, () => item)),
      weight: 1,
    },
  );
  return fc.sample(payload, { seed, numRuns: count }).map(withFuzzKey);
}

// ---------------------------------------------------------------------------------------------------
// State snapshots

/** Content hashes of every file under `dir`, re-hashing only files whose size or times changed. */
const hashCache = new Map<string, { stamp: string; hash: string }>();
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p, { bigint: true });
      if (st.isDirectory()) {
        walk(p);
        continue;
      }
      const stamp = `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
      let entry = hashCache.get(p);
      if (entry?.stamp !== stamp) {
        entry = { stamp, hash: createHash('sha256').update(readFileSync(p)).digest('hex') };
        hashCache.set(p, entry);
      }
      out[relative(dir, p)] = entry.hash;
    }
  };
  walk(dir);
  return out;
}

interface KeytarList {
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

async function keychainDigest(): Promise<string> {
  try {
    const mod = (await import('keytar')) as unknown as KeytarList & { default?: KeytarList };
    const keytar = mod.default ?? mod;
    const items = await keytar.findCredentials(KEYCHAIN_SERVICE);
    const sorted = items.map((i) => `${i.account}\u0000${i.password}`).sort();
    return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
  } catch (err) {
    return `unavailable: ${err instanceof Error ? err.constructor.name : 'error'}`;
  }
}

const PROTOTYPES: [string, object][] = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype],
];
const prototypeKeys = () => PROTOTYPES.map(([n, p]) => `${n}:${Reflect.ownKeys(p).map(String).sort().join(',')}`);

// ---------------------------------------------------------------------------------------------------

let services: Services;
let router: Router;
let dataDir: string;
const events: unknown[] = [];
const notifications: unknown[] = [];
const unexpected: { channel: string; err: unknown }[] = [];
const fetchCalls: string[] = [];
let keychainAtStart = '';
let skippedValid = 0;
let sent = 0;

async function snapshot() {
  await services.context.activity.flush();
  const files = hashTree(dataDir);
  return {
    files,
    settings: JSON.stringify(services.context.settings.get()),
    accounts: JSON.stringify(services.context.accounts.list()),
    events: events.length,
    notifications: notifications.length,
  };
}

/** Text that would reveal this machine: its paths, its user folder, a stack frame. */
function leaks(text: string): string | null {
  const markers = [ROOT, dataDir, tmpdir(), homedir(), 'node_modules'].filter((m) => m.length > 4);
  for (const m of markers) if (text.includes(m)) return `contains ${m}`;
  if (/\n\s*at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)|\.(?:ts|js|cjs|mjs):\d+/.test(text)) return 'looks like a stack trace';
  return null;
}

/** A short, bounded description of a payload for failure messages (payloads can be 10 MB). */
function describePayload(p: unknown, budget = 160): string {
  const walk = (v: unknown, depth: number): string => {
    if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v !== 'object' || v === null) return Object.is(v, -0) ? '-0' : String(v);
    if (depth > 3) return '…';
    if (Array.isArray(v))
      return `[${v
        .slice(0, 4)
        .map((x) => walk(x, depth + 1))
        .join(',')}${v.length > 4 ? `,…(${v.length})` : ''}]`;
    if (!isPlainObject(v)) return Object.prototype.toString.call(v);
    const keys = Object.keys(v);
    const shown = keys.slice(0, 6).map((k) => `${walk(k, depth + 1)}:${walk(v[k], depth + 1)}`);
    return `{${shown.join(',')}${keys.length > 6 ? ',…' : ''}}`;
  };
  const text = walk(p, 0);
  return text.length > budget ? `${text.slice(0, budget)}…` : text;
}

/** What is wrong with the router's answer to a payload its schema refuses (empty when nothing). */
function checkRefusal(res: unknown): string[] {
  const problems: string[] = [];
  if (!isPlainObject(res)) return ['the answer is not a plain object'];
  if (res['ok'] !== false) problems.push(`ok is ${String(res['ok'])}, expected false`);
  const keys = Object.keys(res).sort().join(',');
  if (keys !== 'error,ok') problems.push(`answer keys are ${keys}`);
  const error = res['error'];
  if (!isPlainObject(error)) return [...problems, 'error is not a plain object'];
  if (error['code'] !== 'bad-request') problems.push(`code is ${String(error['code'])}, expected bad-request`);
  const message = error['message'];
  if (typeof message !== 'string' || message.length === 0) problems.push('message is not a non-empty string');
  else if (leaks(message)) problems.push(`message ${leaks(message)}`);
  const details = error['details'];
  if (details !== undefined) {
    if (!Array.isArray(details)) problems.push('details is not an array');
    else {
      if (details.length > 10) problems.push(`${details.length} details (at most 10)`);
      for (const d of details) {
        if (typeof d !== 'string') problems.push('a detail is not a string');
        else if (leaks(d)) problems.push(`a detail ${leaks(d)}`);
      }
    }
  }
  // The answer crosses IPC too.
  try {
    structuredClone(res);
  } catch {
    problems.push('the answer cannot be structured-cloned');
  }
  return problems;
}

beforeAll(async () => {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    fetchCalls.push(String(input instanceof Request ? input.url : input));
    throw new Error('network disabled in the IPC fuzz test');
  });
  const app = await startApp({
    prefix: 'ballast-fuzz-',
    appVersion: 'fuzz',
    emit: (event, payload) => events.push({ event, payload }),
    notify: (title, body) => notifications.push({ title, body }),
    marketDataUrl: 'http://127.0.0.1:9',
    vault: { service: KEYCHAIN_SERVICE, timeoutMs: 20_000 },
    onUnexpected: (channel, err) => unexpected.push({ channel, err }),
  });
  ({ services, router, dataDir } = app);
  keychainAtStart = await keychainDigest();
  // Non-default settings, so that a reset or an update slipping through would show in the snapshot.
  services.context.settings.update({ baseCurrency: 'EUR', dustThreshold: 7, syncIntervalMinutes: 0 });
});

afterAll(() => {
  vi.restoreAllMocks();
});
cleanUpAfterAll();

describe('IPC fuzzing on the real router and services', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const channel of CHANNELS) expect(Object.keys(services.handlers)).toContain(channel);
  });

  for (const [index, channel] of CHANNELS.entries()) {
    it(`${channel}: refuses hostile payloads with a typed error and no state change`, async () => {
      const fixed = corpus(channel);
      const payloads = [...fixed, ...randomPayloads(channel, CASES_PER_CHANNEL - fixed.length, SEED + index)];
      expect(payloads.length).toBe(CASES_PER_CHANNEL);
      const protoBefore = prototypeKeys();
      // Nothing may change while a channel is fuzzed: every answer is compared with this one state.
      const baseline = await snapshot();
      let skippedHere = 0;

      for (const [n, raw] of payloads.entries()) {
        const payload = structuredClone(raw);
        const where = () => `${channel} case ${n}: ${describePayload(payload)}`;
        if (parseRequest(channel, payload).ok) {
          // Valid by accident: not sent, since a valid request may change state by design.
          skippedHere++;
          continue;
        }
        let res: Awaited<ReturnType<Router>>;
        try {
          res = await router(channel, payload);
        } catch (err) {
          throw new Error(`router threw for ${where()}: ${String(err)}`);
        }
        sent++;
        const problems = checkRefusal(res);
        if (({} as Record<string, unknown>)['polluted'] !== undefined) problems.push('Object.prototype polluted');
        if (({} as Record<string, unknown>)['isAdmin'] !== undefined) problems.push('Object.prototype polluted');
        if (prototypeKeys().join('\n') !== protoBefore.join('\n')) problems.push('a built-in prototype changed');
        if (problems.length > 0) expect(problems, where()).toEqual([]);
        const after = await snapshot();
        if (JSON.stringify(after) !== JSON.stringify(baseline)) expect(after, where()).toEqual(baseline);
      }

      expect(unexpected).toEqual([]);
      expect(fetchCalls).toEqual([]);
      // Payloads are invalid by construction: almost none may be skipped, or the channel went untested.
      expect(skippedHere).toBeLessThan(CASES_PER_CHANNEL * 0.05);
      skippedValid += skippedHere;
    }, 60_000);
  }

  it('left the keychain as it found it', async () => {
    // Without a keychain both digests read "unavailable"; CI must have one (scripts/with-keyring.sh).
    if (process.env['CI'] === 'true') expect(keychainAtStart).not.toMatch(/^unavailable/);
    expect(await keychainDigest()).toBe(keychainAtStart);
  });

  it('sent nearly every generated payload', () => {
    expect(sent).toBeGreaterThan(CHANNELS.length * CASES_PER_CHANNEL * 0.95);
    expect(skippedValid).toBeLessThan(CHANNELS.length * CASES_PER_CHANNEL * 0.05);
  });

  it('still answers valid requests afterwards, and the snapshot does see a real change', async () => {
    const info = await router('app:info', undefined);
    expect(info.ok).toBe(true);
    const before = await snapshot();
    const updated = await router('settings:update', { dustThreshold: 9 });
    expect(updated).toMatchObject({ ok: true, data: { dustThreshold: 9 } });
    const after = await snapshot();
    expect(after.settings).not.toBe(before.settings);
    expect(after.files).not.toEqual(before.files);
  });
});
