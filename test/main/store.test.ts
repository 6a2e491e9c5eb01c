import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfStore } from '../../electron/services/store';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

describe('JsonStore on conf', () => {
  it('persists values across instances', () => {
    const cwd = tempDir('ballast-store-');
    const a = createConfStore({ name: 'settings', cwd, defaults: { base: 'USD', dust: 1 } });
    a.store.set('base', 'EUR');
    const b = createConfStore({ name: 'settings', cwd, defaults: { base: 'USD', dust: 1 } });
    expect(b.store.get('base')).toBe('EUR');
    expect(b.store.get('dust')).toBe(1);
    expect(b.recovered).toBeNull();
  });

  it('moves a corrupt file aside, reports it and starts from defaults', () => {
    const cwd = tempDir('ballast-store-');
    writeFileSync(join(cwd, 'settings.json'), '{"base": "EUR", truncated');
    const { store, recovered } = createConfStore({ name: 'settings', cwd, defaults: { base: 'USD' } });
    expect(recovered).not.toBeNull();
    expect(store.get('base')).toBe('USD');
    const backups = readdirSync(cwd).filter((f) => f.startsWith('settings.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(cwd, backups[0]!), 'utf8')).toContain('truncated');
  });
});
