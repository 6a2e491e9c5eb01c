/**
 * The built command-line tools (scripts/build-cli.mjs into out/cli, run by scripts/cli.mjs, which is
 * what `npm run simulate` and `npm run grades:calibrate` run): same output, byte for byte, as the
 * TypeScript sources run through tsx, without a transpiler at run time; rebuilt when missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../shared/domain/types';
import { isoDay } from '../../shared/indexlab';

vi.setConfig({ testTimeout: 120_000 });

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function node(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 100_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pricesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-cli-build-'));
  const d0 = Date.UTC(2024, 0, 1);
  for (const [sym, base, supply] of [
    ['BTC', 40_000, 19e6],
    ['ETH', 2_000, 120e6],
    ['SOL', 100, 4e8],
  ] as const) {
    const rows = Array.from({ length: 90 }, (_, i) => {
      const c = base * (1 + 0.2 * Math.sin(i / 9 + base));
      return `${isoDay(d0 + i * DAY_MS)},${c},${c * 1.01},${c * 0.99},${c},1000,${c * supply}`;
    });
    writeFileSync(join(dir, `${sym}.csv`), `date,open,high,low,close,volume,market_cap\n${rows.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ universe: { type: 'top', n: 2, minHistoryDays: 5 } }));
  return dir;
}

describe('built CLI', () => {
  it('runs from out/cli with the same output and result file as the sources', () => {
    const dir = pricesDir();
    const args = ['--spec', join(dir, 'spec.json'), '--prices', dir];
    const built = node([join(ROOT, 'scripts', 'cli.mjs'), 'simulate', ...args, '--out', join(dir, 'built.json')]);
    const source = node([
      '--import',
      'tsx',
      join(ROOT, 'cli', 'simulate.ts'),
      ...args,
      '--out',
      join(dir, 'source.json'),
    ]);
    expect(built.code).toBe(0);
    expect(source.code).toBe(0);
    expect(built.stdout.replace('built.json', 'X')).toBe(source.stdout.replace('source.json', 'X'));
    expect(readFileSync(join(dir, 'built.json'), 'utf8')).toBe(readFileSync(join(dir, 'source.json'), 'utf8'));
    const usage = node([join(ROOT, 'scripts', 'cli.mjs'), 'simulate', '--spec', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--spec and --prices are required');
    expect(readFileSync(join(ROOT, 'out', 'cli', 'simulate.mjs'), 'utf8')).not.toMatch(/from ['"]tsx/);
  });
});
