/** `statistics.json` as written by SageMaker's analyzer: data-quality and model-quality variants. */

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

export interface ModelQualityStatistics {
  version: number;
  dataset: { item_count: number; evaluation_time?: string; [unknownField: string]: unknown };
  regression_metrics?: ModelQualityMetrics;
  binary_classification_metrics?: ModelQualityMetrics;
  multiclass_classification_metrics?: ModelQualityMetrics;
  [unknownField: string]: unknown;
}

export type Statistics = DataQualityStatistics | ModelQualityStatistics;

export function isDataQualityStatistics(s: Statistics): s is DataQualityStatistics {
  return Array.isArray((s as DataQualityStatistics).features);
}
