/**
 * Allocation rules: checks on the diversification breakdown of the priced portfolio.
 * Every rule returns no findings for a portfolio without priced value.
 */
import { z } from 'zod';
import { SECTORS, type Sector } from '../../domain/types';
import { FIAT_CURRENCIES } from '../../money';
import { shareOf, type Breakdown } from '../breakdown';
import { SECTOR_LABELS } from '../classify';
import { DEFAULT_BAND, drift, targetSetSchema, type TargetSet } from '../targets';
import { EPS, defineRule, findingsOf, hasValue, pct, severityAbove, severityBelow, type Finding } from './types';

const share = z.number().finite().min(0).max(1);

/** Object schema for rules with a warning limit and a stricter critical limit. */
function upperLimitSchema<T extends z.ZodRawShape>(extra: T) {
  return z
    .strictObject({ enabled: z.boolean(), maxShare: share, criticalShare: share, ...extra })
    .refine((s) => (s as { criticalShare: number }).criticalShare >= (s as { maxShare: number }).maxShare, {
      message: 'criticalShare must be at or above maxShare',
      path: ['criticalShare'],
    });
}

type UpperLimit = { enabled: boolean; maxShare: number; criticalShare: number };

/** A rule on one slice of the breakdown (a tier or a sector) against a limit and a stricter critical limit. */
function sliceAboveRule<const Id extends string>(r: {
  id: Id;
  title: string;
  description: string;
  defaults: UpperLimit;
  /** Plural name that starts the message, e.g. "Small caps". */
  name: string;
  /** The slice's share of the portfolio. */
  share: (b: Breakdown) => number;
  /** Key of the slice, the finding's subject. */
  subject: string;
  why: string;
}) {
  return defineRule({
    id: r.id,
    title: r.title,
    description: r.description,
    category: 'allocation',
    defaults: r.defaults,
    schema: upperLimitSchema({}),
    evaluate(ctx, s) {
      if (!hasValue(ctx)) return [];
      const actual = r.share(ctx.breakdown);
      const severity = severityAbove(actual, s.maxShare, s.criticalShare);
      if (!severity) return [];
      return [
        {
          ruleId: r.id,
          severity,
          title: `${r.name} above ${pct(s.maxShare)}`,
          message: `${r.name} are ${pct(actual)} of your portfolio (limit ${pct(s.maxShare)}).`,
          why: r.why,
          numbers: { share: actual, maxShare: s.maxShare, criticalShare: s.criticalShare, total: ctx.breakdown.total },
          subject: r.subject,
        },
      ];
    },
  });
}

// ---------------------------------------------------------------------------------------------

export const smallCapsMax = sliceAboveRule({
  id: 'small-caps-max',
  title: 'Small caps above limit',
  description: 'Warns when small caps (market cap below the mid-cap threshold) exceed a share of the portfolio.',
  defaults: { enabled: true, maxShare: 0.2, criticalShare: 0.35 },
  name: 'Small caps',
  share: (b) => shareOf(b.byTier, 'small'),
  subject: 'small',
  why: 'Small caps are the most volatile and least liquid coins and often fall 80-90% in a downturn. A large share can sink the whole portfolio.',
});

export const largeCapsMin = defineRule({
  id: 'large-caps-min',
  title: 'Large caps below floor',
  description:
    'Warns when large caps (market cap at or above the large-cap threshold) fall below a share of the portfolio.',
  category: 'allocation',
  defaults: { enabled: true, minShare: 0.4, criticalShare: 0.2 },
  schema: z
    .strictObject({ enabled: z.boolean(), minShare: share, criticalShare: share })
    .refine((s) => s.criticalShare <= s.minShare, {
      message: 'criticalShare must be at or below minShare',
      path: ['criticalShare'],
    }),
  evaluate(ctx, s) {
    if (!hasValue(ctx)) return [];
    const actual = shareOf(ctx.breakdown.byTier, 'large');
    const severity = severityBelow(actual, s.minShare, s.criticalShare);
    if (!severity) return [];
    return [
      {
        ruleId: 'large-caps-min',
        severity,
        title: `Large caps below ${pct(s.minShare)}`,
        message: `Large caps are ${pct(actual)} of your portfolio (floor ${pct(s.minShare)}).`,
        why: 'Large caps such as BTC and ETH are the most liquid and have survived several cycles. A thin core of them leaves the portfolio exposed to riskier coins.',
        numbers: { share: actual, minShare: s.minShare, criticalShare: s.criticalShare, total: ctx.breakdown.total },
        subject: 'large',
      },
    ];
  },
});

