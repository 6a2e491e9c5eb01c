/**
 * Runs imports of account history: an exchange's plan (./plans/) step by step, page by page, the
 * cursor stored after every page (./store.ts), so an import stopped by a crash, a cancel or a refusal
 * goes on from the same page next time. Built once by the history service (./index.ts).
 *
 * - One run per account (starting one while it runs joins it); runs of accounts on the same exchange
 *   wait for each other ("queued"), since the exchange counts requests per IP address.
 * - Pacing: each step waits its `paceMs` between calls, well below the exchange's limits, on top of
 *   ccxt's own limiter. Every call goes through the account's client, so each is in the activity log.
 * - A failed page is tried again (5 attempts, backoff with jitter); a wait the exchange asks for
 *   (Retry-After, a ban) is honoured exactly when short, and pauses the import ("paused", with the time
 *   it can go on) when long. A refusal (no permission, not offered) skips an optional step with a note;
 *   anything else that will not pass stops the run with the error, keeping what was read.
 * - Progress goes out as `history:progress` after every page; `cancel` stops after the page in flight.
 */
import type { AccountMeta } from '../../../shared/domain/keys';
import type { HistoryEntry } from '../../../shared/history/types';
import type { AccountImportState, HistoryProgress, ImportStepView } from '../../../shared/ipc/channels/history';
import { exchangeDisplayName } from '../exchange/catalog';
import type { ExchangeClient } from '../exchange';
import { backoffDelay, classifyFailure, type RetryPolicy } from '../sync/retry';
import { planFor, type ImportStep, type StepContext } from './plans';
import { retryWaitOf, MAX_INLINE_WAIT_MS } from './retry-wait';
import type { HistoryStore, StoredState } from './store';

export const IMPORT_RETRY: RetryPolicy = { attempts: 5, baseMs: 1000, capMs: 30_000 };

export interface ImporterDeps {
  store: HistoryStore;
  clientFor(accountId: string): Promise<ExchangeClient>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  emit: (p: HistoryProgress) => void;
  retry?: RetryPolicy;
  /** Multiplies every step's pace (tests: 0). */
  paceScale?: number;
  /** Records per page asked for (tests use small pages); null: each exchange's maximum. */
  pageSize?: number | null;
  random?: () => number;
  /** Runs after the steps, before the run is done (prices of the history's assets); returns notes. */
  afterSteps?: (run: { account: AccountMeta; client: ExchangeClient; state: StoredState }) => Promise<string[]>;
}

export interface ImportRequest {
  account: AccountMeta;
  /** Assets the account holds now (for the market search). */
  held: readonly string[];
  since?: number;
  extraAssets?: readonly string[];
}

class Cancelled extends Error {}
class Paused extends Error {
  constructor(
    readonly until: number,
    message: string,
  ) {
    super(message);
  }
}

interface Run {
  account: AccountMeta;
  view: AccountImportState;
  promise: Promise<AccountImportState>;
  cancelled: boolean;
  wake: (() => void) | null;
}

const REFUSED = new Set(['permission', 'not-supported']);

export class Importer {
  private readonly deps: ImporterDeps;
  private readonly runs = new Map<string, Run>();
  private readonly exchangeQueue = new Map<string, Promise<unknown>>();

  constructor(deps: ImporterDeps) {
    this.deps = deps;
  }

  /** The account's run in progress (a copy), or null. */
  running(accountId: string): AccountImportState | null {
    const r = this.runs.get(accountId);
    return r ? structuredClone(r.view) : null;
  }

  /** The promise of the account's run in progress, or null. */
  promiseOf(accountId: string): Promise<AccountImportState> | null {
    return this.runs.get(accountId)?.promise ?? null;
  }

