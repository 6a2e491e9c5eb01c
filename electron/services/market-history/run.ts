/**
 * One market-history update run: the universe (routing.ts), the providers' markets, every asset's prices
 * (prices.ts) and the market caps (caps.ts), with progress, a time estimate and cancellation.
 *
 * - Universe: a run stopped before its end (cancel, crash, quit) left its universe in the store; the next
 *   run with the same top N continues it (what was fetched stays, every asset resumes from its stored
 *   days), otherwise the catalog's current top N is taken.
 * - Prices run in one lane per provider, `concurrency` assets at a time on the provider's one ccxt client
 *   (whose rate limiter spaces the requests); market caps run alongside. A provider that cannot be
 *   reached, or asks for a long pause, is dropped for the run: its assets move on to the next provider
 *   of the chain that lists them.
 * - The time estimate is the slowest lane's remaining requests at its rate limit.
 */
import type { AssetInfo } from '../../../shared/domain/types';
import type {
  MarketHistoryPhase,
  MarketHistoryProgress,
  MarketHistoryRunSummary,
} from '../../../shared/ipc/channels/market-history';
import { dayOf } from '../../../shared/market-history';
import type { ExchangeClient } from '../exchange';
import { mapExchangeError } from '../exchange';
import { SourcePausedError, withAttempts, type RunControl } from './attempts';
import { updateCaps } from './caps';
import type { JsonSource } from './http';
import { ccxtFailureInfo, updateAssetPrices, type ProviderHandle } from './prices';
import { spotOnly, type PriceProviderInfo } from './providers';
import { Lanes, type Job } from './lanes';
import { routeAssets, topUniverse } from './routing';
import type { MarketHistoryStore } from './store';

/** A stopped run is continued with the same assets when it started less than this long ago. */
const RESUME_MAX_AGE_MS = 24 * 3_600_000;

/** Failures that say the provider itself cannot be used now (not something about one asset). */
const PROVIDER_WIDE: ReadonlySet<string> = new Set(['network', 'timeout', 'exchange-down', 'rate-limit']);

export interface RunDeps {
  store: MarketHistoryStore;
  ctl: RunControl;
  catalog: Record<string, AssetInfo>;
  /** A keyless ccxt client; `onCall` is told about every request it makes. */
  publicClient: (exchangeId: string, onCall: () => void) => Promise<ExchangeClient>;
  providers: readonly PriceProviderInfo[];
  coinMetrics: { baseUrl: string; source: JsonSource };
  coinGecko: { baseUrl: string; source: JsonSource };
  /** How far back a first download goes, in days. */
  depthDays: number;
  /** Assets fetched at the same time per provider. */
  concurrency: number;
  emit: (p: MarketHistoryProgress) => void;
}

/** Requests still needed to bring an asset's prices up to date (an estimate, for the time left). */
function requestsLeft(
  store: MarketHistoryStore,
  symbol: string,
  info: PriceProviderInfo,
  today: number,
  depth: number,
) {
  const days = store.read(symbol).candles.day;
  const meta = store.meta(symbol);
  const last = days.length > 0 ? days[days.length - 1]! : null;
  const forward = last === null ? 0 : Math.ceil((today - 1 - last) / info.pageDays);
  if (meta?.backfilled && last !== null) return forward;
  const back = info.paging === 'latest' ? 1 : Math.ceil(Math.max(0, (days[0] ?? today) - depth) / info.pageDays) + 1;
  return forward + back;
}

