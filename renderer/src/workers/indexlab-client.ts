/**
 * The view's handle on the Index Lab worker. One instance lives for the whole app session (module
 * level), so the price history is loaded and prepared once and survives view switches.
 *
 * Requests are answered in order by the worker. `cancel(id)` terminates the worker (the only way to
 * stop a synchronous simulation), starts a fresh one with the same data, and re-sends every other
 * pending request, so only the cancelled one is lost.
 *
 * Specs and options are validated before they are posted (indexlab-requests.ts): a bad one is refused
 * at once and the worker gets plain, validated data.
 */
import type { MyPortfolioOptions, SweepGrid } from '../../../shared/indexlab';
import type {
  DataSummary,
  SignalSource,
  WorkerInput,
  WorkerRequest,
  WorkerResponse,
  WorkerResults,
} from './indexlab-protocol';
import { SimulationError, myPortfolioRequest, runRequest, sweepRequest } from './indexlab-requests';

export { SimulationError };

/** The request was cancelled by the user. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

type IdRequest = Extract<WorkerRequest, { id: number }>;
/** A request before it gets its id (Omit distributed over the union). */
type RequestBody = IdRequest extends infer R ? (R extends IdRequest ? Omit<R, 'id'> : never) : never;

type Job = {
  request: IdRequest;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  onProgress?: (done: number, total: number) => void;
};

export type WorkerStatus =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; summary: DataSummary }
  | { state: 'error'; message: string };

export class IndexLabClient {
  private worker: Worker | null = null;
  private input: WorkerInput | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private statusValue: WorkerStatus = { state: 'idle' };
  private readonly listeners = new Set<() => void>();

  get status(): WorkerStatus {
    return this.statusValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(s: WorkerStatus): void {
    this.statusValue = s;
    for (const l of this.listeners) l();
  }

  /** Hands the price history to the worker (once; later calls with new data replace it). */
  load(input: WorkerInput): void {
    this.input = input;
    this.start();
  }

  private start(): void {
    if (!this.input) return;
    this.worker?.terminate();
    const worker = new Worker(new URL('../workers/indexlab.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<WorkerResponse>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const message = `The simulation worker stopped: ${e.message || 'unknown error'}`;
      this.setStatus({ state: 'error', message });
      for (const [id, job] of this.jobs) {
        this.jobs.delete(id);
        job.reject(new SimulationError(message));
      }
    };
    this.setStatus({ state: 'loading' });
    this.post({ type: 'init', ...this.input });
    for (const job of this.jobs.values()) this.post(job.request);
  }

  private post(message: WorkerRequest): void {
    this.worker?.postMessage(message);
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'ready') {
      this.setStatus({ state: 'ready', summary: msg.summary });
      return;
    }
    if (msg.type === 'init-error') {
      this.setStatus({ state: 'error', message: msg.message });
      return;
    }
    const job = this.jobs.get(msg.id);
    if (!job) return;
    if (msg.type === 'progress') {
      job.onProgress?.(msg.done, msg.total);
      return;
    }
    this.jobs.delete(msg.id);
    if (msg.type === 'error') job.reject(new SimulationError(msg.message, msg.errors));
    else job.resolve(msg.result);
  }

  private request<K extends IdRequest['type']>(
    body: Extract<RequestBody, { type: K }>,
    onProgress?: (done: number, total: number) => void,
  ): { id: number; promise: Promise<WorkerResults[K]> } {
    const id = this.nextId++;
    const request = { ...body, id } as IdRequest;
    const promise = new Promise<WorkerResults[K]>((resolve, reject) => {
      if (!this.input) {
        reject(new SimulationError('The price history is not loaded yet.'));
        return;
      }
      this.jobs.set(id, { request, resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.post(request);
    });
    return { id, promise };
  }

  run(spec: unknown, signalSource: SignalSource): Promise<WorkerResults['run']> {
    try {
      return this.request(runRequest(spec, signalSource)).promise;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  myPortfolio(options: MyPortfolioOptions): Promise<WorkerResults['my-portfolio']> {
    try {
      return this.request(myPortfolioRequest(options)).promise;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** Starts a sweep; `id` is what `cancel` takes. */
  sweep(
    spec: unknown,
    grid: SweepGrid,
    signalSource: SignalSource,
    onProgress: (done: number, total: number) => void,
  ): { id: number; promise: Promise<WorkerResults['sweep']> } {
    try {
      return this.request(sweepRequest(spec, grid, signalSource), onProgress);
    } catch (err) {
      return { id: this.nextId++, promise: Promise.reject(err as Error) };
    }
  }

  /** Stops request `id` (terminating the worker) and restarts the others on a fresh worker. */
  cancel(id: number): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    job.reject(new CancelledError());
    this.start();
  }
}

let shared: IndexLabClient | null = null;

/** The app-wide Index Lab client. */
export function indexLabClient(): IndexLabClient {
  shared ??= new IndexLabClient();
  return shared;
}
