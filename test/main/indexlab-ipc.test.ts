/**
 * Index Lab channels through the real services and IPC router: exports land in <dataDir>/exports with
 * exactly the content sent, file names cannot leave that folder, and named specs round-trip through the
 * `indexlab-specs` store while invalid specs are refused without touching it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultIndexSpec, parseIndexSpec, validateIndexSpec } from '../../shared/indexlab';
import { cleanUpAfterEach } from './support/cleanup';
import { startApp, type TestApp } from './support/app';
import { steppingClock } from './support/clock';
import { filesUnder } from './support/files';

const clock = steppingClock(Date.UTC(2026, 10, 20, 12), 1000);

cleanUpAfterEach();

/** The app on a new data folder, or on `dataDir` (a restart); each reading of its clock is a second later. */
function start(dataDir?: string): Promise<TestApp> {
  return startApp({ prefix: 'ballast-indexlab-', now: clock.now, ...(dataDir ? { dataDir } : {}) });
}

describe('indexlab:export', () => {
  it('writes exactly the content to <dataDir>/exports, adding the extension of the kind', async () => {
    const h = await start();
    const csv = 'date,strategy,btc\n2025-01-01,10000,10000\n2025-01-02,10123.45,9987.6\n';
    const res = await h.call('indexlab:export', {
      kind: 'results-csv',
      name: 'weekly-index',
      content: csv,
    });
    expect(res.path).toBe(join(h.dataDir, 'exports', 'weekly-index.csv'));
    expect(readFileSync(res.path!, 'utf8')).toBe(csv);

    const spec = JSON.stringify({ name: 'Equal 10', weighting: { method: 'equal' } }, null, 2);
    const res2 = await h.call('indexlab:export', {
      kind: 'spec-json',
      name: 'equal.json',
      content: spec,
    });
    expect(res2.path).toBe(join(h.dataDir, 'exports', 'equal.json'));
    expect(readFileSync(res2.path!, 'utf8')).toBe(spec);
    // What was exported is a spec the CLI's parser accepts.
    const parsed = parseIndexSpec(JSON.parse(readFileSync(res2.path!, 'utf8')));
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
      const err = await h.fail('indexlab:export', { kind: 'results-csv', name, content: 'x' });
      expect(err.code, name).toBe('bad-request');
      expect(err.details?.join(' '), name).toMatch(/^name: /);
    }
    expect(filesUnder(h.dataDir).filter((f) => f.startsWith('exports') || f.includes('escape'))).toEqual([]);
    expect(existsSync(join(h.dataDir, '..', 'escape.csv'))).toBe(false);
  });

  it('refuses a spec export that is not a valid spec, and JSON exports that are not JSON', async () => {
    const h = await start();
    const bad = await h.fail('indexlab:export', {
      kind: 'spec-json',
      name: 'bad-spec',
      content: JSON.stringify({ costs: { feeBps: -3 } }),
    });
    expect(bad.code).toBe('invalid-spec');
    expect(bad.details?.join('\n')).toMatch(/costs\.feeBps/);
    const notJson = await h.fail('indexlab:export', { kind: 'results-json', name: 'r', content: '{oops' });
    expect(notJson.code).toBe('invalid');
    expect(filesUnder(join(h.dataDir, 'exports'))).toEqual([]);
  });

  it('rejects content above the size bound', async () => {
    const h = await start();
    const err = await h.fail('indexlab:export', {
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
    expect(await h.call('indexlab:savedSpecs', undefined)).toEqual([]);

    const equal = { name: 'Equal top 5', universe: { type: 'top', n: 5 }, weighting: { method: 'equal' } } as const;
    let list = await h.call('indexlab:saveSpec', { name: 'Equal 5', spec: equal });
    expect(list).toHaveLength(1);
    // Stored with every default filled in: the same spec the engine would run.
    expect(list[0]!.spec).toEqual(validateIndexSpec(equal));

    const capped = { ...defaultIndexSpec(), weighting: { ...defaultIndexSpec().weighting, maxWeight: 0.25 } };
    list = await h.call('indexlab:saveSpec', { name: 'Capped', spec: capped });
    expect(list.map((s) => s.name)).toEqual(['Capped', 'Equal 5']);

    // Saving under an existing name replaces it (and moves it to the top).
    const monthly = { ...equal, rebalance: { cadence: 'monthly' } } as const;
    list = await h.call('indexlab:saveSpec', { name: 'Equal 5', spec: monthly });
    expect(list.map((s) => s.name)).toEqual(['Equal 5', 'Capped']);
    expect(list[0]!.spec?.rebalance.cadence).toBe('monthly');

    // A fresh set of services on the same data directory reads the same list.
    await h.stop();
    const again = await start(h.dataDir);
    const reread = await again.call('indexlab:savedSpecs', undefined);
    expect(reread).toEqual(list);

    list = await again.call('indexlab:deleteSpec', { name: 'Capped' });
    expect(list.map((s) => s.name)).toEqual(['Equal 5']);
    const missing = await again.fail('indexlab:deleteSpec', { name: 'Capped' });
    expect(missing.code).toBe('not-found');
  });

  it('rejects an invalid spec with the field and reason, and stores nothing', async () => {
    const h = await start();
    await h.call('indexlab:saveSpec', { name: 'Good', spec: {} });
    const file = join(h.dataDir, 'indexlab-specs.json');
    const before = readFileSync(file, 'utf8');

    const err = await h.fail('indexlab:saveSpec', {
      name: 'Broken',
      spec: { weighting: { maxWeight: 25 }, rebalance: { cadense: 'weekly' } },
    });
    expect(err.code).toBe('bad-request');
    const details = err.details?.join('\n') ?? '';
    expect(details).toMatch(/spec\.weighting\.maxWeight: must be at most 1/);
    expect(details).toMatch(/spec\.rebalance.*cadense/);

    const noName = await h.fail('indexlab:saveSpec', { name: '   ', spec: {} });
    expect(noName.code).toBe('bad-request');

    expect(readFileSync(file, 'utf8')).toBe(before);
    const list = await h.call('indexlab:savedSpecs', undefined);
    expect(list.map((s) => s.name)).toEqual(['Good']);
  });

  it('keeps a stored spec that no longer validates, flagged with its errors instead of dropping it', async () => {
    const h = await start();
    writeFileSync(
      join(h.dataDir, 'indexlab-specs.json'),
      JSON.stringify({ specs: [{ name: 'Hand edited', spec: { costs: { feeBps: 'ten' } }, savedAt: 5 }] }),
    );
    const list = await h.call('indexlab:savedSpecs', undefined);
    expect(list).toHaveLength(1);
    expect(list[0]!.spec).toBeNull();
    expect(list[0]!.errors?.join(' ')).toMatch(/costs\.feeBps/);
    // Still there on disk: nothing the user wrote is lost.
    expect(readFileSync(join(h.dataDir, 'indexlab-specs.json'), 'utf8')).toContain('Hand edited');
  });
});