export async function runUpdate(deps: RunDeps, runId: string, topN: number): Promise<MarketHistoryRunSummary> {
  const { store, ctl } = deps;
  const startedAt = ctl.now();
  const today = dayOf(startedAt);
  const depthStart = today - deps.depthDays;
  let requests = 0;
  const counted = () => void (requests += 1);

  const previous = store.run;
  const resumed = previous !== null && previous.topN === topN && startedAt - previous.startedAt < RESUME_MAX_AGE_MS;
  const universe = resumed ? previous.universe : topUniverse(deps.catalog, topN);
  store.run = resumed ? { ...previous, id: runId } : { id: runId, startedAt, topN, universe };
  universe.forEach((s, i) => store.setMeta(s, { rank: i + 1 }));

  const failed = new Set<string>();
  const updated = new Set<string>();
  let newDays = 0;
  const down: string[] = [];
  const summary = (state: MarketHistoryRunSummary['state'], message: string | null): MarketHistoryRunSummary => ({
    runId,
    state,
    startedAt,
    finishedAt: ctl.now(),
    topN,
    assets: universe.length,
    updated: updated.size,
    failed: failed.size,
    newDays,
    requests,
    message,
  });

  // ---- progress ---------------------------------------------------------------------------------
  let phase: MarketHistoryPhase = 'markets';
  let priceDone = 0;
  let capDone = 0;
  let capLeft = { stepsLeft: 0, timeLeftMs: 0 };
  let current: string | null = null;
  let note: string | null = null;
  const handles = new Map<string, ProviderHandle>();
  let pricesKnown = false;
  let pending = (): Map<string, string[]> => new Map();
  const priceTime = (): number => {
    let worst = 0;
    for (const [id, symbols] of pending()) {
      const p = handles.get(id)!;
      const spacing = (p.client.rateLimit ?? 0) * p.info.candleCost;
      const n = symbols.reduce((s, x) => s + requestsLeft(store, x, p.info, today, depthStart), 0);
      worst = Math.max(worst, n * spacing);
    }
    return worst;
  };
  const emit = (): void => {
    const pricesLeft = [...pending().values()].reduce((s, q) => s + q.length, 0);
    deps.emit({
      runId,
      phase,
      done: priceDone + capDone,
      total: priceDone + capDone + pricesLeft + capLeft.stepsLeft,
      etaMs: pricesKnown ? Math.round(Math.max(priceTime(), capLeft.timeLeftMs)) : null,
      current,
      note,
    });
  };
  const control: RunControl = {
    ...ctl,
    onWait: (ms, source) => {
      note = `${source} asked Ballast to slow down: waiting ${Math.ceil(ms / 1000)} s.`;
      emit();
      ctl.onWait?.(ms, source);
    },
  };
  emit();
  try {
    return await body();
  } catch (err) {
    if (ctl.signal.aborted) return summary('cancelled', 'Stopped; the next update continues where this one stopped.');
    return summary('failed', err instanceof Error ? err.message : String(err));
  }

  async function body(): Promise<MarketHistoryRunSummary> {
    // ---- market caps (alongside everything else) --------------------------------------------------
    const caps = updateCaps(
      {
        store,
        ctl: control,
        today,
        depthStart,
        coinMetrics: deps.coinMetrics,
        coinGecko: deps.coinGecko,
        catalog: deps.catalog,
        counted,
        progress: (p) => {
          if (p.step) capDone += 1;
          if (p.current !== undefined) current = p.current;
          if (p.note !== undefined) note = p.note;
          capLeft = { stepsLeft: p.stepsLeft, timeLeftMs: p.timeLeftMs };
          emit();
        },
      },
      universe,
    );
    caps.catch(() => undefined);

    // ---- markets ----------------------------------------------------------------------------------
    const up: ProviderHandle[] = [];
    await Promise.all(
      deps.providers.map(async (info) => {
        try {
          const client = await deps.publicClient(info.id, counted);
          spotOnly(client, info.id);
          await withAttempts(
            info.name,
            () => client.loadMarkets(),
            (e) => ccxtFailureInfo(e, client, info.id, ctl.now()),
            control,
          );
          handles.set(info.id, { info, client, conversions: new Map() });
        } catch (err) {
          if (ctl.signal.aborted) throw err;
          down.push(info.name);
        }
      }),
    );
    for (const info of deps.providers) if (handles.has(info.id)) up.push(handles.get(info.id)!);
    if (down.length > 0)
      note = `Not reachable now: ${down.join(', ')}. Their assets come from the next exchange that lists them.`;

    // ---- prices -----------------------------------------------------------------------------------
    const dropped = new Set<string>();
    const fail = (symbol: string, why: string): void => {
      failed.add(symbol);
      priceDone += 1;
      store.setMeta(symbol, { status: 'error', notes: [`The last update failed: ${why} The stored history is kept.`] });
    };
    const priceOne = async (lane: string, job: Job): Promise<void> => {
      const { provider, market } = job.candidates[0]!;
      current = `${job.symbol} daily prices from ${provider.info.name} (${market.symbol})`;
      emit();
      try {
        const r = await updateAssetPrices({ store, ctl: control, today, depthStart }, provider, job.symbol, market);
        newDays += r.newDays;
        if (r.newDays > 0) updated.add(job.symbol);
        priceDone += 1;
      } catch (err) {
        if (ctl.signal.aborted) throw err;
        const m = mapExchangeError(err, lane);
        const paused = err instanceof SourcePausedError;
        if (!paused && !PROVIDER_WIDE.has(m.code)) {
          fail(job.symbol, m.message);
          return;
        }
        // The provider is unreachable or asked for a long pause: the rest of its lane moves on.
        dropped.add(lane);
        const why = paused ? `${err.message}.` : m.message;
        note = `${provider.info.name}: ${why} Its assets move on to the next exchange that lists them.`;
        if (!lanes.add({ symbol: job.symbol, candidates: job.candidates.slice(1) })) fail(job.symbol, why);
      }
    };
    const lanes = new Lanes(
      deps.concurrency,
      (c) => !dropped.has(c.provider.info.id),
      priceOne,
      (job, lane) => {
        if (!lanes.add({ symbol: job.symbol, candidates: job.candidates.slice(1) })) {
          fail(job.symbol, `${handles.get(lane)?.info.name ?? lane} could not be reached.`);
        }
      },
    );
    pending = () => lanes.pending();
    const routes = routeAssets(universe, up, store, down);
    const routed = new Set(routes.map((r) => r.symbol));
    if (down.length > 0) for (const s of universe) if (!routed.has(s)) failed.add(s);
    for (const r of routes) lanes.add(r);
    pricesKnown = true;
    phase = 'prices';
    emit();
    await lanes.drain();
    current = null;
    phase = 'market-caps';
    emit();
    const capResult = await caps;
    for (const s of capResult.updated) updated.add(s);
    for (const s of capResult.failed) failed.add(s);
    return summary('done', down.length > 0 ? `Not reachable: ${down.join(', ')}.` : null);
  }
}