export const stablecoinReserveMin = defineRule({
  id: 'stablecoin-reserve-min',
  title: 'Stablecoin reserve below floor',
  description:
    'Notes when stablecoins and fiat cash (USD, EUR… held on an exchange) make up less than a share of the portfolio.',
  category: 'allocation',
  defaults: { enabled: true, minShare: 0.05 },
  schema: z.strictObject({ enabled: z.boolean(), minShare: share }),
  evaluate(ctx, s) {
    if (!hasValue(ctx)) return [];
    // Fiat cash is a reserve too; a fiat currency the catalog lists as a stablecoin is counted once.
    const cash = ctx.breakdown.byAsset
      .filter((a) => FIAT_CURRENCIES.has(a.key.toUpperCase()) && a.tier !== 'stablecoin')
      .reduce((sum, a) => sum + a.share, 0);
    const actual = shareOf(ctx.breakdown.byTier, 'stablecoin') + cash;
    if (!(actual < s.minShare - EPS)) return [];
    return [
      {
        ruleId: 'stablecoin-reserve-min',
        severity: 'info',
        title: `Stablecoin reserve below ${pct(s.minShare)}`,
        message: `Stablecoins and cash are ${pct(actual)} of your portfolio (suggested reserve ${pct(s.minShare)}).`,
        why: 'A stablecoin reserve cushions drawdowns and lets you buy dips or rebalance without selling other coins at a bad time.',
        numbers: { share: actual, minShare: s.minShare, total: ctx.breakdown.total },
        subject: 'stablecoin',
      },
    ];
  },
});

export const memeMax = sliceAboveRule({
  id: 'meme-max',
  title: 'Meme coins above limit',
  description: "Warns when coins whose primary sector is 'meme' exceed a share of the portfolio.",
  defaults: { enabled: true, maxShare: 0.05, criticalShare: 0.15 },
  name: 'Meme coins',
  share: (b) => shareOf(b.bySector, 'meme'),
  subject: 'meme',
  why: 'Meme coins move on hype alone and routinely lose most of their value within months. Keep them to an amount you can afford to lose.',
});

export const singleAssetMax = defineRule({
  id: 'single-asset-max',
  title: 'Single asset above limit',
  description:
    'Warns when one asset exceeds a share of the portfolio; BTC has its own, higher limit. Stablecoins count unless excluded.',
  category: 'allocation',
  defaults: {
    enabled: true,
    maxShare: 0.25,
    criticalShare: 0.4,
    btcMaxShare: 0.6,
    btcCriticalShare: 0.8,
    excludeStablecoins: false,
  },
  schema: upperLimitSchema({ btcMaxShare: share, btcCriticalShare: share, excludeStablecoins: z.boolean() }).refine(
    (s) => s.btcCriticalShare >= s.btcMaxShare,
    { message: 'btcCriticalShare must be at or above btcMaxShare', path: ['btcCriticalShare'] },
  ),
  evaluate(ctx, s) {
    if (!hasValue(ctx)) return [];
    return findingsOf(ctx.breakdown.byAsset, (a): Finding | null => {
      if (s.excludeStablecoins && a.tier === 'stablecoin') return null;
      const isBtc = a.key.toUpperCase() === 'BTC';
      const max = isBtc ? s.btcMaxShare : s.maxShare;
      const critical = isBtc ? s.btcCriticalShare : s.criticalShare;
      const severity = severityAbove(a.share, max, critical);
      if (!severity) return null;
      return {
        ruleId: 'single-asset-max',
        severity,
        title: `${a.key} above ${pct(max)}`,
        message: `${a.label} is ${pct(a.share)} of your portfolio (limit ${pct(max)}).`,
        why: isBtc
          ? 'Even Bitcoin has fallen more than 75% in past cycles. Above this share your portfolio moves almost one-for-one with a single coin.'
          : 'A single coin can collapse through a hack, a failed project or a depeg. Above this share one bad event does lasting damage to the whole portfolio.',
        numbers: { share: a.share, maxShare: max, criticalShare: critical, value: a.value, total: ctx.breakdown.total },
        subject: a.key,
      };
    });
  },
});

