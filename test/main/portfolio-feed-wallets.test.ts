/**
 * The portfolio revision follows watch-only wallets: adding, renaming and removing one, showing hidden
 * tokens and re-scanning each raise it (pushed as 'portfolio:changed'), so every view reloads; the
 * sample flag turns off once a wallet's read holds something and back on when it is removed.
 */
import { describe, expect, it } from 'vitest';
import type { PortfolioChange } from '../../shared/ipc/channels/portfolio';
import { SOLANA_ADDRESS } from '../emulator/chain-fixtures';
import { startApp, type TestApp } from './support/app';
import { chainOptions, useChainEmulator } from './support/chains';
import { cleanUpAfterEach } from './support/cleanup';
import { memoryKeytar } from './support/keychain';

const emu = useChainEmulator();
cleanUpAfterEach();

const changes = (app: TestApp) =>
  app.events.filter((e) => e.event === 'portfolio:changed').map((e) => e.payload as PortfolioChange);

/** What `step` announced: the changes it pushed. */
async function during(app: TestApp, step: () => Promise<unknown>): Promise<PortfolioChange[]> {
  const before = changes(app).length;
  await step();
  return changes(app).slice(before);
}

describe('portfolio:changed and watch-only wallets', () => {
  it('is raised by adding, reading, renaming, showing hidden tokens, re-scanning and removing a wallet', async () => {
    const app = await startApp({ ...chainOptions(emu), vault: { keytar: memoryKeytar(), service: 'Ballast Test' } });
    let id = '';
    const added = await during(app, async () => {
      id = (await app.call('wallets:add', { kind: 'solana', label: 'Phantom', input: SOLANA_ADDRESS })).id;
    });
    // Not read yet, so it holds nothing: still the sample.
    expect(added).toEqual([expect.objectContaining({ reason: 'wallets', sample: true })]);

    const read = await during(app, () => app.call('sync:now', { wait: true }));
    expect(read).toContainEqual(expect.objectContaining({ reason: 'sync', sample: false }));

    const renamed = await during(app, () => app.call('wallets:rename', { id, label: 'Phone' }));
    expect(renamed).toEqual([expect.objectContaining({ reason: 'wallets', sample: false })]);
    const view = await app.call('portfolio:get');
    expect(view.revision).toBe(renamed[0]!.revision);
    expect(view.portfolio.custodies.map((c) => c.label)).toContain('on-chain: Phone');

    const shown = await during(app, () => app.call('wallets:setShowHidden', { showHidden: true }));
    expect(shown.map((c) => c.reason)).toEqual(['wallets']);

    const rescanned = await during(app, () => app.call('wallets:rescan', { id }));
    expect(rescanned.map((c) => c.reason)).toContain('sync');

    const removed = await during(app, () => app.call('wallets:remove', { id }));
    expect(removed).toEqual([expect.objectContaining({ reason: 'wallets', sample: true })]);
    const revisions = changes(app).map((c) => c.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  });
});
