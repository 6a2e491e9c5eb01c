/**
 * Index Lab channels through the real services and IPC router: exports land in <dataDir>/exports with
 * exactly the content sent, file names cannot leave that folder, and named specs round-trip through the
 * `indexlab-specs` store while invalid specs are refused without touching it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services/app-services';
import { createRouter, type Router } from '../../electron/services/ipc-router';
import { createConfStore } from '../../electron/services/store';
import { defaultIndexSpec, parseIndexSpec, validateIndexSpec } from '../../shared/indexlab';
import type { SavedIndexSpec } from '../../shared/ipc/channels/indexlab';
import type { IpcError } from '../../shared/ipc/define';

const ROOT = resolve(import.meta.dirname, '../..');
let clock = Date.UTC(2026, 10, 20, 12);

interface Harness {
  services: Services;
  router: Router;
  dataDir: string;
}

const dirs: string[] = [];
const open: Services[] = [];

async function start(dataDir = mkdtempSync(join(tmpdir(), 'ballast-indexlab-'))): Promise<Harness> {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const services = await createServices({
    dataDir,
    assetsDir: join(ROOT, 'assets'),
    storeFactory: createConfStore,
    appVersion: 'test',
    emit: () => undefined,
    notify: () => undefined,
    now: () => (clock += 1000),
  });
  open.push(services);
  return { services, router: createRouter(services.handlers), dataDir };
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function ok<T>(h: Harness, channel: string, payload: unknown): Promise<T> {
  const r = await h.router(channel, payload);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message} ${r.error.details?.join('; ')}`);
  return r.data as T;
}

async function fail(h: Harness, channel: string, payload: unknown): Promise<IpcError> {
  const r = await h.router(channel, payload);
  if (r.ok) throw new Error(`${channel} succeeded but was expected to fail`);
  return r.error;
}

/** Every file under a directory, recursively, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('indexlab:export', () => {
  it('writes exactly the content to <dataDir>/exports, adding the extension of the kind', async () => {
    const h = await start();
    const csv = 'date,strategy,btc\n2025-01-01,10000,10000\n2025-01-02,10123.45,9987.6\n';
    const res = await ok<{ path: string }>(h, 'indexlab:export', {
      kind: 'results-csv',
      name: 'weekly-index',
      content: csv,
    });
    expect(res.path).toBe(join(h.dataDir, 'exports', 'weekly-index.csv'));
    expect(readFileSync(res.path, 'utf8')).toBe(csv);

    const spec = JSON.stringify({ name: 'Equal 10', weighting: { method: 'equal' } }, null, 2);
    const res2 = await ok<{ path: string }>(h, 'indexlab:export', {
      kind: 'spec-json',
      name: 'equal.json',
      content: spec,
    });
    expect(res2.path).toBe(join(h.dataDir, 'exports', 'equal.json'));
    expect(readFileSync(res2.path, 'utf8')).toBe(spec);
    // What was exported is a spec the CLI's parser accepts.
    const parsed = parseIndexSpec(JSON.parse(readFileSync(res2.path, 'utf8')));
    expect(parsed.ok && parsed.spec.weighting.method).toBe('equal');
  });

  it('rejects names with path separators or traversal and writes nothing', async () => {
    const h = await start();
    for (const name of [
      '../escape.csv',
      '..\\escape.csv',
      'sub/dir.csv',
      'C:\\temp\\x.csv',
      '/etc/passwd',
      '..',
      '.hidden.csv',
      'a..b.csv',
      'bad\u0000name.csv',
      '',
    ]) {
      const err = await fail(h, 'indexlab:export', { kind: 'results-csv', name, content: 'x' });
      expect(err.code, name).toBe('bad-request');
      expect(err.details?.join(' '), name).toMatch(/^name: /);
    }
    expect(filesUnder(h.dataDir).filter((f) => f.startsWith('exports') || f.includes('escape'))).toEqual([]);
    expect(existsSync(join(h.dataDir, '..', 'escape.csv'))).toBe(false);
  });

  it('refuses a spec export that is not a valid spec, and JSON exports that are not JSON', async () => {
    const h = await start();
    const bad = await fail(h, 'indexlab:export', {
      kind: 'spec-json',
      name: 'bad-spec',
      content: JSON.stringify({ costs: { feeBps: -3 } }),
    });
    expect(bad.code).toBe('invalid-spec');
    expect(bad.details?.join('\n')).toMatch(/costs\.feeBps/);
    const notJson = await fail(h, 'indexlab:export', { kind: 'results-json', name: 'r', content: '{oops' });
    expect(notJson.code).toBe('invalid');
    expect(filesUnder(join(h.dataDir, 'exports'))).toEqual([]);
  });

  it('rejects content above the size bound', async () => {
    const h = await start();
    const err = await fail(h, 'indexlab:export', {
      kind: 'results-csv',
      name: 'huge',
      content: 'x'.repeat(20_000_001),
    });
    expect(err.code).toBe('bad-request');
    expect(err.details?.join(' ')).toMatch(/content/);
    expect(filesUnder(join(h.dataDir, 'exports'))).toEqual([]);
  });
});

describe('saved specs', () => {
  it('round-trip through the store, newest first, replacing by name and surviving a restart', async () => {
    const h = await start();
    expect(await ok<SavedIndexSpec[]>(h, 'indexlab:savedSpecs', undefined)).toEqual([]);

    const equal = { name: 'Equal top 5', universe: { type: 'top', n: 5 }, weighting: { method: 'equal' } };
    let list = await ok<SavedIndexSpec[]>(h, 'indexlab:saveSpec', { name: 'Equal 5', spec: equal });
    expect(list).toHaveLength(1);
    // Stored with every default filled in: the same spec the engine would run.
    expect(list[0]!.spec).toEqual(validateIndexSpec(equal));

    const capped = { ...defaultIndexSpec(), weighting: { ...defaultIndexSpec().weighting, maxWeight: 0.25 } };
    list = await ok<SavedIndexSpec[]>(h, 'indexlab:saveSpec', { name: 'Capped', spec: capped });
    expect(list.map((s) => s.name)).toEqual(['Capped', 'Equal 5']);

    // Saving under an existing name replaces it (and moves it to the top).
    const monthly = { ...equal, rebalance: { cadence: 'monthly' } };
    list = await ok<SavedIndexSpec[]>(h, 'indexlab:saveSpec', { name: 'Equal 5', spec: monthly });
    expect(list.map((s) => s.name)).toEqual(['Equal 5', 'Capped']);
    expect(list[0]!.spec?.rebalance.cadence).toBe('monthly');

    // A fresh set of services on the same data directory reads the same list.
    await h.services.dispose();
    open.splice(open.indexOf(h.services), 1);
    const again = await start(h.dataDir);
    const reread = await ok<SavedIndexSpec[]>(again, 'indexlab:savedSpecs', undefined);
    expect(reread).toEqual(list);

    list = await ok<SavedIndexSpec[]>(again, 'indexlab:deleteSpec', { name: 'Capped' });
    expect(list.map((s) => s.name)).toEqual(['Equal 5']);
    const missing = await fail(again, 'indexlab:deleteSpec', { name: 'Capped' });
    expect(missing.code).toBe('not-found');
  });

  it('rejects an invalid spec with the field and reason, and stores nothing', async () => {
    const h = await start();
    await ok(h, 'indexlab:saveSpec', { name: 'Good', spec: {} });
    const file = join(h.dataDir, 'indexlab-specs.json');
    const before = readFileSync(file, 'utf8');

    const err = await fail(h, 'indexlab:saveSpec', {
      name: 'Broken',
      spec: { weighting: { maxWeight: 25 }, rebalance: { cadense: 'weekly' } },
    });
    expect(err.code).toBe('bad-request');
    const details = err.details?.join('\n') ?? '';
    expect(details).toMatch(/spec\.weighting\.maxWeight: must be at most 1/);
    expect(details).toMatch(/spec\.rebalance.*cadense/);

    const noName = await fail(h, 'indexlab:saveSpec', { name: '   ', spec: {} });
    expect(noName.code).toBe('bad-request');

    expect(readFileSync(file, 'utf8')).toBe(before);
    const list = await ok<SavedIndexSpec[]>(h, 'indexlab:savedSpecs', undefined);
    expect(list.map((s) => s.name)).toEqual(['Good']);
  });

  it('keeps a stored spec that no longer validates, flagged with its errors instead of dropping it', async () => {
    const h = await start();
    writeFileSync(
      join(h.dataDir, 'indexlab-specs.json'),
      JSON.stringify({ specs: [{ name: 'Hand edited', spec: { costs: { feeBps: 'ten' } }, savedAt: 5 }] }),
    );
    const list = await ok<SavedIndexSpec[]>(h, 'indexlab:savedSpecs', undefined);
    expect(list).toHaveLength(1);
    expect(list[0]!.spec).toBeNull();
    expect(list[0]!.errors?.join(' ')).toMatch(/costs\.feeBps/);
    // Still there on disk: nothing the user wrote is lost.
    expect(readFileSync(join(h.dataDir, 'indexlab-specs.json'), 'utf8')).toContain('Hand edited');
  });
});