  /** Starts an import of the account, or joins the one running. */
  start(req: ImportRequest): Promise<AccountImportState> {
    const existing = this.runs.get(req.account.id);
    if (existing) return existing.promise;
    const run: Run = {
      account: req.account,
      view: {
        state: 'queued',
        startedAt: this.deps.now(),
        finishedAt: null,
        steps: [],
        pages: 0,
        entries: 0,
        skipped: 0,
        error: null,
        resumeAfter: null,
        notes: [],
      },
      promise: Promise.resolve(null as unknown as AccountImportState),
      cancelled: false,
      wake: null,
    };
    const exchange = req.account.exchange;
    const before = this.exchangeQueue.get(exchange) ?? Promise.resolve();
    run.promise = before
      .then(() => this.execute(req, run))
      .finally(() => {
        this.runs.delete(req.account.id);
      });
    this.exchangeQueue.set(
      exchange,
      run.promise.catch(() => undefined),
    );
    this.runs.set(req.account.id, run);
    this.emit(run, null);
    return run.promise;
  }

  /** Stops the account's import after the page in flight; false when none runs. */
  cancel(accountId: string): boolean {
    const r = this.runs.get(accountId);
    if (!r) return false;
    r.cancelled = true;
    r.wake?.();
    return true;
  }

  private emit(run: Run, step: string | null, message: string | null = null): void {
    const v = run.view;
    try {
      this.deps.emit({
        accountId: run.account.id,
        label: run.account.label,
        state: v.state,
        step,
        stepsDone: v.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length,
        stepsTotal: v.steps.length,
        pages: v.pages,
        entries: v.entries,
        message,
      });
    } catch {
      // a failing listener must not break the import
    }
  }

  /** Waits `ms`, or less when the run is cancelled meanwhile. */
  private async wait(run: Run, ms: number): Promise<void> {
    if (ms <= 0) return;
    await Promise.race([this.deps.sleep(ms), new Promise<void>((resolve) => (run.wake = resolve))]);
    run.wake = null;
    if (run.cancelled) throw new Cancelled();
  }

  private async execute(req: ImportRequest, run: Run): Promise<AccountImportState> {
    const { store } = this.deps;
    const id = req.account.id;
    const name = exchangeDisplayName(req.account.exchange);
    const found = planFor(req.account.exchange);
    const state = await store.state(id);
    run.view.state = 'running';
    run.view.startedAt = this.deps.now();
    this.emit(run, null);
    try {
      if (!found) throw new Error(`${name} history cannot be imported.`);
      if (run.cancelled) throw new Cancelled();
      const since = Math.min(req.since ?? state.since ?? found.since, this.deps.now());
      if (state.since !== null && since < state.since) {
        // reaching further back: every step starts over (stored entries are replaced, not doubled)
        state.cursors = {};
        state.complete = {};
      }
      state.since = since;
      if (req.extraAssets) state.extraAssets = [...new Set(req.extraAssets)].sort();
      const client = await this.deps.clientFor(id);
      const entries = await store.entries(id);
      const ctx: StepContext = {
        client,
        now: run.view.startedAt,
        since,
        pageSize: this.deps.pageSize ?? null,
        firstDepositAt: firstDeposit(entries),
      };
      const first = found.plan.first();
      run.view.steps = first.map(stepView);
      for (const step of first) await this.runStep(run, step, ctx, state);
      if (found.plan.second) {
        const all = await store.entries(id);
        const second = await this.attempt(run, ctx, 'Markets', () =>
          found.plan.second!(client, {
            held: req.held,
            extraAssets: state.extraAssets,
            entries: () => all,
            searchedBefore: state.markets,
          }),
        );
        state.markets = second.markets;
        await store.saveState(id, state);
        run.view.steps.push(...second.steps.map(stepView));
        for (const step of second.steps) await this.runStep(run, step, ctx, state);
      }
      if (this.deps.afterSteps) {
        run.view.notes.push(...(await this.deps.afterSteps({ account: req.account, client, state })));
      }
      run.view.state = 'done';
    } catch (err) {
      if (err instanceof Cancelled) {
        run.view.state = 'cancelled';
        run.view.notes.push('Cancelled: what was read is kept, and the next import goes on from there.');
      } else if (err instanceof Paused) {
        run.view.state = 'paused';
        run.view.resumeAfter = err.until;
        run.view.error = { code: 'rate-limit', message: err.message };
      } else {
        const f = classifyFailure(err, req.account.exchange);
        run.view.state = 'error';
        run.view.error = {
          code: f.code,
          message: `${f.message} What was read is kept; the next import goes on from there.`,
        };
      }
      for (const s of run.view.steps)
        if (s.state === 'running') s.state = run.view.state === 'error' ? 'error' : 'pending';
    }
    run.view.finishedAt = this.deps.now();
    state.lastRun = structuredClone(run.view);
    await store.saveState(id, state).catch(() => undefined);
    this.emit(run, null, run.view.error?.message ?? null);
    return structuredClone(run.view);
  }

