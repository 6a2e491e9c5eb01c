/**
 * The offline workflow check (scripts/check-workflows.ts, part of `npm run lint`): the desktop workflow
 * passes, and the mistakes it exists for are caught.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowProblems } from '../../scripts/check-workflows';

const ROOT = resolve(import.meta.dirname, '../..');
const desktop = readFileSync(join(ROOT, '.github/workflows/desktop.yml'), 'utf8');

describe('workflow check', () => {
  it('accepts the desktop workflow', () => {
    expect(workflowProblems(desktop)).toEqual([]);
  });

  it.each([
    ['a misspelt key', desktop.replace('runs-on:', 'runs_on:')],
    [
      'a step with both uses and run',
      desktop.replace('- run: npm ci', '- run: npm ci\n        uses: actions/cache@v4'),
    ],
    ['an action without a version', desktop.replace('actions/checkout@v4', 'actions/checkout')],
    ['a job without steps', desktop.slice(0, desktop.indexOf('    steps:'))],
    ['text that is not YAML', 'name: [unclosed'],
  ])('refuses %s', (_name, text) => {
    expect(workflowProblems(text).length).toBeGreaterThan(0);
  });
});
