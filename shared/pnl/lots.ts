/**
 * The lots of one asset under a cost-basis method: FIFO (the oldest units leave first) or average cost
 * (every unit carries the average cost of the units held). Pure; used by ./cost-basis.ts.
 */

export type CostMethod = 'fifo' | 'average';
export const COST_METHODS: readonly CostMethod[] = ['fifo', 'average'];

/** What leaving units took with them. */
export interface Removed {
  /** Units that had lots (at most what was asked). */
  units: number;
  /** Their cost. */
  cost: number;
  /** Units asked for beyond the lots held: their cost is unknown. */
  uncovered: number;
}

/** Units below this are dust from float sums and count as nothing. */
const DUST = 1e-12;

export interface Lots {
  readonly method: CostMethod;
  add(units: number, cost: number): void;
  remove(units: number): Removed;
  units(): number;
  cost(): number;
}

class FifoLots implements Lots {
  readonly method = 'fifo' as const;
  private readonly q: { units: number; unitCost: number }[] = [];
  private head = 0;
  private total = 0;
  private totalCost = 0;

  add(units: number, cost: number): void {
    if (!(units > 0)) return;
    this.q.push({ units, unitCost: cost / units });
    this.total += units;
    this.totalCost += cost;
  }

  remove(units: number): Removed {
    let left = units;
    let cost = 0;
    while (left > DUST && this.head < this.q.length) {
      const lot = this.q[this.head]!;
      const take = Math.min(lot.units, left);
      cost += take * lot.unitCost;
      lot.units -= take;
      left -= take;
      if (lot.units <= DUST) this.head += 1;
    }
    // drop spent lots now and then so the queue does not grow without bound
    if (this.head > 1024 && this.head * 2 > this.q.length) {
      this.q.splice(0, this.head);
      this.head = 0;
    }
    const taken = units - Math.max(0, left);
    this.total = this.head >= this.q.length ? 0 : Math.max(0, this.total - taken);
    this.totalCost = this.head >= this.q.length ? 0 : Math.max(0, this.totalCost - cost);
    return { units: taken, cost, uncovered: left > DUST ? left : 0 };
  }

  units(): number {
    return this.total;
  }

  cost(): number {
    return this.totalCost;
  }
}

class AverageLots implements Lots {
  readonly method = 'average' as const;
  private total = 0;
  private totalCost = 0;

  add(units: number, cost: number): void {
    if (!(units > 0)) return;
    this.total += units;
    this.totalCost += cost;
  }

  remove(units: number): Removed {
    const taken = Math.min(units, this.total);
    const cost = this.total > 0 ? (this.totalCost * taken) / this.total : 0;
    this.total -= taken;
    this.totalCost -= cost;
    if (this.total <= DUST) {
      this.total = 0;
      this.totalCost = 0;
    }
    const uncovered = units - taken;
    return { units: taken, cost, uncovered: uncovered > DUST ? uncovered : 0 };
  }

  units(): number {
    return this.total;
  }

  cost(): number {
    return this.totalCost;
  }
}

export function createLots(method: CostMethod): Lots {
  return method === 'fifo' ? new FifoLots() : new AverageLots();
}
