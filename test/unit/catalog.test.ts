import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  catalogFileSchema,
  isCacheFresh,
  parseCatalogFile,
  parseCoinGeckoMarkets,
  preferredIdsOf,
  tierOverridesOf,
  type CatalogFile,
  type MarketDataCache,
} from '../../shared/catalog';
import { SECTORS } from '../../shared/domain/types';
import { buildCatalogFile, serializeCatalog } from '../../scripts/build-catalog';

const raw: unknown = JSON.parse(readFileSync(new URL('../../assets/catalog.json', import.meta.url), 'utf8'));

describe('bundled catalog file', () => {
  const file = parseCatalogFile(raw);

  it('holds at least 200 unique symbols and unique CoinGecko ids', () => {
    const symbols = new Set(file.assets.map((a) => a.symbol));
    expect(symbols.size).toBe(file.assets.length);
    expect(symbols.size).toBeGreaterThanOrEqual(200);
    const ids = file.assets.map((a) => a.coingeckoId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has at least 200 ranked assets with unique ranks 1..n ordered by market cap', () => {
    const ranked = file.assets.filter((a) => a.rank !== null);
    expect(ranked.length).toBeGreaterThanOrEqual(200);
    const ranks = ranked.map((a) => a.rank!).sort((a, b) => a - b);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    const byRank = [...ranked].sort((a, b) => a.rank! - b.rank!);
    for (let i = 1; i < byRank.length; i++) {
      expect(byRank[i]!.marketCapUsd!).toBeLessThanOrEqual(byRank[i - 1]!.marketCapUsd!);
    }
    // An asset without a market cap has no rank.
    for (const a of file.assets) expect(a.rank === null).toBe(a.marketCapUsd === null);
  });

  it('uses only known sectors and tags every stablecoin as such', () => {
    for (const a of file.assets) {
      expect(a.sectors.length).toBeGreaterThan(0);
      for (const s of a.sectors) expect(SECTORS).toContain(s);
      expect(new Set(a.sectors).size).toBe(a.sectors.length);
      if (a.stablecoin) expect(a.sectors[0]).toBe('stablecoin');
      expect(a.sectors.includes('stablecoin')).toBe(a.stablecoin);
    }
    const stables = file.assets.filter((a) => a.stablecoin).map((a) => a.symbol);
    expect(stables).toEqual(expect.arrayContaining(['USDT', 'USDC', 'DAI', 'USDE', 'FDUSD']));
    expect(stables).not.toContain('PAXG');
  });

  it('contains the majors with sensible tags', () => {
    const by = Object.fromEntries(file.assets.map((a) => [a.symbol, a]));
    for (const s of ['BTC', 'ETH', 'USDT', 'USDC', 'SOL', 'BNB', 'XRP', 'DOGE', 'ADA', 'TRX', 'LINK', 'AVAX']) {
      expect(by[s], s).toBeDefined();
      expect(by[s]!.rank!, s).toBeLessThanOrEqual(25);
    }
    expect(by.BTC!.rank).toBe(1);
    expect(by.ETH!.rank).toBe(2);
    expect(by.BTC!.coingeckoId).toBe('bitcoin');
    expect(by.DOGE!.sectors[0]).toBe('meme');
    expect(by.LINK!.sectors[0]).toBe('oracle');
    expect(by.BNB!.sectors).toContain('exchange');
  });

  it('records an honest date and says the caps are approximate', () => {
    expect(file.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.source.toLowerCase()).toContain('approximate');
  });

  it('matches what scripts/build-catalog.ts generates', () => {
    const text = readFileSync(new URL('../../assets/catalog.json', import.meta.url), 'utf8');
    expect(JSON.parse(serializeCatalog(buildCatalogFile()))).toEqual(JSON.parse(text));
  });

  it('schema rejects duplicates and inconsistent stablecoin flags', () => {
    const base = file.assets.find((a) => a.symbol === 'BTC')!;
    const dup = { ...file, assets: [base, { ...base }] };
    expect(catalogFileSchema.safeParse(dup).success).toBe(false);
    const badStable = { ...file, assets: [{ ...base, stablecoin: true }] };
    expect(catalogFileSchema.safeParse(badStable).success).toBe(false);
    const badSector = { ...file, assets: [{ ...base, sectors: ['memes'] }] };
    expect(catalogFileSchema.safeParse(badSector).success).toBe(false);
    expect(() => parseCatalogFile({ version: 2, asOf: 'x', source: '', assets: [] })).toThrow(/invalid asset catalog/);
  });
});

const miniBundle: CatalogFile = {
  version: 1,
  asOf: '2025-06-30',
  source: 'test',
  assets: [
    {
      symbol: 'BTC',
      name: 'Bitcoin',
      sectors: ['L1', 'payments'],
      stablecoin: false,
      marketCapUsd: 2e12,
      rank: 1,
      coingeckoId: 'bitcoin',
    },
    {
      symbol: 'ETH',
      name: 'Ethereum',
      sectors: ['L1', 'DeFi'],
      stablecoin: false,
      marketCapUsd: 3e11,
      rank: 2,
      coingeckoId: 'ethereum',
    },
    {
      symbol: 'USDT',
      name: 'Tether',
      sectors: ['stablecoin'],
      stablecoin: true,
      marketCapUsd: 1.5e11,
      rank: 3,
      coingeckoId: 'tether',
    },
    {
      symbol: 'PEPE',
      name: 'Pepe',
      sectors: ['meme'],
      stablecoin: false,
      marketCapUsd: 4e9,
      rank: 4,
      coingeckoId: 'pepe',
    },
    {
      symbol: 'S',
      name: 'Sonic',
      sectors: ['L1'],
      stablecoin: false,
      marketCapUsd: 1e9,
      rank: 5,
      coingeckoId: 'sonic-3',
    },
    { symbol: 'NEW', name: 'New coin', sectors: ['AI'], stablecoin: false, marketCapUsd: null, rank: null },
  ],
};

function row(id: string, symbol: string, cap: number | null, rank: number | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    symbol,
    name: id,
    image: 'https://example.invalid/x.png',
    current_price: 1,
    market_cap: cap,
    market_cap_rank: rank,
    total_volume: 10,
    price_change_percentage_24h: 0.1,
    ...extra,
  };
}

