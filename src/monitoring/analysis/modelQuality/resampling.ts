/**
 * The analyzer's standard deviations (spec §4.2): with at least 200 rows, the metric is computed on five
 * random 80 % samples of the rows and the standard deviation of those five values is reported; below
 * 200 rows it is "NaN". SageMaker's samples are random, ours come from a seeded generator so that a run
 * can be repeated. Rows are drawn like Spark's `sample(false, 0.8)`: each row independently with
 * probability 0.8.
 */
import type { MetricValue } from '../../formats/statistics';
import { seededRandom } from '../../random';

export const MIN_ROWS_FOR_STANDARD_DEVIATION = 200;
export const RESAMPLE_COUNT = 5;
export const RESAMPLE_FRACTION = 0.8;
export const DEFAULT_SEED = 42;

/** Five masks (1 = row in the sample) over `rows` rows. */
export function resampleMasks(rows: number, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  const masks: Uint8Array[] = [];
  for (let sample = 0; sample < RESAMPLE_COUNT; sample++) {
    const mask = new Uint8Array(rows);
    for (let row = 0; row < rows; row++) mask[row] = random() < RESAMPLE_FRACTION ? 1 : 0;
    masks.push(mask);
  }
  return masks;
}

/** Sample standard deviation (n − 1), as Spark's `stddev`. */
export function sampleStandardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) * (v - mean), 0);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * Each scalar metric with its standard deviation: `compute(undefined)` on all rows, then on each
 * resample when there are enough rows.
 */
export function withStandardDeviations<K extends string>(
  rows: number,
  seed: number,
  compute: (mask: Uint8Array | undefined) => Record<K, number>,
): Record<K, MetricValue> {
  const values = compute(undefined);
  const keys = Object.keys(values) as K[];
  const result = {} as Record<K, MetricValue>;
  if (rows < MIN_ROWS_FOR_STANDARD_DEVIATION) {
    for (const key of keys) result[key] = { value: values[key], standard_deviation: 'NaN' };
    return result;
  }
  const samples = resampleMasks(rows, seed).map((mask) => compute(mask));
  for (const key of keys) {
    result[key] = { value: values[key], standard_deviation: sampleStandardDeviation(samples.map((sample) => sample[key])) };
  }
  return result;
}
