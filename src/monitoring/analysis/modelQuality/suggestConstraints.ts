/**
 * Suggested `constraints.json` of a model-quality baseline (spec §4.3): each headline metric's baseline
 * value becomes its threshold; error metrics may not rise above it (GreaterThanThreshold violates), all
 * others may not fall below it (LessThanThreshold violates).
 */
import { CONSTRAINTS_KEY, type ComparisonOperator, type MetricConstraint, type ModelQualityConstraints } from '../../formats/constraints';
import { METRICS_KEY, type MetricValue, type ModelQualityStatistics, type ProblemType } from '../../formats/statistics';

/** The metrics a baseline suggests constraints for, in the order SageMaker writes them. */
export const CONSTRAINED_METRICS: Record<ProblemType, readonly string[]> = {
  Regression: ['mae', 'mse', 'rmse', 'r2'],
  BinaryClassification: [
    'recall',
    'precision',
    'accuracy',
    'true_positive_rate',
    'true_negative_rate',
    'false_positive_rate',
    'false_negative_rate',
    'auc',
    'f0_5',
    'f1',
    'f2',
  ],
  MulticlassClassification: ['accuracy', 'weighted_recall', 'weighted_precision', 'weighted_f0_5', 'weighted_f1', 'weighted_f2'],
};

const ERROR_METRICS = new Set(['mae', 'mse', 'rmse', 'false_positive_rate', 'false_negative_rate']);

export function suggestedOperator(metric: string): ComparisonOperator {
  return ERROR_METRICS.has(metric) ? 'GreaterThanThreshold' : 'LessThanThreshold';
}

/** A scalar metric's value, if the statistics have it. */
export function scalarMetric(statistics: ModelQualityStatistics, problemType: ProblemType, metric: string): MetricValue | undefined {
  const entry = statistics[METRICS_KEY[problemType]]?.[metric];
  if (entry === undefined || typeof (entry as MetricValue).value !== 'number') return undefined;
  return entry as MetricValue;
}

export function suggestModelQualityConstraints(statistics: ModelQualityStatistics, problemType: ProblemType): ModelQualityConstraints {
  const constraints: Record<string, MetricConstraint> = {};
  for (const metric of CONSTRAINED_METRICS[problemType]) {
    const value = scalarMetric(statistics, problemType, metric)?.value;
    // A metric that is undefined on the baseline (e.g. recall without positives) gives no usable threshold.
    if (value === undefined || !Number.isFinite(value)) continue;
    constraints[metric] = { threshold: value, comparison_operator: suggestedOperator(metric) };
  }
  return { version: 0.0, [CONSTRAINTS_KEY[problemType]]: constraints };
}
