/**
 * A feature's baseline and current distributions on common bins, for an overlay, and the drift
 * distance between them as SageMaker's baseline_drift_check computes it. Built from the two
 * statistics files alone (KLL sketches or categorical buckets). Pure: no vscode.
 */
import type { FeatureStatistics } from '../monitoring/formats/statistics';
import type { DistributionConstraints } from '../monitoring/formats/constraints';
import { KllSketch } from '../monitoring/analysis/kll';
import { categoricalChiSquared, categoricalLInfinity, numericalDistance, type ComparisonMethod } from '../monitoring/analysis/distance';
import { rounded } from './reportExplanations';

export interface DistributionOverlay {
  /** `values`: a few distinct numbers, one bar each; `bins`: ranges; `categories`: string values. */
  kind: 'values' | 'bins' | 'categories';
  labels: string[];
  /** Shares of each side's records (each side sums to 1), so windows of different sizes compare. */
  baseline: number[];
  current: number[];
  /** Records behind each side. */
  baselineCount: number;
  currentCount: number;
}

export interface DriftDistance {
  distance: number;
  threshold: number;
  /** `Simple` / `Robust` and, for strings, `LInfinity` / `ChiSquared`. */
  method: string;
  /** True when SageMaker's rule says this is drift (for Robust chi-squared: a p-value below the threshold). */
  exceeded: boolean;
}

/** Distinct numbers up to which a numeric feature is drawn one bar per value (encoded categories such as Sex). */
const MAX_DISTINCT_VALUES = 12;
/** Categories shown; the rest are summed into "other". */
const MAX_CATEGORIES = 20;

/** Sketches rebuilt from a statistics file, per feature object: a baseline is compared with hundreds of windows. */
const sketches = new WeakMap<FeatureStatistics, KllSketch | null>();

function sketchOf(feature: FeatureStatistics | undefined): KllSketch | undefined {
  if (!feature) return undefined;
  const known = sketches.get(feature);
  if (known !== undefined) return known ?? undefined;
  const kll = feature.numerical_statistics?.distribution?.kll;
  let sketch: KllSketch | null = null;
  if (kll && Array.isArray(kll.sketch?.data)) {
    const built = KllSketch.fromData(kll.sketch.data, kll.sketch.parameters?.k, kll.sketch.parameters?.c);
    sketch = built.rankMap().items.length ? built : null;
  }
  sketches.set(feature, sketch);
  return sketch ?? undefined;
}

