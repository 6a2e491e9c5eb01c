/**
 * Index Lab spec: the JSON document that describes one index strategy.
 * The UI exports it, the CLI reads it, and the engine runs it. Validated with zod;
 * every field has a default so `{}` is a valid spec (top 10 by market cap, weekly).
 * Field-by-field reference: docs/INDEX-LAB.md.
 */
import { z } from 'zod';
import { symbolInputSchema } from '../catalog/schema';
import { SECTORS, type Sector } from '../domain/types';
import { boundedRecord, displayNameSchema } from '../schema';
import { parseIsoDay } from './calendar';
import { IndexSpecError } from './spec-error';

/** Version of the spec format this build reads and writes. */
export const INDEX_SPEC_VERSION = 1;

export const CADENCES = ['weekly', 'monthly', 'quarterly', 'threshold'] as const;
export type Cadence = (typeof CADENCES)[number];

export const WEIGHTING_METHODS = ['marketcap', 'sqrt-marketcap', 'equal', 'inverse-volatility', 'signal'] as const;
export type WeightingMethod = (typeof WEIGHTING_METHODS)[number];

export const RISK_OFF_RULES = ['btc-below-ma', 'basket-trend'] as const;
export type RiskOffRule = (typeof RISK_OFF_RULES)[number];

export { isoDay, parseIsoDay } from './calendar';

const symbolSchema = symbolInputSchema;
/** Most symbols a universe lists, and most target weights a holdings universe sets. */
export const MAX_UNIVERSE_SYMBOLS = 1000;

const daySchema = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .max(10, 'must be a date written YYYY-MM-DD')
  .refine((s) => Number.isFinite(parseIsoDay(s)), 'must be a real date written YYYY-MM-DD');

const wholeDays = (min: number, max: number) =>
  z
    .int({ error: 'must be a whole number of days' })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** One of a fixed list of names, with an error that lists them. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/**
 * A number above 0 written as a fraction: up to 1 inclusive (`upTo` 'at most 1') or below 1.
 * `example` shows the notation in the error, e.g. "0.25 = 25%".
 */
function fraction(typeError: string, upTo: 'at most 1' | 'below 1', example: string) {
  const n = z.number({ error: typeError }).gt(0, 'must be above 0');
  const hint = `(it is a fraction: ${example})`;
  return upTo === 'at most 1' ? n.max(1, `must be at most 1 ${hint}`) : n.lt(1, `must be below 1 ${hint}`);
}

const sectorSchema = z.enum(SECTORS as unknown as [Sector, ...Sector[]], {
  error: `must be one of ${SECTORS.join(', ')}`,
});

const universeCommon = {
  /** Allow stablecoins in the risk basket (default: they are excluded). */
  includeStablecoins: z.boolean().default(false),
  /** An asset joins once it has this many daily candles up to the previous close. */
  minHistoryDays: wholeDays(1, 3650).default(30),
  /** An asset whose last candle is older than this (at the previous close) is skipped. */
  maxStaleDays: wholeDays(0, 365).default(3),
};

const topN = z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(1000);

/** A universe object without `type` is a top-N universe (every field is optional, `type` too). */
const withTopType = (u: unknown): unknown =>
  u !== null && typeof u === 'object' && !Array.isArray(u) && !('type' in u) ? { type: 'top', ...u } : u;

const universeUnion = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('top'), n: topN.default(10), ...universeCommon }),
    z.strictObject({
      type: z.literal('sector'),
      sectors: z.array(sectorSchema).min(1, 'must name at least one sector').max(SECTORS.length),
      n: topN.optional(),
      ...universeCommon,
    }),
    z.strictObject({
      type: z.literal('custom'),
      symbols: z
        .array(symbolSchema)
        .min(1, 'must list at least one symbol')
        .max(MAX_UNIVERSE_SYMBOLS, `must list at most ${MAX_UNIVERSE_SYMBOLS} symbols`),
      n: topN.optional(),
      ...universeCommon,
    }),
    z.strictObject({
      type: z.literal('holdings'),
      symbols: z
        .array(symbolSchema)
        .min(1, 'must list at least one symbol')
        .max(MAX_UNIVERSE_SYMBOLS, `must list at most ${MAX_UNIVERSE_SYMBOLS} symbols`),
      /** Fixed target weights by symbol (normalised to sum to 1). Overrides `weighting.method`. */
      targets: boundedRecord(
        z.record(symbolSchema, z.number().min(0, 'target weights must be >= 0')),
        MAX_UNIVERSE_SYMBOLS,
        'target weights',
      ).optional(),
      ...universeCommon,
    }),
  ],
  { error: 'universe.type must be one of top, sector, custom, holdings' },
);

export const UniverseSchema = z
  .preprocess(withTopType, universeUnion as z.ZodType<z.output<typeof universeUnion>, z.input<typeof universeUnion>>)
  .prefault({ type: 'top' });

