/** Upper tails of the counts the detectors compare with their expectation. */

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let sum = 0;
  // ln C(n, i) built up term by term; n is a card's member count (tens), so this is cheap and exact enough.
  let lnC = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) lnC += Math.log(n - i + 1) - Math.log(i);
    if (i >= k) sum += Math.exp(lnC + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(mu). */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-mu);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= mu / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}