/** Cumulative weights of a sketch: weight of items ≤ x and < x. */
class Cdf {
  readonly items: Float64Array;
  readonly ranks: Float64Array;
  readonly total: number;
  constructor(sketch: KllSketch) {
    const map = sketch.rankMap();
    this.items = map.items;
    this.ranks = map.ranks;
    this.total = map.ranks.length ? map.ranks[map.ranks.length - 1] : 0;
  }
  /** Index of the first item > x (or ≥ x when `strict`). */
  private upper(x: number, strict: boolean): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? this.items[mid] < x : this.items[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  atMost(x: number): number {
    const i = this.upper(x, false);
    return i === 0 ? 0 : this.ranks[i - 1];
  }
  below(x: number): number {
    const i = this.upper(x, true);
    return i === 0 ? 0 : this.ranks[i - 1];
  }
  weightOf(x: number): number {
    return this.atMost(x) - this.below(x);
  }
}

const shares = (counts: number[], total: number): number[] => counts.map((c) => (total > 0 ? c / total : 0));

function numericOverlay(baseline: FeatureStatistics, current: FeatureStatistics): DistributionOverlay | undefined {
  const b = sketchOf(baseline);
  const c = sketchOf(current);
  if (!b || !c) return bucketOverlay(baseline, current);
  const bc = new Cdf(b);
  const cc = new Cdf(c);
  const distinct = [...new Set([...bc.items, ...cc.items])].sort((x, y) => x - y);
  if (distinct.length <= MAX_DISTINCT_VALUES) {
    return {
      kind: 'values',
      labels: distinct.map((v) => rounded(v)),
      baseline: shares(distinct.map((v) => bc.weightOf(v)), bc.total),
      current: shares(distinct.map((v) => cc.weightOf(v)), cc.total),
      baselineCount: bc.total,
      currentCount: cc.total,
    };
  }
  // The baseline's own 10 buckets as bins, plus a bin each side when this window goes beyond them.
  const buckets = baseline.numerical_statistics?.distribution?.kll?.buckets ?? [];
  const edges = buckets.length ? [buckets[0].lower_bound, ...buckets.map((x) => x.upper_bound)] : [bc.items[0], bc.items[bc.items.length - 1]];
  const labels: string[] = [];
  const bCounts: number[] = [];
  const cCounts: number[] = [];
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  if (cc.below(lo) > 0) {
    labels.push(`< ${rounded(lo)}`);
    bCounts.push(bc.below(lo));
    cCounts.push(cc.below(lo));
  }
  for (let i = 0; i + 1 < edges.length; i++) {
    labels.push(`${rounded(edges[i])} – ${rounded(edges[i + 1])}`);
    const count = (cdf: Cdf) => cdf.atMost(edges[i + 1]) - (i === 0 ? cdf.below(edges[0]) : cdf.atMost(edges[i]));
    bCounts.push(count(bc));
    cCounts.push(count(cc));
  }
  if (cc.total - cc.atMost(hi) > 0) {
    labels.push(`> ${rounded(hi)}`);
    bCounts.push(bc.total - bc.atMost(hi));
    cCounts.push(cc.total - cc.atMost(hi));
  }
  return { kind: 'bins', labels, baseline: shares(bCounts, bc.total), current: shares(cCounts, cc.total), baselineCount: bc.total, currentCount: cc.total };
}

/** Without sketches: the two files' own buckets, when they have the same bounds. */
function bucketOverlay(baseline: FeatureStatistics, current: FeatureStatistics): DistributionOverlay | undefined {
  const bb = baseline.numerical_statistics?.distribution?.kll?.buckets;
  const cb = current.numerical_statistics?.distribution?.kll?.buckets;
  if (!bb?.length || !cb?.length || bb.length !== cb.length) return undefined;
  if (bb.some((x, i) => x.lower_bound !== cb[i].lower_bound || x.upper_bound !== cb[i].upper_bound)) return undefined;
  const bt = bb.reduce((s, x) => s + x.count, 0);
  const ct = cb.reduce((s, x) => s + x.count, 0);
  return {
    kind: 'bins',
    labels: bb.map((x) => `${rounded(x.lower_bound)} – ${rounded(x.upper_bound)}`),
    baseline: shares(bb.map((x) => x.count), bt),
    current: shares(cb.map((x) => x.count), ct),
    baselineCount: bt,
    currentCount: ct,
  };
}

function categoryCounts(feature: FeatureStatistics | undefined): Map<string, number> | undefined {
  const buckets = feature?.string_statistics?.distribution?.categorical?.buckets;
  return buckets ? new Map(buckets.map((b) => [b.value, b.count])) : undefined;
}

function categoricalOverlay(baseline: FeatureStatistics, current: FeatureStatistics): DistributionOverlay | undefined {
  const b = categoryCounts(baseline);
  const c = categoryCounts(current);
  if (!b || !c) return undefined;
  const bt = [...b.values()].reduce((s, x) => s + x, 0);
  const ct = [...c.values()].reduce((s, x) => s + x, 0);
  const values = [...new Set([...b.keys(), ...c.keys()])].sort((x, y) => (b.get(y) ?? 0) + (c.get(y) ?? 0) - ((b.get(x) ?? 0) + (c.get(x) ?? 0)));
  const shown = values.slice(0, MAX_CATEGORIES);
  const rest = values.slice(MAX_CATEGORIES);
  const bCounts = shown.map((v) => b.get(v) ?? 0);
  const cCounts = shown.map((v) => c.get(v) ?? 0);
  const labels = [...shown];
  if (rest.length) {
    labels.push(`${rest.length} other values`);
    bCounts.push(rest.reduce((s, v) => s + (b.get(v) ?? 0), 0));
    cCounts.push(rest.reduce((s, v) => s + (c.get(v) ?? 0), 0));
  }
  return { kind: 'categories', labels, baseline: shares(bCounts, bt), current: shares(cCounts, ct), baselineCount: bt, currentCount: ct };
}

export function distributionOverlay(baseline: FeatureStatistics | undefined, current: FeatureStatistics | undefined): DistributionOverlay | undefined {
  if (!baseline || !current) return undefined;
  if (baseline.string_statistics || current.string_statistics) return categoricalOverlay(baseline, current);
  return numericOverlay(baseline, current);
}

export interface DriftSettings {
  numericalThreshold: number;
  categoricalThreshold: number;
  method: ComparisonMethod;
  categoricalMethod: 'LInfinity' | 'ChiSquared';
  compare: boolean;
}

/** The constraints' distribution settings with SageMaker's defaults (threshold 0.1, Robust, LInfinity). */
export function driftSettings(distribution: DistributionConstraints | undefined): DriftSettings {
  const numericalThreshold = distribution?.comparison_threshold ?? 0.1;
  return {
    numericalThreshold,
    categoricalThreshold: distribution?.categorical_comparison_threshold ?? numericalThreshold,
    method: distribution?.comparison_method ?? 'Robust',
    categoricalMethod: distribution?.categorical_drift_method ?? 'LInfinity',
    compare: distribution?.perform_comparison !== 'Disabled' && distribution?.enable_comparisons !== false,
  };
}

/** The distance baseline_drift_check computes for one feature, from the two statistics files; undefined when it cannot. */
export function driftDistance(baseline: FeatureStatistics | undefined, current: FeatureStatistics | undefined, settings: DriftSettings): DriftDistance | undefined {
  if (!baseline || !current) return undefined;
  if (baseline.inferred_type === 'String') {
    const b = categoryCounts(baseline);
    const c = categoryCounts(current);
    if (!b || !c) return undefined;
    const threshold = settings.categoricalThreshold;
    const method = `${settings.categoricalMethod}, ${settings.method}`;
    if (settings.categoricalMethod === 'ChiSquared') {
      const distance = categoricalChiSquared(b, c, settings.method);
      if (Number.isNaN(distance)) return undefined;
      return { distance, threshold, method, exceeded: settings.method === 'Robust' ? distance < threshold : distance > threshold };
    }
    const distance = categoricalLInfinity(b, c, settings.method);
    return Number.isNaN(distance) ? undefined : { distance, threshold, method, exceeded: distance > threshold };
  }
  const b = sketchOf(baseline);
  const c = sketchOf(current);
  if (!b || !c) return undefined;
  const distance = numericalDistance(b, c, settings.method);
  if (Number.isNaN(distance)) return undefined;
  return { distance, threshold: settings.numericalThreshold, method: `LInfinity, ${settings.method}`, exceeded: distance > settings.numericalThreshold };
}
