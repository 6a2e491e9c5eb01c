/** The bundled sample portfolio (assets/demo), shown while the user has no accounts or holdings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPortfolio, decodeDemoPrices, type DemoPortfolio } from '../../shared/demo';
import type { PriceHistory } from '../../shared/domain/types';
import { AppError } from './errors';

export interface SampleData {
  portfolio: DemoPortfolio;
  history: PriceHistory;
}

/** Returns a loader that reads and validates the sample files once, on first use. */
export function sampleLoader(assetsDir: string): () => SampleData {
  let cached: SampleData | null = null;
  return () => {
    if (!cached) {
      try {
        const read = (name: string): unknown => JSON.parse(readFileSync(join(assetsDir, 'demo', name), 'utf8'));
        cached = { portfolio: demoPortfolio(read('portfolio.json')), history: decodeDemoPrices(read('prices.json')) };
      } catch {
        throw new AppError('sample-unavailable', 'The bundled sample portfolio could not be read.');
      }
    }
    return cached;
  };
}
