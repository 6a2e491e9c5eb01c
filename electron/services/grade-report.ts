/**
 * The grades' report card ("How have the grades done?") on the price history the app uses now:
 * the calibration measurement of shared/grades/calibration run on the user's market history (or the
 * sample), computed on demand and cached per price-history object.
 *
 * Measuring takes a second or more for a hundred tokens, so it runs in small steps with a
 * setImmediate pause between them: IPC calls and syncs keep being served while it works. Calls that
 * arrive while it runs share the same computation.
 */
import { generatedPrices } from './price-history';
import { isKnownStablecoin } from '../../shared/indexlab/assets';
import { gradeReportCardSteps } from '../../shared/grades/calibration';
import type { PriceHistory } from '../../shared/domain/types';
import type { GradesReportView } from '../../shared/ipc/channels/grades';
import type { ServiceContext } from './context';

export type GradeReportContext = Pick<ServiceContext, 'priceHistory' | 'now'>;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export class GradeReports {
  private readonly ctx: GradeReportContext;
  private cached: { history: PriceHistory; view: Promise<GradesReportView> } | null = null;

  constructor(ctx: GradeReportContext) {
    this.ctx = ctx;
  }

  /** The report card of the current price history (computed once per history object). */
  card(): Promise<GradesReportView> {
    const view = this.ctx.priceHistory();
    if (this.cached?.history === view.history) return this.cached.view;
    const stable = (s: string) => view.catalog[s]?.stablecoin === true || isKnownStablecoin(s);
    const run = async (): Promise<GradesReportView> => {
      const steps = gradeReportCardSteps(view.history, (s) => !stable(s));
      for (;;) {
        const r = steps.next();
        if (r.done) return { ...r.value, sample: generatedPrices(view), computedAt: this.ctx.now() };
        await pause();
      }
    };
    const promise = run();
    this.cached = { history: view.history, view: promise };
    // A failed measurement is not kept: the next call tries again.
    promise.catch(() => {
      if (this.cached?.view === promise) this.cached = null;
    });
    return promise;
  }
}
