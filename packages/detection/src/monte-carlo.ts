/** Monte-Carlo significance shared by the space-time and temporal scans. */

/** The statistic a result must exceed to have p ≤ alpha against these replicate maxima (largest first). */
export function criticalLlr(replicateMax: Float64Array, alpha: number): number {
  const R = replicateMax.length;
  const allowed = Math.floor(alpha * (R + 1) + 1e-9) - 1;
  if (allowed < 0) return Number.POSITIVE_INFINITY;
  if (allowed >= R) return 0;
  return replicateMax[allowed]!;
}

/** 1 + number of replicate maxima ≥ llr (binary search; the array is sorted largest first). */
export function rankAmong(replicateMax: Float64Array, llr: number): number {
  let lo = 0;
  let hi = replicateMax.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (replicateMax[mid]! >= llr) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
