/**
 * The data bundled with the app (assets/catalog.json, assets/demo/) is validated here with its schemas,
 * once, instead of at every start: the app trusts these files at run time (electron/services/sample.ts,
 * electron/services/market-data.ts). Validating must change nothing, so the trusted reads equal the
 * validated ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../../shared/catalog';
import { decodeDemoPrices, decodeDemoRows, demoPortfolio, type DemoPricesFile } from '../../shared/demo';
import { sampleLoader } from '../../electron/services/sample';
import { MarketDataService } from '../../electron/services/market-data';
import { ASSETS_DIR } from '../main/support/services';

const json = (path: string): unknown => JSON.parse(readFileSync(join(ASSETS_DIR, path), 'utf8'));

describe('bundled data', () => {
  it('the catalog passes its schema unchanged, and is what the market-data service uses', () => {
    const raw = json('catalog.json');
    expect(parseCatalogFile(raw)).toEqual(raw);
    const service = new MarketDataService({ cacheDir: ASSETS_DIR });
    expect(service.bundle).toEqual(parseCatalogFile(raw));
  });

  it('the sample portfolio and prices pass their schemas, and the sample loader reads the same', () => {
    const portfolio = json('demo/portfolio.json');
    const prices = json('demo/prices.json');
    expect(demoPortfolio(portfolio)).toEqual(portfolio);
    const validated = decodeDemoPrices(prices);
    expect(decodeDemoRows(prices as DemoPricesFile)).toEqual(validated);
    const sample = sampleLoader(ASSETS_DIR)();
    expect(sample.portfolio).toEqual(demoPortfolio(portfolio));
    expect(sample.history).toEqual(validated);
  });
});
