/**
 * Drift distances between a baseline and the current data, as Deequ's `Distance` computes them for
 * SageMaker's `baseline_drift_check` (spec §3.7):
 * - numerical: L∞ distance between the two KLL sketches' rank-based CDFs;
 * - categorical: L∞ distance between category frequencies, or Pearson's chi-square test;
 * - "Robust" subtracts the two-sample Kolmogorov–Smirnov critical value c(α)·sqrt((n+m)/(n·m)),
 *   c(α) = 1.8 (α ≈ 0.003), and floors at 0; "Simple" is the plain distance. (Deequ's flag for this
 *   is `correctForLowNumberOfSamples`, where true means Simple.)
 */
import { sparkChiSquaredPValue } from './chiSquared';
import type { KllSketch } from './kll';

export type ComparisonMethod = 'Simple' | 'Robust';

/** Deequ's default c(α) for α = 0.003 (Knuth, TAOCP vol. 2, §3.3.1, eq. 15). */
const DEFAULT_C_ALPHA = 1.8;

// Chi-square regrouping thresholds (Deequ's defaults).
/** Tables of more than 2 categories: at most 20 % of expected counts below 5 (Yates, Moore & McCabe). */
const YATES_MIN_EXPECTED = 5;
const YATES_MAX_SHARE_BELOW = 0.2;
/** Tables of 2 categories: every expected count at least 10 (Cochran 1952). */
const COCHRAN_MIN_EXPECTED = 10;
const MIN_CATEGORIES = 2;

function applyMethod(linfSimple: number, n: number, m: number, method: ComparisonMethod): number {
  if (method === 'Simple') return linfSimple;
  return Math.max(0.0, linfSimple - DEFAULT_C_ALPHA * Math.sqrt((n + m) / (n * m)));
}

/**
 * L∞ distance between the CDFs of two KLL sketches over the union of their items, where a sketch's
 * CDF at x is the weight of its items <= x divided by its total weight. NaN when either sketch is
 * empty (Deequ fails there).
 */
export function numericalDistance(baseline: KllSketch, current: KllSketch, method: ComparisonMethod): number {
  const first = baseline.rankMap();
  const second = current.rankMap();
  if (first.items.length === 0 || second.items.length === 0) return NaN;
  const n = first.ranks[first.ranks.length - 1];
  const m = second.ranks[second.ranks.length - 1];
  let linfSimple = 0.0;
  // Sweep the union of items in ascending order; each CDF is the rank of its largest item <= key.
  let i = 0;
  let j = 0;
  let rank1 = 0;
  let rank2 = 0;
  while (i < first.items.length || j < second.items.length) {
    const key =
      j >= second.items.length || (i < first.items.length && first.items[i] <= second.items[j]) ? first.items[i] : second.items[j];
    while (i < first.items.length && first.items[i] <= key) rank1 = first.ranks[i++];
    while (j < second.items.length && second.items[j] <= key) rank2 = second.ranks[j++];
    linfSimple = Math.max(linfSimple, Math.abs(rank1 / n - rank2 / m));
  }
  return applyMethod(linfSimple, n, m, method);
}