export const sectorMax = defineRule({
  id: 'sector-max',
  title: 'Sector above limit',
  description:
    "Warns when one sector exceeds a share of the portfolio. The 'stablecoin' and 'other' (unclassified) sectors are excluded by default.",
  category: 'allocation',
  defaults: {
    enabled: true,
    maxShare: 0.4,
    criticalShare: 0.6,
    excludeSectors: ['stablecoin', 'other'] as Sector[],
  },
  schema: upperLimitSchema({ excludeSectors: z.array(z.enum(SECTORS as [Sector, ...Sector[]])) }),
  evaluate(ctx, s) {
    if (!hasValue(ctx)) return [];
    return findingsOf(ctx.breakdown.bySector, (slice): Finding | null => {
      if ((s.excludeSectors as string[]).includes(slice.key)) return null;
      const severity = severityAbove(slice.share, s.maxShare, s.criticalShare);
      if (!severity) return null;
      const label = (SECTOR_LABELS as Record<string, string>)[slice.key] ?? slice.key;
      return {
        ruleId: 'sector-max',
        severity,
        title: `${label} above ${pct(s.maxShare)}`,
        message: `The ${label} sector is ${pct(slice.share)} of your portfolio (limit ${pct(s.maxShare)}).`,
        why: 'Coins of the same sector tend to rise and fall together when the narrative turns. Spreading across sectors lowers that shared risk.',
        numbers: {
          share: slice.share,
          maxShare: s.maxShare,
          criticalShare: s.criticalShare,
          value: slice.value,
          total: ctx.breakdown.total,
        },
        subject: slice.key,
      };
    });
  },
});

export const custodyMax = defineRule({
  id: 'custody-max',
  title: 'Platform concentration',
  description:
    'Warns when one exchange (all accounts on the same platform together) or one manual wallet holds more than a share of the portfolio. Manual wallets can be left out.',
  category: 'allocation',
  defaults: { enabled: true, maxShare: 0.5, criticalShare: 0.8, includeManual: true },
  schema: upperLimitSchema({ includeManual: z.boolean() }),
  evaluate(ctx, s) {
    if (!hasValue(ctx)) return [];
    const custodies = new Map(ctx.portfolio.custodies.map((c) => [c.id, c]));
    const groups = new Map<string, { label: string; value: number; accounts: number; manual: boolean }>();
    for (const slice of ctx.breakdown.byCustody) {
      const c = slice.custody ?? custodies.get(slice.key) ?? null;
      // Watch-only wallets are self-custody too: the same seed-phrase risk as a manual wallet.
      const manual = c?.kind === 'manual' || c?.kind === 'onchain';
      if (manual && !s.includeManual) continue;
      const key = c && c.kind === 'exchange' ? `exchange:${c.platform}` : `custody:${slice.key}`;
      const g = groups.get(key) ?? { label: slice.label, value: 0, accounts: 0, manual };
      g.value += slice.value;
      g.accounts += 1;
      // One account: its own label. Several on one exchange: the exchange's name, not its ccxt id.
      if (g.accounts > 1 && c) g.label = c.platform.charAt(0).toUpperCase() + c.platform.slice(1);
      groups.set(key, g);
    }
    return findingsOf(groups, ([key, g]): Finding | null => {
      const actual = g.value / ctx.breakdown.total;
      const severity = severityAbove(actual, s.maxShare, s.criticalShare);
      if (!severity) return null;
      return {
        ruleId: 'custody-max',
        severity,
        title: `${g.label} holds ${pct(actual)}`,
        message: `${g.label}${g.accounts > 1 ? ` (${g.accounts} accounts)` : ''} holds ${pct(actual)} of your portfolio (limit ${pct(s.maxShare)}).`,
        why: g.manual
          ? 'Everything in one wallet depends on one seed phrase and one device. Losing either loses all of it.'
          : 'An exchange can freeze withdrawals, be hacked or go bankrupt, as FTX did. Spreading holdings limits what a single platform failure can take.',
        numbers: {
          share: actual,
          maxShare: s.maxShare,
          criticalShare: s.criticalShare,
          value: g.value,
          total: ctx.breakdown.total,
          accounts: g.accounts,
        },
        subject: key,
      };
    });
  },
});

