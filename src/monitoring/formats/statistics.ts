/** `statistics.json` as written by SageMaker's analyzer: data-quality and model-quality variants. */
import { FieldChecker, fieldPath, parseJsonText, type JsonObject } from './jsonFields';
import { doubleFields, writeJacksonJson } from './jacksonJson';

export interface KllBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

export interface KllDistribution {
  buckets: KllBucket[];
  sketch: { parameters: { c: number; k: number }; data: number[][] };
}

export interface CommonStatistics {
  num_present: number;
  num_missing: number;
}

export interface NumericalStatistics {
  common: CommonStatistics;
  mean: number;
  sum: number;
  std_dev: number;
  min: number;
  max: number;
  approximate_num_distinct_values?: number;
  completeness?: number;
  distribution?: { kll: KllDistribution };
  [unknownField: string]: unknown;
}

export interface CategoricalBucket {
  value: string;
  count: number;
}

export interface StringStatistics {
  common: CommonStatistics;
  distinct_count: number;
  completeness?: number;
  distribution?: { categorical: { buckets: CategoricalBucket[] } };
  [unknownField: string]: unknown;
}

export type InferredType = 'Integral' | 'Fractional' | 'String' | 'Unknown';
export const INFERRED_TYPES: readonly InferredType[] = ['Integral', 'Fractional', 'String', 'Unknown'];

export interface FeatureStatistics {
  name: string;
  inferred_type: InferredType;
  numerical_statistics?: NumericalStatistics;
  string_statistics?: StringStatistics;
  [unknownField: string]: unknown;
}

export interface DataQualityStatistics {
  version: number;
  dataset: { item_count: number; [unknownField: string]: unknown };
  features: FeatureStatistics[];
  [unknownField: string]: unknown;
}

/** A scalar model-quality metric; `standard_deviation` is the string "NaN" below 200 rows. */
export interface MetricValue {
  value: number;
  standard_deviation: number | 'NaN';
}

export type ProblemType = 'Regression' | 'BinaryClassification' | 'MulticlassClassification';

export const METRICS_KEY: Record<ProblemType, 'regression_metrics' | 'binary_classification_metrics' | 'multiclass_classification_metrics'> = {
  Regression: 'regression_metrics',
  BinaryClassification: 'binary_classification_metrics',
  MulticlassClassification: 'multiclass_classification_metrics',
};

/** Metric name → scalar metric, or a structured value (confusion matrix, curves). */
export type ModelQualityMetrics = Record<string, MetricValue | Record<string, unknown>>;

/**
 * `version` and `dataset` are always written by the analyzer, but files edited by hand (the SDK's model-card
 * fixture) leave them out, so readers must not rely on them.
 */
export interface ModelQualityStatistics {
  version?: number;
  dataset?: { item_count: number; evaluation_time?: string; [unknownField: string]: unknown };
  regression_metrics?: ModelQualityMetrics;
  binary_classification_metrics?: ModelQualityMetrics;
  multiclass_classification_metrics?: ModelQualityMetrics;
  [unknownField: string]: unknown;
}

export type Statistics = DataQualityStatistics | ModelQualityStatistics;

export function isDataQualityStatistics(s: Statistics): s is DataQualityStatistics {
  return Array.isArray((s as DataQualityStatistics).features);
}

// ---------------------------------------------------------------------------------------------------
// Parsing and writing

const METRICS_KEYS = Object.values(METRICS_KEY);

