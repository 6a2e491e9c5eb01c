/**
 * The price lanes of an update run: one queue per provider, worked by up to `concurrency` workers each
 * (on the provider's one ccxt client, whose rate limiter spaces the requests). A job goes to its first
 * usable candidate; a job whose provider was dropped meanwhile is handed back (`onDropped`), and a job
 * added to a lane whose workers have finished starts new ones. `drain()` resolves once every lane is
 * empty and idle, and rejects with the first failure (a cancelled run) after the others have settled.
 */
import type { Route } from './routing';

export interface Job {
  symbol: string;
  /** Providers that list a market for it, the one to use first. */
  candidates: Route['candidates'];
}

type Candidate = Job['candidates'][number];

export class Lanes {
  private readonly queues = new Map<string, Job[]>();
  private readonly busy = new Map<string, Set<string>>();
  private readonly workers = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly concurrency: number,
    private readonly usable: (c: Candidate) => boolean,
    private readonly process: (lane: string, job: Job) => Promise<void>,
    private readonly onDropped: (job: Job, lane: string) => void,
  ) {}

  /** Queues `job` on its first usable candidate (moved to the front); false when it has none. */
  add(job: Job): boolean {
    const i = job.candidates.findIndex(this.usable);
    if (i < 0) return false;
    const chosen = job.candidates[i]!;
    const lane = chosen.provider.info.id;
    const queue = this.queues.get(lane) ?? [];
    queue.push({ symbol: job.symbol, candidates: [chosen, ...job.candidates.slice(i + 1)] });
    this.queues.set(lane, queue);
    while (
      (this.workers.get(lane) ?? 0) < Math.min(this.concurrency, queue.length + (this.busy.get(lane)?.size ?? 0))
    ) {
      this.workers.set(lane, (this.workers.get(lane) ?? 0) + 1);
      const w = this.work(lane).finally(() => {
        this.workers.set(lane, (this.workers.get(lane) ?? 1) - 1);
        this.running.delete(w);
      });
      this.running.add(w);
    }
    return true;
  }

  private async work(lane: string): Promise<void> {
    const queue = this.queues.get(lane)!;
    const busy = this.busy.get(lane) ?? new Set<string>();
    this.busy.set(lane, busy);
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (!this.usable(job.candidates[0]!)) {
        this.onDropped(job, lane);
        continue;
      }
      busy.add(job.symbol);
      try {
        await this.process(lane, job);
      } finally {
        busy.delete(job.symbol);
      }
    }
  }

  /** Symbols queued or in progress, per lane. */
  pending(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [lane, q] of this.queues) out.set(lane, [...(this.busy.get(lane) ?? []), ...q.map((j) => j.symbol)]);
    return out;
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) {
      const settled = await Promise.allSettled([...this.running]);
      const failure = settled.find((r) => r.status === 'rejected');
      if (failure) {
        await Promise.allSettled([...this.running]);
        throw (failure as PromiseRejectedResult).reason;
      }
    }
  }
}