export const WeightingSchema = z
  .strictObject({
    method: oneOf(WEIGHTING_METHODS).default('marketcap'),
    /** Maximum weight per asset (fraction, e.g. 0.25); null = no cap. */
    maxWeight: fraction('must be a number between 0 and 1, or null', 'at most 1', '0.25 = 25%')
      .nullable()
      .default(null),
    /** Trailing window (days of returns) for inverse-volatility weighting. */
    volLookbackDays: wholeDays(2, 730).default(30),
    /** EMA length (days) of the built-in trend signal used by signal weighting. */
    signalLookbackDays: wholeDays(2, 730).default(50),
  })
  .prefault({});

export const RebalanceSchema = z
  .strictObject({
    cadence: oneOf(CADENCES).default('weekly'),
    /** Threshold cadence only: rebalance when any weight is further than this from target. */
    band: fraction('must be a number', 'below 1', '0.05 = 5 points').default(0.05),
  })
  .prefault({});

const bps = z
  .number({ error: 'must be a number of basis points' })
  .min(0, 'must be >= 0')
  .max(2000, 'must be at most 2000 bps (20%)');

export const CostsSchema = z
  .strictObject({
    feeBps: bps.default(10),
    slippageBps: bps.default(5),
  })
  .prefault({});

export const RiskOffSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    rule: oneOf(RISK_OFF_RULES).default('btc-below-ma'),
    /** Asset watched by the btc-below-ma rule. */
    asset: symbolSchema.default('BTC'),
    /** Moving-average length: SMA for btc-below-ma, EMA for basket-trend. */
    maDays: wholeDays(2, 730).default(100),
    /** Also evaluate the rule every day and rebalance as soon as the regime flips. */
    checkDaily: z.boolean().default(false),
  })
  .prefault({});

export const IndexSpecSchema = z
  .strictObject({
    version: z
      .literal(INDEX_SPEC_VERSION, {
        error: `unsupported spec version: this build reads version ${INDEX_SPEC_VERSION}`,
      })
      .default(INDEX_SPEC_VERSION),
    name: displayNameSchema(200, 0).optional(),
    universe: UniverseSchema,
    weighting: WeightingSchema,
    rebalance: RebalanceSchema,
    costs: CostsSchema,
    riskOff: RiskOffSchema,
    initialCapital: z
      .number({ error: 'must be a number' })
      .gt(0, 'must be above 0')
      .max(1e15, 'is unrealistically large')
      .default(10_000),
    /** Start (funding) date: cash at its close, first trades at the next day's close. */
    startDate: daySchema.nullable().optional(),
    /** Last day simulated (inclusive). */
    endDate: daySchema.nullable().optional(),
    /** Annual risk-free rate (fraction) used by Sharpe and Sortino. */
    riskFreeRate: z
      .number({ error: 'must be a number' })
      .min(-0.5, 'must be at least -0.5')
      .max(1, 'must be at most 1 (it is a fraction: 0.04 = 4%)')
      .default(0),
    /** Symbol of the buy-and-hold benchmark. */
    benchmark: symbolSchema.default('BTC'),
  })
  .superRefine((s, ctx) => {
    if (s.startDate && s.endDate && parseIsoDay(s.startDate) >= parseIsoDay(s.endDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `must be after startDate (${s.startDate})`,
      });
    }
    const u = s.universe;
    if (u.type === 'holdings' && u.targets) {
      const syms = new Set(u.symbols);
      let sum = 0;
      for (const [k, w] of Object.entries(u.targets)) {
        if (!syms.has(k.trim().toUpperCase())) {
          ctx.addIssue({
            code: 'custom',
            path: ['universe', 'targets', k],
            message: `target for ${k} but ${k} is not in universe.symbols`,
          });
        }
        sum += w;
      }
      if (!(sum > 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['universe', 'targets'],
          message: 'target weights must add up to more than 0',
        });
      }
    }
  });

/** A fully-defaulted, validated spec. */
export type IndexSpec = z.output<typeof IndexSpecSchema>;
/** What a caller may write: every field optional. */
export type IndexSpecInput = z.input<typeof IndexSpecSchema>;
export type UniverseSpec = IndexSpec['universe'];

export { IndexSpecError } from './spec-error';

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    } else if (issue.code === 'invalid_type' && message.startsWith('Invalid input: expected')) {
      message = message.replace('Invalid input: expected', 'expected');
    }
    return path ? `${path}: ${message}` : message;
  });
}

export type SpecParseResult = { ok: true; spec: IndexSpec } | { ok: false; errors: string[] };

/** Validates an unknown value (e.g. parsed JSON) as an index spec, without throwing. */
export function parseIndexSpec(input: unknown): SpecParseResult {
  const r = IndexSpecSchema.safeParse(input);
  return r.success ? { ok: true, spec: r.data } : { ok: false, errors: formatIssues(r.error) };
}

/** Validates and fills defaults; throws IndexSpecError with readable messages. */
export function validateIndexSpec(input: unknown): IndexSpec {
  const r = parseIndexSpec(input);
  if (!r.ok) throw new IndexSpecError(r.errors);
  return r.spec;
}

/** The default spec (top 10 by market cap, weekly, 10 bps fee, 5 bps slippage, $10,000). */
export function defaultIndexSpec(): IndexSpec {
  return validateIndexSpec({});
}
