/**
 * The portfolio revision follows the market history: importing price files raises it (pushed as
 * 'portfolio:changed' with reason 'market-history'), so grades and the Index Lab reload; a cancelled
 * folder dialog changes nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PortfolioChange } from '../../shared/ipc/channels/portfolio';
import { startApp } from './support/app';
import { cleanUpAfterEach, tempDir } from './support/cleanup';

cleanUpAfterEach();

describe('portfolio:changed and the market history', () => {
  it('is raised by an import that stored prices, not by a cancelled one', async () => {
    const dir = tempDir('ballast-mh-feed-');
    writeFileSync(
      join(dir, 'BTC.csv'),
      'date,open,high,low,close,volume\n2024-01-01,1,1,1,1,10\n2024-01-02,2,2,2,2,10\n',
    );
    let folder: string | null = null;
    const app = await startApp({ chooseFolder: async () => folder });
    const changes = () =>
      app.events.filter((e) => e.event === 'portfolio:changed').map((e) => e.payload as PortfolioChange);

    const before = changes().length;
    await app.call('market-history:import');
    expect(changes().length).toBe(before);

    folder = dir;
    const result = await app.call('market-history:import');
    expect(result.assets.map((a) => a.symbol)).toEqual(['BTC']);
    expect(changes().slice(before)).toEqual([expect.objectContaining({ reason: 'market-history' })]);
    expect((await app.call('portfolio:get')).revision).toBe(changes().at(-1)!.revision);
  });
});
