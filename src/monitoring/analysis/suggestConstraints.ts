/**
 * Suggests `constraints.json` (data quality, spec §3.5) from baseline statistics, as the analyzer
 * does: per feature its type, completeness (num_present / item_count, unrounded), `is_non_negative`
 * for numbers (min >= 0) and, for string features that have categorical buckets, the domain (the
 * bucket values, in bucket order); plus the monitoring_config defaults the analyzer writes.
 */
import type { DataQualityConstraints, DataQualityMonitoringConfig, DistributionConstraints, FeatureConstraints } from '../formats/constraints';
import type { DataQualityStatistics } from '../formats/statistics';
import { isNumericType } from './typeInference';

export type CategoricalDriftMethod = 'LInfinity' | 'ChiSquared';

export function suggestConstraints(
  statistics: DataQualityStatistics,
  options: { categoricalDriftMethod?: CategoricalDriftMethod } = {},
): DataQualityConstraints {
  const itemCount = statistics.dataset.item_count;
  const features = statistics.features.map((feature): FeatureConstraints => {
    const common = feature.numerical_statistics?.common ?? feature.string_statistics?.common;
    const present = common?.num_present ?? 0;
    const constraint: FeatureConstraints = {
      name: feature.name,
      inferred_type: feature.inferred_type,
      completeness: itemCount === 0 ? 0 : present / itemCount,
    };
    const numbers = feature.numerical_statistics;
    if (isNumericType(feature.inferred_type) && numbers !== undefined) {
      constraint.num_constraints = { is_non_negative: numbers.min >= 0 };
    }
    const buckets = feature.string_statistics?.distribution?.categorical?.buckets;
    if (feature.inferred_type === 'String' && buckets !== undefined && buckets.length > 0) {
      constraint.string_constraints = { domains: buckets.map((bucket) => bucket.value) };
    }
    return constraint;
  });
  const distribution: DistributionConstraints = { perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust' };
  // Real outputs carry the categorical settings exactly when the dataset has a string column (every
  // such output, 2024 and 2025; none of the all-numeric ones, 2020-2023). Whether a current container
  // writes them for an all-numeric dataset is not known; we follow the observed rule, and write them
  // whenever the job names a categorical_drift_method, since that setting is the user's own.
  const hasStringColumn = statistics.features.some((feature) => feature.inferred_type === 'String');
  if (hasStringColumn || options.categoricalDriftMethod !== undefined) {
    distribution.categorical_comparison_threshold = 0.1;
    distribution.categorical_drift_method = options.categoricalDriftMethod ?? 'LInfinity';
  }
  const monitoringConfig: DataQualityMonitoringConfig = {
    evaluate_constraints: 'Enabled',
    emit_metrics: 'Enabled',
    datatype_check_threshold: 1.0,
    domain_content_threshold: 1.0,
    distribution_constraints: distribution,
  };
  return { version: 0, features, monitoring_config: monitoringConfig };
}