/** Fields SageMaker writes as Java doubles (`1.0`); everything else integral keeps its integer form. */
const STATISTICS_DOUBLES = doubleFields([
  'version',
  'features.completeness',
  'features.numerical_statistics.mean',
  'features.numerical_statistics.sum',
  'features.numerical_statistics.std_dev',
  'features.numerical_statistics.min',
  'features.numerical_statistics.max',
  'features.numerical_statistics.completeness',
  'features.numerical_statistics.distribution.kll.buckets.lower_bound',
  'features.numerical_statistics.distribution.kll.buckets.upper_bound',
  'features.numerical_statistics.distribution.kll.buckets.count',
  'features.numerical_statistics.distribution.kll.sketch.parameters.c',
  'features.numerical_statistics.distribution.kll.sketch.parameters.k',
  'features.numerical_statistics.distribution.kll.sketch.data',
  'features.string_statistics.distinct_count',
  'features.string_statistics.completeness',
  '*.*.value',
  '*.*.standard_deviation',
  '*.receiver_operating_characteristic_curve.false_positive_rates',
  '*.receiver_operating_characteristic_curve.true_positive_rates',
  '*.precision_recall_curve.precisions',
  '*.precision_recall_curve.recalls',
]);

/**
 * A `statistics.json`, data quality (it has `features`) or model quality (it has one of the
 * `*_metrics` objects). Throws a FormatError naming the file and the field for any defect.
 */
export function parseStatistics(text: string, file: string): Statistics {
  const check = new FieldChecker({ file });
  const root = check.object(parseJsonText(text, { file }), '');
  if (Object.hasOwn(root, 'features')) return checkDataQualityStatistics(check, root);
  if (METRICS_KEYS.some((key) => Object.hasOwn(root, key))) return checkModelQualityStatistics(check, root);
  return check.fail('', `is neither data-quality statistics (no "features") nor model-quality statistics (none of ${METRICS_KEYS.join(', ')})`);
}

/** The document in SageMaker's own layout (Jackson pretty print, doubles as `1.0`), ending with a newline. */
export function serializeStatistics(statistics: Statistics): string {
  return writeJacksonJson(statistics, STATISTICS_DOUBLES);
}

function checkDataQualityStatistics(check: FieldChecker, root: JsonObject): DataQualityStatistics {
  check.field(root, 'version', '', (v, p) => check.number(v, p));
  const dataset = check.field(root, 'dataset', '', (v, p) => check.object(v, p));
  check.field(dataset, 'item_count', 'dataset', (v, p) => check.count(v, p));
  check.field(root, 'features', '', (v, p) => check.arrayOf(v, p, (f, fp) => checkFeature(check, f, fp)));
  return root as DataQualityStatistics;
}

function checkFeature(check: FieldChecker, value: unknown, path: string): void {
  const feature = check.object(value, path);
  check.field(feature, 'name', path, (v, p) => check.string(v, p));
  check.field(feature, 'inferred_type', path, (v, p) => check.oneOf(v, p, INFERRED_TYPES));
  check.optional(feature, 'completeness', path, (v, p) => check.number(v, p));
  check.optional(feature, 'numerical_statistics', path, (v, p) => checkNumerical(check, v, p));
  check.optional(feature, 'string_statistics', path, (v, p) => checkString(check, v, p));
}

function checkCommon(check: FieldChecker, stats: JsonObject, path: string): void {
  const common = check.field(stats, 'common', path, (v, p) => check.object(v, p));
  const commonPath = fieldPath(path, 'common');
  check.field(common, 'num_present', commonPath, (v, p) => check.count(v, p));
  check.field(common, 'num_missing', commonPath, (v, p) => check.count(v, p));
}

function checkNumerical(check: FieldChecker, value: unknown, path: string): void {
  const stats = check.object(value, path);
  checkCommon(check, stats, path);
  for (const key of ['mean', 'sum', 'std_dev', 'min', 'max']) check.field(stats, key, path, (v, p) => check.number(v, p));
  check.optional(stats, 'approximate_num_distinct_values', path, (v, p) => check.number(v, p));
  check.optional(stats, 'completeness', path, (v, p) => check.number(v, p));
  check.optional(stats, 'distribution', path, (v, p) => {
    const distribution = check.object(v, p);
    check.field(distribution, 'kll', p, (kllValue, kllPath) => checkKll(check, kllValue, kllPath));
  });
}

