/**
 * The chi-square distribution's tails, through the regularised incomplete gamma function:
 * CDF(x; k) = P(k/2, x/2) and survival = Q(k/2, x/2) = 1 - P. P is summed as a power series below
 * a + 1 and Q evaluated as a continued fraction (modified Lentz) above it, the split Apache Commons
 * Math (what Spark's `Statistics.chiSqTest` calls) also uses, with its 1e-14 tolerance. Relative
 * accuracy is about 1e-14.
 */

const EPSILON = 1e-14;
const TINY = 1e-50;
const MAX_ITERATIONS = 100_000;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(a) for a > 0: shifted up to a >= 10 by the recurrence, then Stirling's series. */
export function logGamma(a: number): number {
  if (!(a > 0)) throw new RangeError(`logGamma needs a positive argument, got ${a}`);
  let shift = 0;
  let z = a;
  while (z < 10) {
    shift += Math.log(z);
    z += 1;
  }
  const inverse = 1 / z;
  const inverse2 = inverse * inverse;
  const series =
    inverse *
    (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 * (1 / 1680 - inverse2 * (1 / 1188 - inverse2 * (691 / 360360))))));
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - shift;
}

/** Regularised lower incomplete gamma P(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  if (x >= a + 1) return 1 - regularizedGammaQ(a, x);
  return lowerSeries(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

function prefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS && Math.abs(term / sum) > EPSILON; n++) {
    term *= x / (a + n);
    sum += term;
    if (!Number.isFinite(sum)) return 1;
  }
  return prefactor(a, x) * sum;
}

/** Q(a, x) = e^-x x^a / Γ(a) · 1 / (x + 1 - a - 1·(1 - a) / (x + 3 - a - 2·(2 - a) / (x + 5 - a - …))). */
function upperContinuedFraction(a: number, x: number): number {
  const termA = (n: number): number => 2 * n + 1 - a + x;
  const termB = (n: number): number => n * (a - n);
  let h = termA(0);
  if (Math.abs(h) < TINY) h = TINY;
  let c = h;
  let d = 0;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = termA(n);
    const bn = termB(n);
    d = an + bn * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = an + bn / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return prefactor(a, x) / h;
}

/** CDF of the chi-square distribution with `degreesOfFreedom` at x. */
export function chiSquaredCdf(x: number, degreesOfFreedom: number): number {
  return regularizedGammaP(degreesOfFreedom / 2, x / 2);
}

/** Survival function (upper tail) of the chi-square distribution: P(X > x). */
export function chiSquaredSurvival(x: number, degreesOfFreedom: number): number {
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}

/**
 * The p-value exactly as Spark's `ChiSqTest` forms it: `1 - CDF(statistic)`. It differs from
 * `chiSquaredSurvival` only far in the tail, where the subtraction leaves 0 instead of a tiny number.
 */
export function sparkChiSquaredPValue(statistic: number, degreesOfFreedom: number): number {
  return 1 - chiSquaredCdf(statistic, degreesOfFreedom);
}
