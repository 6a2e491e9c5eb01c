/**
 * Weight helpers: normalisation and the per-asset cap with iterative redistribution.
 * They work in place on the first `n` entries of a Float64Array so the engine can
 * reuse one buffer for every rebalance.
 */

const EPS = 1e-12;

/** Scales w[0..n) to sum to 1; returns the original sum (0 leaves w unchanged). */
export function normalizeWeights(w: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i]!;
  if (sum > 0) for (let i = 0; i < n; i++) w[i] = w[i]! / sum;
  return sum;
}

/**
 * Caps w[0..n) (which sum to `total` <= 1) at `cap` each. The excess of capped weights is
 * handed to the uncapped ones in proportion to their weights, repeatedly, until no weight is
 * above the cap. When that is impossible (fewer than 1/cap assets with a positive weight, e.g.
 * 3 assets with a 20% cap) every positive weight is set to the cap and the remainder is
 * returned as cash. Returns the weight moved to cash (0 when the cap is feasible).
 */
export function applyWeightCap(w: Float64Array, n: number, cap: number | null): number {
  if (cap === null || cap >= 1 || n === 0) return 0;
  let total = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    total += w[i]!;
    if (w[i]! > 0) positive++;
  }
  if (positive * cap < total - EPS) {
    // Infeasible: every held asset at the cap, the rest in cash.
    for (let i = 0; i < n; i++) if (w[i]! > 0) w[i] = cap;
    return total - positive * cap;
  }
  for (let iter = 0; iter <= n; iter++) {
    let excess = 0;
    let free = 0;
    for (let i = 0; i < n; i++) {
      const x = w[i]!;
      if (x > cap + EPS) {
        excess += x - cap;
        w[i] = cap;
      } else if (x < cap - EPS) {
        free += x;
      }
    }
    if (excess <= EPS) break;
    if (free <= 0) return excess; // nothing left to absorb it (cannot happen when feasible)
    const k = excess / free;
    for (let i = 0; i < n; i++) {
      const x = w[i]!;
      if (x < cap - EPS) w[i] = x + x * k;
    }
  }
  // Clamp rounding noise so the cap holds exactly.
  for (let i = 0; i < n; i++) if (w[i]! > cap) w[i] = cap;
  return 0;
}