function checkKll(check: FieldChecker, value: unknown, path: string): void {
  const kll = check.object(value, path);
  check.field(kll, 'buckets', path, (v, p) =>
    check.arrayOf(v, p, (b, bp) => {
      const bucket = check.object(b, bp);
      for (const key of ['lower_bound', 'upper_bound', 'count']) check.field(bucket, key, bp, (n, np) => check.number(n, np));
    }),
  );
  const sketch = check.field(kll, 'sketch', path, (v, p) => check.object(v, p));
  const sketchPath = fieldPath(path, 'sketch');
  const parameters = check.field(sketch, 'parameters', sketchPath, (v, p) => check.object(v, p));
  for (const key of ['c', 'k']) check.field(parameters, key, fieldPath(sketchPath, 'parameters'), (v, p) => check.number(v, p));
  check.field(sketch, 'data', sketchPath, (v, p) =>
    check.arrayOf(v, p, (level, levelPath) => check.numbers(level, levelPath)),
  );
}

function checkString(check: FieldChecker, value: unknown, path: string): void {
  const stats = check.object(value, path);
  checkCommon(check, stats, path);
  check.field(stats, 'distinct_count', path, (v, p) => check.number(v, p));
  check.optional(stats, 'completeness', path, (v, p) => check.number(v, p));
  check.optional(stats, 'distribution', path, (v, p) => {
    const distribution = check.object(v, p);
    check.field(distribution, 'categorical', p, (c, cp) => {
      const categorical = check.object(c, cp);
      check.field(categorical, 'buckets', cp, (b, bp) =>
        check.arrayOf(b, bp, (item, itemPath) => {
          const bucket = check.object(item, itemPath);
          check.field(bucket, 'value', itemPath, (s, sp) => check.string(s, sp));
          check.field(bucket, 'count', itemPath, (n, np) => check.number(n, np));
        }),
      );
    });
  });
}

/** Structured model-quality metrics and the number arrays they hold. */
const CURVES: Record<string, readonly string[]> = {
  receiver_operating_characteristic_curve: ['false_positive_rates', 'true_positive_rates'],
  precision_recall_curve: ['precisions', 'recalls'],
};

function checkModelQualityStatistics(check: FieldChecker, root: JsonObject): ModelQualityStatistics {
  check.optional(root, 'version', '', (v, p) => check.number(v, p));
  check.optional(root, 'dataset', '', (v, p) => {
    const dataset = check.object(v, p);
    check.field(dataset, 'item_count', p, (n, np) => check.count(n, np));
    check.optional(dataset, 'evaluation_time', p, (s, sp) => check.string(s, sp));
  });
  for (const key of METRICS_KEYS) {
    check.optional(root, key, '', (v, p) => {
      const metrics = check.object(v, p);
      for (const [name, metric] of Object.entries(metrics)) checkMetric(check, name, metric, fieldPath(p, name));
    });
  }
  return root as ModelQualityStatistics;
}

function checkMetric(check: FieldChecker, name: string, value: unknown, path: string): void {
  const metric = check.object(value, path);
  if (name === 'confusion_matrix') {
    for (const [actual, row] of Object.entries(metric)) {
      const rowPath = fieldPath(path, actual);
      for (const [predicted, count] of Object.entries(check.object(row, rowPath))) check.count(count, fieldPath(rowPath, predicted));
    }
    return;
  }
  const curve = CURVES[name];
  if (curve) {
    for (const key of curve) check.field(metric, key, path, (v, p) => check.numbers(v, p));
    return;
  }
  if (Object.hasOwn(metric, 'value')) {
    check.field(metric, 'value', path, (v, p) => check.number(v, p));
    check.field(metric, 'standard_deviation', path, (v, p) => (v === 'NaN' ? v : check.number(v, p)));
  }
  // Any other structured metric is kept as it is: newer analyzers may add some.
}