export const targetDrift = defineRule({
  id: 'target-drift',
  title: 'Drift from target',
  description:
    "Warns when a tier, sector or asset is outside its target range (its min/max, or the target plus/minus the band). Runs only when targets are set; the target set's own band wins over this one.",
  category: 'allocation',
  defaults: { enabled: true, band: DEFAULT_BAND, criticalFactor: 2 },
  schema: z.strictObject({
    enabled: z.boolean(),
    band: z.number().finite().gt(0).max(1),
    criticalFactor: z.number().finite().min(1).max(100),
  }),
  evaluate(ctx, s) {
    if (!hasValue(ctx) || !ctx.targets) return [];
    const parsed = targetSetSchema.safeParse(ctx.targets);
    if (!parsed.success) return [];
    const set: TargetSet = { ...(parsed.data as TargetSet) };
    const band = set.band ?? s.band;
    set.band = band;
    return findingsOf(drift(ctx.breakdown, set), (row): Finding | null => {
      if (!row.outsideBand) return null;
      const excess = row.actual < row.lower ? row.lower - row.actual : row.actual - row.upper;
      const severity = excess > band * (s.criticalFactor - 1) + EPS ? 'critical' : 'warning';
      const over = row.drift > 0;
      return {
        ruleId: 'target-drift',
        severity,
        title: `${row.label} ${over ? 'over' : 'under'} target`,
        message: `${row.label} is ${pct(row.actual)} against a target of ${pct(row.target)} (range ${pct(row.lower)}-${pct(row.upper)}).`,
        why: 'Prices move holdings away from the mix you chose, so your risk drifts with them. Rebalancing brings it back to the plan.',
        numbers: {
          actual: row.actual,
          target: row.target,
          drift: row.drift,
          lower: row.lower,
          upper: row.upper,
          band,
          actualValue: row.actualValue,
          targetValue: row.targetValue,
        },
        subject: `${set.dimension}:${row.key}`,
      };
    });
  },
});

export const lowGradeExposure = defineRule({
  id: 'low-grade-exposure',
  title: 'Low-grade tokens above limit',
  description:
    'Warns when tokens whose Trader and Investor grades are both below a score add up to more than a share of the portfolio. Skipped when no grades are available; tokens missing either grade are not counted.',
  category: 'allocation',
  defaults: { enabled: true, gradeBelow: 60, maxShare: 0.05, criticalShare: 0.2 },
  schema: upperLimitSchema({ gradeBelow: z.number().finite().min(0).max(100) }),
  evaluate(ctx, s) {
    if (!hasValue(ctx) || !ctx.grades) return [];
    const grades = ctx.grades;
    const low = ctx.breakdown.byAsset.filter((a) => {
      const g = grades[a.key] ?? grades[a.key.toUpperCase()];
      return (
        g !== undefined &&
        g.trader !== null &&
        g.investor !== null &&
        g.trader < s.gradeBelow &&
        g.investor < s.gradeBelow
      );
    });
    const actual = low.reduce((sum, a) => sum + a.share, 0);
    const severity = severityAbove(actual, s.maxShare, s.criticalShare);
    if (!severity) return [];
    const value = low.reduce((sum, a) => sum + a.value, 0);
    return [
      {
        ruleId: 'low-grade-exposure',
        severity,
        title: `Low-grade tokens above ${pct(s.maxShare)}`,
        message: `${low.map((a) => a.key).join(', ')} score below ${s.gradeBelow} on both grades and make up ${pct(actual)} of your portfolio (limit ${pct(s.maxShare)}).`,
        why: 'Measured on real history, tokens weak on both grades were the most volatile, fell furthest and collapsed (-80% within a year) most often; a weak Trader Grade adds that they lagged other tokens lately. The grades do not say such tokens will fall, only that they have been the riskiest to hold in size (docs/GRADES.md).',
        numbers: {
          share: actual,
          maxShare: s.maxShare,
          criticalShare: s.criticalShare,
          gradeBelow: s.gradeBelow,
          value,
          count: low.length,
        },
      },
    ];
  },
});

export const ALLOCATION_RULES = [
  smallCapsMax,
  largeCapsMin,
  stablecoinReserveMin,
  memeMax,
  singleAssetMax,
  sectorMax,
  custodyMax,
  targetDrift,
  lowGradeExposure,
] as const;
