/**
 * User settings: one zod schema is the single source of truth for shape, defaults and validation.
 * Main persists them (electron-store); the renderer edits them through the settings channels.
 */
import { z } from 'zod';
import { targetSetSchema } from './allocation/targets';
import { SECTORS, TIERS, type Sector, type Tier } from './domain/types';
import { boundedRecord } from './schema';

/** One setting of an allocation rule as stored: a switch, a number or a short list of names. */
export const RuleSettingValueSchema = z.union([z.boolean(), z.number().finite(), z.array(z.string().max(40)).max(50)]);
export type RuleSettingValue = z.infer<typeof RuleSettingValueSchema>;

/** Bounds and default of `marketHistory.topN`. */
export const MARKET_HISTORY_TOP_N = { min: 10, max: 300, default: 100 } as const;

export const BASE_CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'USDT', 'USDC', 'BTC'] as const;

const overrideSchema = z.strictObject({
  sector: z.enum(SECTORS as [Sector, ...Sector[]]).optional(),
  tier: z.enum(TIERS as [Tier, ...Tier[]]).optional(),
});

export const SettingsSchema = z.strictObject({
  baseCurrency: z.enum(BASE_CURRENCIES).default('USD'),
  /**
   * Balances worth less than this many US dollars are hidden as dust (converted to the base currency,
   * so a BTC base does not hide everything below 1 BTC).
   */
  dustThreshold: z.number().min(0).max(1_000_000).default(1),
  tierThresholds: z
    .strictObject({
      largeMinUsd: z.number().positive(),
      midMinUsd: z.number().positive(),
    })
    .refine((t) => t.largeMinUsd > t.midMinUsd, 'the large-cap threshold must be above the mid-cap one')
    .default({ largeMinUsd: 10_000_000_000, midMinUsd: 1_000_000_000 }),
  /** Periodic sync while the app runs, in minutes; 0 turns it off. */
  syncIntervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** Rotation reminder for API keys, in days. */
  keyRotationDays: z.number().int().min(1).max(3650).default(90),
  /** "Unused for N days" hint for API keys. */
  keyUnusedDays: z.number().int().min(1).max(3650).default(30),
  /** Activity-log retention in days. */
  activityRetentionDays: z.number().int().min(1).max(3650).default(180),
  /** Per-rule settings (thresholds, enabled), validated by the rules engine. */
  rules: boundedRecord(
    z.record(z.string().max(80), boundedRecord(z.record(z.string().max(80), RuleSettingValueSchema), 20, 'settings')),
    100,
    'rules',
  ).default({}),
  /** Per-asset sector/tier overrides. */
  overrides: boundedRecord(z.record(z.string().min(1).max(20), overrideSchema), 5000, 'overrides').default({}),
  /** Target split of portfolio value between high-trader-grade and high-investor-grade tokens. */
  gradeSplit: z
    .strictObject({ trader: z.number().min(0).max(1), investor: z.number().min(0).max(1) })
    .refine((s) => Math.abs(s.trader + s.investor - 1) < 1e-9, 'the split must add up to 100%')
    .default({ trader: 0.3, investor: 0.7 }),
  /** The user's target allocation (tier, sector or asset weights), or null when none is set. */
  targets: targetSetSchema.nullable().default(null),
  desktopNotifications: z.boolean().default(true),
  /**
   * The local market history (docs/MARKET-DATA.md): how many of the largest assets by market cap to keep
   * (the catalog's current top N, stablecoins included), and whether to bring it up to date once a day
   * at start.
   */
  marketHistory: z
    .strictObject({
      topN: z.number().int().min(MARKET_HISTORY_TOP_N.min).max(MARKET_HISTORY_TOP_N.max),
      auto: z.boolean(),
    })
    .default({ topN: MARKET_HISTORY_TOP_N.default, auto: true }),
  /** How the P&L takes units out of their lots: oldest first ('fifo') or at the average cost ('average'). */
  costBasisMethod: z.enum(['fifo', 'average']).default('fifo'),
});

export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A partial update: only the fields present are validated and changed. Built from the same fields with
 * their defaults removed, so a patch never resets the fields it does not mention.
 */
const patchShape = Object.fromEntries(
  Object.entries(SettingsSchema.shape).map(([key, field]) => [
    key,
    (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional(),
  ]),
);
export type SettingsPatch = Partial<Settings>;
export const SettingsPatchSchema = z.strictObject(patchShape) as unknown as z.ZodType<
  SettingsPatch,
  Partial<z.input<typeof SettingsSchema>>
>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