function total(counts: ReadonlyMap<string, number>): number {
  let sum = 0.0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/**
 * L∞ distance between category frequencies: max over the union of categories of
 * |count1(c)/n − count2(c)/m|. NaN when either side has no values.
 */
export function categoricalLInfinity(
  baseline: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
  method: ComparisonMethod,
): number {
  const n = total(baseline);
  const m = total(current);
  if (n === 0 || m === 0) return NaN;
  let linfSimple = 0.0;
  const visit = (key: string): void => {
    const difference = Math.abs((baseline.get(key) ?? 0) / n - (current.get(key) ?? 0) / m);
    linfSimple = Math.max(linfSimple, difference);
  };
  for (const key of baseline.keys()) visit(key);
  for (const key of current.keys()) if (!baseline.has(key)) visit(key);
  return applyMethod(linfSimple, n, m, method);
}

/**
 * Pearson's chi-square goodness-of-fit test of the current counts against the baseline's, as Deequ
 * runs it: the baseline counts are scaled to the current total over the baseline's categories (values
 * in unknown categories are left out), small expected categories are merged (the smallest into the
 * second smallest, until Cochran's rule holds for 2 categories or Yates's for more), then Spark's
 * `Statistics.chiSqTest` runs on the baseline's categories. Returns the chi-square statistic for
 * "Simple" and the p-value for "Robust"; NaN when fewer than 2 categories remain, or when no current
 * value falls in a baseline category (Spark rejects an all-zero table).
 *
 * Known gap: Deequ keeps the categories in Scala hash maps, so which of two equally small categories
 * is merged first, and the order the statistic is summed in, follow Scala's hash order; here they
 * follow the baseline map's order. Only ties and the last bits of the statistic can differ.
 */
export function categoricalChiSquared(
  baseline: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
  method: ComparisonMethod,
): number {
  let sampleSum = 0.0;
  for (const [key, count] of current) if (baseline.has(key)) sampleSum += count;
  const expectedSum = total(baseline);
  const expected = new Map<string, number>();
  for (const [key, count] of baseline) expected.set(key, (count / expectedSum) * sampleSum);
  const sample = new Map<string, number>(current);
  regroupCategories(sample, expected);
  if (expected.size < MIN_CATEGORIES) return NaN;

  const observedCounts: number[] = [];
  const expectedCounts: number[] = [];
  for (const [key, value] of expected) {
    observedCounts.push(sample.get(key) ?? 0.0);
    expectedCounts.push(value);
  }
  const result = pearsonGoodnessOfFit(observedCounts, expectedCounts);
  if (result === undefined) return NaN;
  return method === 'Simple' ? result.statistic : result.pValue;
}

/** Deequ's `regroupCategories`: merges the smallest expected category into the next smallest until valid. */
function regroupCategories(sample: Map<string, number>, expected: Map<string, number>): void {
  while (expected.size >= MIN_CATEGORIES) {
    const threshold = expected.size > MIN_CATEGORIES ? YATES_MIN_EXPECTED : COCHRAN_MIN_EXPECTED;
    const allowedBelow = expected.size > MIN_CATEGORIES ? Math.trunc(YATES_MAX_SHARE_BELOW * expected.size) : 0;
    let below = 0;
    for (const value of expected.values()) if (value < threshold) below++;
    if (below <= allowedBelow) return;

    const smallest = smallestEntry(expected);
    const sampleOfSmallest = sample.get(smallest[0]) ?? 0;
    expected.delete(smallest[0]);
    sample.delete(smallest[0]);
    const secondSmallest = smallestEntry(expected);
    const sampleOfSecond = sample.get(secondSmallest[0]) ?? 0;
    expected.set(secondSmallest[0], secondSmallest[1] + smallest[1]);
    sample.set(secondSmallest[0], sampleOfSmallest + sampleOfSecond);
  }
}

/** The first entry with the minimum value (Scala's `minBy` keeps the first of equal minima). */
function smallestEntry(values: Map<string, number>): [string, number] {
  let best: [string, number] | undefined;
  for (const entry of values) if (best === undefined || entry[1] < best[1]) best = entry;
  if (best === undefined) throw new Error('smallestEntry called on an empty map');
  return best;
}

/** Spark's `ChiSqTest.chiSquared` (Pearson): statistic and p-value = 1 - CDF(statistic). */
function pearsonGoodnessOfFit(observed: number[], expected: number[]): { statistic: number; pValue: number } | undefined {
  const observedSum = observed.reduce((sum, value) => sum + value, 0.0);
  const expectedSum = expected.reduce((sum, value) => sum + value, 0.0);
  const scale = Math.abs(observedSum - expectedSum) < 1e-7 ? 1.0 : observedSum / expectedSum;
  const degreesOfFreedom = observed.length - 1;
  let statistic = 0.0;
  for (let i = 0; i < observed.length; i++) {
    const obs = observed[i];
    const exp = expected[i];
    if (exp === 0.0) {
      if (obs === 0.0) return undefined;
      return { statistic: Infinity, pValue: 0.0 };
    }
    const scaled = scale === 1.0 ? exp : exp * scale;
    const difference = obs - scaled;
    statistic += (difference * difference) / scaled;
  }
  return { statistic, pValue: sparkChiSquaredPValue(statistic, degreesOfFreedom) };
}
