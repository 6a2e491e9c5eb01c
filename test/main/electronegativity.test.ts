/**
 * The Electron security scan (scripts/check-electronegativity.ts): the allow-list covers the findings of
 * the code as it is, one finding per entry, matched by check, file and source line; a new insecure
 * BrowserWindow added to electron/main/index.ts is a finding no entry covers, so the scan fails.
 */
import { appendFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, readAllowList, scan, type Finding } from '../../scripts/check-electronegativity';
import { cleanUpAfterAll, tempDir } from './support/cleanup';
import { ROOT } from './support/services';

cleanUpAfterAll();

const finding = (over: Partial<Finding>): Finding => ({
  check: 'CONTEXT_ISOLATION_JS_CHECK',
  severity: 'HIGH',
  confidence: 'FIRM',
  file: 'electron/main/index.ts',
  line: 1,
  column: 0,
  snippet: 'const win = new BrowserWindow({',
  manualReview: false,
  description: '',
  url: '',
  ...over,
});

describe('Electronegativity allow-list', () => {
  it('covers one finding per entry, by check, file and source line', () => {
    const allowList = readAllowList();
    const listed = finding({});
    expect(judge([listed], allowList).unlisted).toEqual([]);
    // Same check and file, another line: not covered.
    const elsewhere = finding({ line: 200, snippet: 'const other = new BrowserWindow({ webPreferences: {} });' });
    expect(judge([listed, elsewhere], allowList).unlisted).toEqual([elsewhere]);
    // The same line twice (a second window written the same way): the second is not covered.
    const twin = finding({ line: 300 });
    expect(judge([listed, twin], allowList).unlisted).toEqual([twin]);
  });

  it('fails the scan when a new insecure BrowserWindow appears in electron/main/index.ts', async () => {
    const root = tempDir('ballast-electronegativity-');
    for (const rel of ['electron', 'renderer/index.html', 'package.json']) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      cpSync(join(ROOT, rel), join(root, rel), { recursive: true });
    }
    const clean = await scan(root);
    expect(judge(clean.findings, readAllowList()).unlisted).toEqual([]);

    appendFileSync(
      join(root, 'electron/main/index.ts'),
      '\nexport const debugWindow = () => new BrowserWindow({ webPreferences: { contextIsolation: false } });\n',
    );
    const { findings } = await scan(root);
    const verdict = judge(findings, readAllowList());
    expect(verdict.unlisted.map((f) => `${f.check} ${f.file}`)).toContain(
      'CONTEXT_ISOLATION_JS_CHECK electron/main/index.ts',
    );
  }, 60_000);
});
