/** Clocks for tests: time is passed to the services (`now`), never waited for. */

export interface TestClock {
  /** The current time; pass it as the services' `now`. */
  now: () => number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** A clock that stands still at `start` until advanced. */
export function fixedClock(start: number): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** A clock that moves `stepMs` forward on every reading (each event gets its own time). */
export function steppingClock(start: number, stepMs: number): TestClock {
  let t = start;
  return { now: () => (t += stepMs), advance: (ms) => void (t += ms) };
}

/** The services' `syncSleep` on a test clock: waiting moves the clock instead of the test. */
export interface ClockSleeper {
  /** Pass as the services' `syncSleep`. */
  sleep: (ms: number) => Promise<void>;
  /** Every wait asked for, in order. */
  waits: number[];
}

/** A sleep that advances `clock` by the time asked for and yields once, recording each wait. */
export function sleeperOn(clock: TestClock): ClockSleeper {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      clock.advance(ms);
      return new Promise((r) => setImmediate(r));
    },
  };
}