describe('parseCoinGeckoMarkets', () => {
  it('keys entries by upper-case symbol and keeps the fields Ballast uses', () => {
    const { cache, skipped } = parseCoinGeckoMarkets(
      [row('bitcoin', 'btc', 2.1e12, 1, { current_price: 106000, total_volume: 3e10 })],
      { fetchedAt: 123 },
    );
    expect(skipped).toEqual([]);
    expect(cache.fetchedAt).toBe(123);
    expect(cache.entries.BTC).toEqual({
      coingeckoId: 'bitcoin',
      marketCapUsd: 2.1e12,
      rank: 1,
      priceUsd: 106000,
      volumeUsd: 3e10,
    });
  });

  it('skips and reports bad rows without failing the rest', () => {
    const input = [
      row('bitcoin', 'btc', 2e12, 1),
      {
        id: 'broken',
        symbol: 'brk',
        name: 'Broken',
        market_cap: 'lots',
        market_cap_rank: 2,
        current_price: 1,
        total_volume: 1,
      },
      null,
      row('negative', 'neg', -5, 3),
      row('weird', 'we ird', 1e6, 4),
      row('bitcoin', 'btc', 2e12, 1),
      row('nulls', 'nul', null, null, { current_price: null, total_volume: null }),
    ];
    const { cache, skipped } = parseCoinGeckoMarkets(input, { fetchedAt: 0 });
    expect(Object.keys(cache.entries).sort()).toEqual(['BTC', 'NUL']);
    expect(skipped.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
    expect(skipped[0]).toMatchObject({ id: 'broken' });
    expect(skipped[0]!.reason).toContain('market_cap');
    expect(skipped[4]!.reason).toContain('duplicate');
    expect(cache.entries.NUL).toMatchObject({ marketCapUsd: null, rank: null, priceUsd: null });
  });

  it('throws when the response is not an array', () => {
    expect(() => parseCoinGeckoMarkets({ error: 'rate limited' }, { fetchedAt: 0 })).toThrow(/not an array/);
  });

  it('resolves ticker collisions to the highest-ranked coin by default', () => {
    const { cache, collisions } = parseCoinGeckoMarkets(
      [row('impostor', 'eth', 1e6, 900), row('ethereum', 'eth', 3e11, 2), row('other', 'eth', null, null)],
      { fetchedAt: 0 },
    );
    expect(cache.entries.ETH!.coingeckoId).toBe('ethereum');
    expect(collisions).toEqual([{ symbol: 'ETH', kept: 'ethereum', dropped: ['impostor', 'other'] }]);
  });

  it("prefers the catalog's CoinGecko id over a higher-ranked namesake", () => {
    const input = [row('some-big-s', 's', 5e9, 40), row('sonic-3', 's', 1e9, 120)];
    const withCatalog = parseCoinGeckoMarkets(input, { fetchedAt: 0, preferredIds: preferredIdsOf(miniBundle.assets) });
    expect(withCatalog.cache.entries.S!.coingeckoId).toBe('sonic-3');
    const without = parseCoinGeckoMarkets(input, { fetchedAt: 0 });
    expect(without.cache.entries.S!.coingeckoId).toBe('some-big-s');
  });
});

describe('isCacheFresh', () => {
  const cache: MarketDataCache = { fetchedAt: 1_000_000, entries: {} };
  it('compares the cache age with the limit', () => {
    expect(isCacheFresh(cache, 1_000_000 + 59_000, 60_000)).toBe(true);
    expect(isCacheFresh(cache, 1_000_000 + 61_000, 60_000)).toBe(false);
    expect(isCacheFresh(null, 0, 60_000)).toBe(false);
    expect(isCacheFresh(cache, 1_000_000 - 5_000, 60_000)).toBe(false);
  });
});

describe('buildCatalog', () => {
  it('returns the bundle keyed by symbol when there is no cache', () => {
    const cat = buildCatalog(miniBundle);
    expect(Object.keys(cat)).toHaveLength(miniBundle.assets.length);
    expect(cat.PEPE).toMatchObject({ marketCapUsd: 4e9, rank: 4, sectors: ['meme'] });
    expect(cat.NEW).toMatchObject({ marketCapUsd: null, rank: null });
  });

  it('keeps bundled ranks for the real catalog when nothing is fresher', () => {
    const file = parseCatalogFile(raw);
    const cat = buildCatalog(file);
    for (const a of file.assets) expect(cat[a.symbol]!.rank, a.symbol).toBe(a.rank);
  });

  it('takes fresh market caps from the cache, re-ranks, and adds unlisted coins', () => {
    const cache: MarketDataCache = {
      fetchedAt: 5,
      entries: {
        PEPE: { coingeckoId: 'pepe', marketCapUsd: 5e11, rank: 2, priceUsd: 0.0001, volumeUsd: 1e9 },
        NEW: { coingeckoId: 'new-coin', marketCapUsd: 2e9, rank: 50, priceUsd: 1, volumeUsd: 1 },
        ZZZ: { coingeckoId: 'zzz', marketCapUsd: 3e9, rank: 40, priceUsd: 1, volumeUsd: 1 },
        NOCAP: { coingeckoId: 'nocap', marketCapUsd: null, rank: null, priceUsd: 1, volumeUsd: 1 },
      },
    };
    const cat = buildCatalog(miniBundle, cache);
    expect(cat.PEPE!.marketCapUsd).toBe(5e11);
    expect(cat.PEPE!.rank).toBe(2);
    expect(cat.ETH!.rank).toBe(3);
    expect(cat.BTC!.marketCapUsd).toBe(2e12);
    // No id in the bundle: the cache fills both the cap and the id.
    expect(cat.NEW).toMatchObject({ marketCapUsd: 2e9, coingeckoId: 'new-coin', sectors: ['AI'] });
    expect(cat.ZZZ).toMatchObject({ sectors: ['other'], stablecoin: false, marketCapUsd: 3e9 });
    expect(cat.NOCAP).toBeUndefined();
    const ranks = Object.values(cat)
      .map((a) => a.rank)
      .filter((r) => r !== null);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(buildCatalog(miniBundle, cache, null, { includeUnlisted: false }).ZZZ).toBeUndefined();
  });

  it('ignores a cache entry for a different coin with the same ticker', () => {
    const cache: MarketDataCache = {
      fetchedAt: 5,
      entries: { S: { coingeckoId: 'some-big-s', marketCapUsd: 9e10, rank: 8, priceUsd: 1, volumeUsd: 1 } },
    };
    const cat = buildCatalog(miniBundle, cache);
    expect(cat.S!.marketCapUsd).toBe(1e9);
    expect(cat.S!.coingeckoId).toBe('sonic-3');
  });

  it('applies sector overrides as the primary sector and exposes tier overrides', () => {
    const overrides = {
      ETH: { sector: 'DeFi' as const },
      PEPE: { sector: 'AI' as const, tier: 'large' as const },
      USDT: { sector: 'payments' as const },
      BTC: { tier: 'mid' as const },
      MISSING: { sector: 'L1' as const },
    };
    const cat = buildCatalog(miniBundle, null, overrides);
    expect(cat.ETH!.sectors).toEqual(['DeFi', 'L1']);
    expect(cat.PEPE!.sectors).toEqual(['AI', 'meme']);
    expect(cat.USDT).toMatchObject({ sectors: ['payments'], stablecoin: false });
    expect(cat.BTC!.sectors).toEqual(['L1', 'payments']);
    expect(cat.MISSING).toBeUndefined();
    // The bundle itself is not modified.
    expect(miniBundle.assets[1]!.sectors).toEqual(['L1', 'DeFi']);
    expect(tierOverridesOf(overrides)).toEqual({ PEPE: 'large', BTC: 'mid' });
    expect(buildCatalog(miniBundle, null, { PEPE: { sector: 'stablecoin' } }).PEPE).toMatchObject({
      stablecoin: true,
      sectors: ['stablecoin', 'meme'],
    });
  });
});