  private async runStep(run: Run, step: ImportStep, ctx: StepContext, state: StoredState): Promise<void> {
    const id = run.account.id;
    const view = run.view.steps.find((s) => s.key === step.key)!;
    let cursor = state.cursors[step.key] ?? step.initial(ctx);
    if (state.complete[step.key]) {
      cursor = step.restart(cursor, ctx);
      state.complete[step.key] = false;
    }
    view.state = 'running';
    this.emit(run, view.label);
    let lastCall = -Infinity;
    for (;;) {
      if (run.cancelled) throw new Cancelled();
      await this.wait(run, lastCall + step.paceMs * (this.deps.paceScale ?? 1) - this.deps.now());
      lastCall = this.deps.now();
      let page;
      try {
        page = await this.attempt(run, ctx, view.label, () => step.page(cursor, ctx));
      } catch (err) {
        const f = classifyFailure(err, run.account.exchange);
        if (!(err instanceof Cancelled) && !(err instanceof Paused) && step.optional && REFUSED.has(f.code)) {
          view.state = 'skipped';
          view.note = `Not read: ${f.message}`;
          run.view.notes.push(`${view.label} were not imported: ${f.message}`);
          state.complete[step.key] = false;
          await this.deps.store.saveState(id, state);
          this.emit(run, view.label);
          return;
        }
        throw err;
      }
      await this.deps.store.append(id, page.entries);
      cursor = page.cursor;
      state.cursors[step.key] = cursor;
      if (page.done) state.complete[step.key] = true;
      await this.deps.store.saveState(id, state);
      view.pages += 1;
      view.entries += page.entries.length;
      run.view.pages += 1;
      run.view.entries += page.entries.length;
      run.view.skipped += page.skipped;
      if (page.note) {
        view.note = page.note;
        run.view.notes.push(page.note);
      }
      const dep = firstDeposit(page.entries);
      if (dep !== null) ctx.firstDepositAt = ctx.firstDepositAt === null ? dep : Math.min(ctx.firstDepositAt, dep);
      this.emit(run, view.label);
      if (page.done) break;
    }
    view.state = 'done';
    this.emit(run, view.label);
  }

  /** One call with retries (see the module comment). */
  private async attempt<T>(run: Run, ctx: StepContext, label: string, fn: () => Promise<T>): Promise<T> {
    const policy = this.deps.retry ?? IMPORT_RETRY;
    for (let attempt = 1; ; attempt++) {
      (ctx.client as unknown as { last_response_headers?: unknown }).last_response_headers = undefined;
      try {
        return await fn();
      } catch (err) {
        if (run.cancelled) throw new Cancelled();
        const f = classifyFailure(err, run.account.exchange);
        const wait = retryWaitOf(err, ctx.client, this.deps.now());
        if (!f.retryable && wait === null) throw err;
        if (wait !== null && wait > MAX_INLINE_WAIT_MS) {
          throw new Paused(
            this.deps.now() + wait,
            `${f.message} Ballast waits as the exchange asked; the import can go on after that.`,
          );
        }
        if (attempt >= policy.attempts) throw err;
        const delay = wait ?? backoffDelay(attempt, policy, this.deps.random);
        this.emit(run, label, `${label}: ${f.message} Trying again in ${Math.ceil(delay / 1000)} s.`);
        await this.wait(run, delay);
      }
    }
  }
}

function stepView(s: ImportStep): ImportStepView {
  return { key: s.key, label: s.label, endpoint: s.endpoint, state: 'pending', pages: 0, entries: 0 };
}

function firstDeposit(entries: readonly HistoryEntry[]): number | null {
  let first: number | null = null;
  for (const e of entries) if (e.kind === 'deposit' && (first === null || e.t < first)) first = e.t;
  return first;
}
