/**
 * The bundled sample portfolio (assets/demo), shown while the user has no accounts or holdings. The
 * files ship with the app and are validated with their schemas by the tests
 * (test/unit/bundled-data.test.ts), so they are trusted here: no schema run at start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDemoRows, type DemoPortfolio, type DemoPricesFile } from '../../shared/demo';
import type { PriceHistory } from '../../shared/domain/types';
import { AppError } from './errors';

export interface SampleData {
  portfolio: DemoPortfolio;
  history: PriceHistory;
}

/** Returns a loader that reads the sample files once, on first use. */
export function sampleLoader(assetsDir: string): () => SampleData {
  let cached: SampleData | null = null;
  return () => {
    if (!cached) {
      try {
        const read = (name: string): unknown => JSON.parse(readFileSync(join(assetsDir, 'demo', name), 'utf8'));
        cached = {
          portfolio: read('portfolio.json') as DemoPortfolio,
          history: decodeDemoRows(read('prices.json') as DemoPricesFile),
        };
      } catch {
        throw new AppError('sample-unavailable', 'The bundled sample portfolio could not be read.');
      }
    }
    return cached;
  };
}
