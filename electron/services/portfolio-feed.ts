/**
 * The portfolio's revision: one number that goes up whenever the portfolio, or anything every view
 * derives from it, changes (a sync ended, a manual holding, a watch-only wallet or a setting changed,
 * a key was added or revoked, price history or prices were updated, an account's history import
 * ended). Each change is pushed to the renderer as the 'portfolio:changed' event with its reason and
 * whether the new revision is the sample, so every mounted view reloads from the same state. Built once by createServices (ctx.feed);
 * the services that change the portfolio are wired to `changed` there.
 */
import type { PortfolioChange, PortfolioChangeReason } from '../../shared/ipc/channels/portfolio';

export interface PortfolioFeed {
  /** The current revision (0 until the first change). */
  revision(): number;
  /** Records a change and tells the renderer. */
  changed(reason: PortfolioChangeReason): PortfolioChange;
}

export function createPortfolioFeed(deps: {
  emit: (change: PortfolioChange) => void;
  /** Whether the portfolio the app shows now is the sample. */
  isSample: () => boolean;
}): PortfolioFeed {
  let revision = 0;
  return {
    revision: () => revision,
    changed(reason) {
      revision += 1;
      const change: PortfolioChange = { revision, reason, sample: deps.isSample() };
      deps.emit(change);
      return change;
    },
  };
}

/**
 * Calls `fn` at most once per `ms`: the first call runs at once, later ones within the window run
 * once at its end. Used for events that can fire many times a second (activity appends).
 */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const fire = () => {
    timer = null;
    if (!pending) return;
    pending = false;
    fn();
    timer = setTimeout(fire, ms);
    timer.unref?.();
  };
  return () => {
    pending = true;
    if (!timer) fire();
  };
}
