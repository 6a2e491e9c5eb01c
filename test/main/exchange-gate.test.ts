/**
 * The per-exchange "no calls before T" gate (electron/services/exchange/gate.ts): holding, refusing
 * with a plain rate-limit error, and keeping the pauses across a restart in the data folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExchangeCallError } from '../../electron/services/exchange/errors';
import { ExchangeGate, GATE_FILE, MAX_PAUSE_MS } from '../../electron/services/exchange/gate';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

function clock() {
  let t = Date.parse('2030-03-04T14:00:00Z');
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function thrown(fn: () => void): ExchangeCallError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ExchangeCallError);
    return err as ExchangeCallError;
  }
  throw new Error('expected the gate to refuse');
}

describe('ExchangeGate', () => {
  it('refuses calls to a paused exchange until the pause ends, and only that exchange', async () => {
    const c = clock();
    const { gate } = await ExchangeGate.open({ path: null, now: c.now });
    gate.hold('binance', c.now() + 30_000, 'rate-limit');
    const err = thrown(() => gate.check('binance'));
    expect(err.code).toBe('rate-limit');
    expect(err.retryUntil).toBe(c.now() + 30_000);
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/^Binance asked Ballast to wait until \d\d:\d\d/);
    expect(() => gate.check('kraken')).not.toThrow();
    expect(gate.pauses().map((p) => p.exchange)).toEqual(['binance']);
    c.advance(30_000);
    expect(() => gate.check('binance')).not.toThrow();
    expect(gate.pauses()).toEqual([]);
  });

  it('a long pause or a ban is not retryable within the run, and says so plainly', async () => {
    const c = clock();
    const { gate } = await ExchangeGate.open({ path: null, now: c.now });
    gate.hold('okx', c.now() + 5 * 60_000, 'rate-limit');
    expect(thrown(() => gate.check('okx')).retryable).toBe(false);
    gate.hold('binance', c.now() + 10_000, 'ban');
    const ban = thrown(() => gate.check('binance'));
    expect(ban.retryable).toBe(false);
    expect(ban.message).toMatch(/Binance has blocked this computer's IP address.*before \d\d:\d\d/);
  });

  it('never shortens a pause, keeps a ban a ban, and caps what it holds', async () => {
    const c = clock();
    const { gate } = await ExchangeGate.open({ path: null, now: c.now });
    gate.hold('binance', c.now() + 60_000, 'ban');
    gate.hold('binance', c.now() + 10_000, 'rate-limit');
    expect(gate.pauseOf('binance')).toMatchObject({ until: c.now() + 60_000, reason: 'ban' });
    gate.hold('binance', c.now() + 120_000, 'rate-limit');
    expect(gate.pauseOf('binance')).toMatchObject({ until: c.now() + 120_000, reason: 'ban' });
    gate.hold('kraken', c.now() + 365 * 24 * 3600_000, 'rate-limit');
    expect(gate.pauseOf('kraken')!.until).toBe(c.now() + MAX_PAUSE_MS);
    gate.hold('okx', c.now() - 1, 'rate-limit');
    expect(gate.pauseOf('okx')).toBeNull();
  });

  it('keeps its pauses in the data folder across a restart, dropping those that ended', async () => {
    const dir = tempDir('ballast-gate-');
    const path = join(dir, GATE_FILE);
    const c = clock();
    const first = await ExchangeGate.open({ path, now: c.now });
    first.gate.hold('binance', c.now() + 8 * 60_000, 'ban');
    first.gate.hold('okx', c.now() + 20_000, 'rate-limit');
    await first.gate.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      pauses: {
        okx: { until: c.now() + 20_000, reason: 'rate-limit' },
        binance: { until: c.now() + 8 * 60_000, reason: 'ban' },
      },
    });

    c.advance(60_000);
    const again = await ExchangeGate.open({ path, now: c.now });
    expect(again.recovered).toBeNull();
    expect(again.gate.pauses()).toEqual([
      { exchange: 'binance', name: 'Binance', until: c.now() + 7 * 60_000, reason: 'ban' },
    ]);
    expect(() => again.gate.check('binance')).toThrow(/Binance/);
  });

  it('moves an unreadable file aside and starts without pauses', async () => {
    const dir = tempDir('ballast-gate-');
    const path = join(dir, GATE_FILE);
    writeFileSync(path, '{"pauses": {"binance": {"until": "soon"}}}');
    const c = clock();
    const { gate, recovered } = await ExchangeGate.open({ path, now: c.now });
    expect(gate.pauses()).toEqual([]);
    expect(recovered?.backupPath).toMatch(/exchange-pauses\.corrupt-\d+\.json$/);
    expect(readFileSync(recovered!.backupPath, 'utf8')).toContain('soon');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('reports a failed write and still holds the pause in memory', async () => {
    const dir = tempDir('ballast-gate-');
    const errors: unknown[] = [];
    const c = clock();
    // the file's path is a folder: every write fails
    const { gate } = await ExchangeGate.open({ path: dir, now: c.now, onWriteError: (e) => errors.push(e) });
    gate.hold('binance', c.now() + 30_000, 'rate-limit');
    await gate.flush();
    expect(errors).toHaveLength(1);
    expect(gate.pauseOf('binance')).not.toBeNull();
  });
});
