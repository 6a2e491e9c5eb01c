/**
 * Top-N selection of a universe with a size limit (top N, or a sector or custom list with n): the
 * `limit` largest market caps among the eligible candidates (ties go to the symbol that sorts first), best first, in O(n log limit) with a bounded
 * heap on preallocated buffers, so a rebalance costs O(A log N) however N grows with the number of
 * assets A. Called by decide.ts on each rebalance; nothing is allocated. Short maths-style names.
 */

/** Does (ka, asset ia) rank above (kb, asset ib)? The larger market cap first, then the symbol order. */
function above(ka: number, ia: number, kb: number, ib: number): boolean {
  return ka > kb || (ka === kb && ia < ib);
}

/**
 * Keeps the `limit` best-ranked of selIdx/selKey[0..n) in place, best first (see above), and returns how
 * many it kept. topIdx/topKey (at least `limit` long) hold a bounded heap with the lowest-ranked kept
 * asset at its root; it is sorted at the end by popping the root to the back.
 */
export function keepTop(
  selIdx: Int32Array,
  selKey: Float64Array,
  n: number,
  limit: number,
  topIdx: Int32Array,
  topKey: Float64Array,
): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = selIdx[i]!;
    const k = selKey[i]!;
    if (m < limit) {
      // Sift up: parents that rank above the newcomer move down.
      let pos = m++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!above(topKey[parent]!, topIdx[parent]!, k, a)) break;
        topIdx[pos] = topIdx[parent]!;
        topKey[pos] = topKey[parent]!;
        pos = parent;
      }
      topIdx[pos] = a;
      topKey[pos] = k;
    } else if (above(k, a, topKey[0]!, topIdx[0]!)) {
      siftDown(topIdx, topKey, m, a, k);
    }
  }
  for (let end = m - 1; end > 0; end--) {
    const a = topIdx[end]!;
    const k = topKey[end]!;
    topIdx[end] = topIdx[0]!;
    topKey[end] = topKey[0]!;
    siftDown(topIdx, topKey, end, a, k);
  }
  for (let i = 0; i < m; i++) {
    selIdx[i] = topIdx[i]!;
    selKey[i] = topKey[i]!;
  }
  return m;
}

/** Puts (k, a) at the root of the heap topIdx/topKey[0..size) and sifts it down to its place. */
function siftDown(topIdx: Int32Array, topKey: Float64Array, size: number, a: number, k: number): void {
  let pos = 0;
  for (;;) {
    let c = 2 * pos + 1;
    if (c >= size) break;
    // The lower-ranked child goes up if it ranks below the one sifted down.
    if (c + 1 < size && above(topKey[c]!, topIdx[c]!, topKey[c + 1]!, topIdx[c + 1]!)) c++;
    if (!above(k, a, topKey[c]!, topIdx[c]!)) break;
    topIdx[pos] = topIdx[c]!;
    topKey[pos] = topKey[c]!;
    pos = c;
  }
  topIdx[pos] = a;
  topKey[pos] = k;
}
