/**
 * `constraint_violations.json` of a model-quality monitoring run (spec §4.4, analyzer-exactness):
 * one violation per constrained metric whose current value is on the wrong side of its threshold.
 *
 * What the real outputs show and this follows:
 * - `constraint_check_type` is the comparison operator; `metric_name` is the metric in camelCase
 *   (`truePositiveRate`), and so is the metric in the description;
 * - description `Metric {m} with {value} +/- {std} was {operator} '{threshold}'`, the `+/- {std}` part only
 *   when the standard deviation exists (200 rows or more), numbers as Java's Double.toString prints them;
 * - f0_5 is never reported: in the churn runs it fell far below its threshold without a violation,
 *   while every other metric that fell below its threshold was reported (so weighted_f0_5 is skipped too);
 * - violations come in the iteration order of a Scala HashMap keyed by the camelCase names.
 */
import { CONSTRAINTS_KEY, type ComparisonOperator, type ModelQualityConstraints } from '../../formats/constraints';
import type { ModelQualityStatistics, ProblemType } from '../../formats/statistics';
import type { ConstraintViolations, Violation } from '../../formats/violations';
import { javaDoubleToString } from '../../formats/javaNumber';
import { scalaHashMapOrder } from './scalaHashOrder';
import { scalarMetric } from './suggestConstraints';

const UNCHECKED_METRICS = new Set(['f0_5', 'weighted_f0_5']);

/** `true_positive_rate` → `truePositiveRate`. */
export function camelCaseMetricName(metric: string): string {
  return metric.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

export function violatesThreshold(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
  }
}

export function checkModelQualityConstraints(
  statistics: ModelQualityStatistics,
  constraints: ModelQualityConstraints,
  problemType: ProblemType,
): ConstraintViolations {
  const metricConstraints = constraints[CONSTRAINTS_KEY[problemType]] ?? {};
  const violations: Violation[] = [];
  for (const [metric, constraint] of Object.entries(metricConstraints)) {
    if (UNCHECKED_METRICS.has(metric)) continue;
    const current = scalarMetric(statistics, problemType, metric);
    if (current === undefined || !violatesThreshold(current.value, constraint.comparison_operator, constraint.threshold)) continue;
    const name = camelCaseMetricName(metric);
    const spread = typeof current.standard_deviation === 'number' ? ` +/- ${javaDoubleToString(current.standard_deviation)}` : '';
    violations.push({
      constraint_check_type: constraint.comparison_operator,
      description:
        `Metric ${name} with ${javaDoubleToString(current.value)}${spread} was ${constraint.comparison_operator} ` +
        `'${javaDoubleToString(constraint.threshold)}'`,
      metric_name: name,
    });
  }
  return { violations: scalaHashMapOrder(violations, (violation) => violation.metric_name as string) };
}
