/**
 * Builds `statistics.json` (data quality, spec §3.4) from a finished dataset profile.
 *
 * Two output shapes exist in the wild: containers up to 2022 write exactly the fields below; newer
 * ones (2024–2025) add `completeness` to every feature's statistics and, for numbers,
 * `approximate_num_distinct_values`. `shape: 'current'` (the default) writes the newer form.
 */
import type { CategoricalBucket, DataQualityStatistics, FeatureStatistics, NumericalStatistics, StringStatistics } from '../formats/statistics';
import { KLL_DEFAULT_C, KLL_DEFAULT_K } from './kll';
import { LOW_CARDINALITY_THRESHOLD, type ColumnProfile } from './featureProfile';
import { isNumericType } from './typeInference';
import { sageMakerCategoricalOrder } from './categoricalOrder';

export type OutputShape = 'current' | 'legacy';

/** Columns in output order (undefined: a column no row had) and the row count. */
export interface ProfiledColumns {
  rowCount: number;
  columns: ReadonlyArray<ColumnProfile | undefined>;
}

export function buildStatistics(dataset: ProfiledColumns, names: readonly string[], shape: OutputShape = 'current'): DataQualityStatistics {
  const features: FeatureStatistics[] = names.map((name, index) => featureStatistics(name, dataset.columns[index], dataset.rowCount, shape));
  return { version: 0, dataset: { item_count: dataset.rowCount }, features };
}

function featureStatistics(name: string, column: ColumnProfile | undefined, rowCount: number, shape: OutputShape): FeatureStatistics {
  const present = column?.present ?? 0;
  const common = { num_present: present, num_missing: rowCount - present };
  const completeness = rowCount === 0 ? 0 : present / rowCount;
  const type = column?.inferredType ?? 'Unknown';
  if (column !== undefined && isNumericType(type)) {
    const { moments, sketch } = column;
    const numerical: NumericalStatistics = {
      common,
      mean: moments.mean,
      sum: moments.sum,
      std_dev: moments.stdDev,
      min: moments.min,
      max: moments.max,
    };
    if (shape === 'current') {
      numerical.approximate_num_distinct_values = Math.round(column.distinct.estimate());
      numerical.completeness = completeness;
    }
    numerical.distribution = {
      kll: {
        buckets: sketch.buckets(moments.min, moments.max),
        sketch: { parameters: { c: KLL_DEFAULT_C, k: KLL_DEFAULT_K }, data: sketch.toData() },
      },
    };
    return { name, inferred_type: type, numerical_statistics: numerical };
  }
  const distinct = column === undefined ? 0 : column.distinct.estimate();
  const strings: StringStatistics = { common, distinct_count: distinct };
  if (shape === 'current') strings.completeness = completeness;
  const buckets = column === undefined ? null : categoricalBuckets(column, name, rowCount);
  if (buckets !== null) strings.distribution = { categorical: { buckets } };
  return { name, inferred_type: type, string_statistics: strings };
}

/**
 * Exact value counts of a low-cardinality column (HyperLogLog++ estimate at most 120, Deequ's
 * threshold) in first-seen order; null when the column has none.
 */
export function categoricalCounts(column: ColumnProfile): ReadonlyMap<string, number> | null {
  if (column.present === 0 || column.categories === null) return null;
  if (column.distinct.estimate() > LOW_CARDINALITY_THRESHOLD) return null;
  return column.categories;
}

/**
 * The categorical buckets of a column named `name` in a dataset of `rowCount` rows, in SageMaker's
 * order (categoricalOrder.ts); null when the column has none.
 */
export function categoricalBuckets(column: ColumnProfile, name: string, rowCount: number): CategoricalBucket[] | null {
  const counts = categoricalCounts(column);
  if (counts === null) return null;
  return sageMakerCategoricalOrder(name, [...counts.keys()], column.present < rowCount).map((value) => ({ value, count: counts.get(value)! }));
}
