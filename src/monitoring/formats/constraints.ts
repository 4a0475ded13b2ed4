/** `constraints.json` as written by SageMaker's analyzer: data-quality and model-quality variants. */
import type { InferredType, ProblemType } from './statistics';

export type EnabledFlag = 'Enabled' | 'Disabled';

export interface MonitoringConfigOverrides {
  evaluate_constraints?: EnabledFlag;
  emit_metrics?: EnabledFlag;
  [unknownField: string]: unknown;
}

export interface FeatureConstraints {
  name: string;
  inferred_type: InferredType;
  completeness?: number;
  num_constraints?: { is_non_negative?: boolean; [unknownField: string]: unknown };
  string_constraints?: {
    domains?: string[];
    monitoring_config_overrides?: MonitoringConfigOverrides;
    [unknownField: string]: unknown;
  };
  monitoringConfigOverrides?: MonitoringConfigOverrides;
  [unknownField: string]: unknown;
}

export interface DistributionConstraints {
  perform_comparison?: EnabledFlag;
  comparison_threshold?: number;
  comparison_method?: 'Simple' | 'Robust';
  categorical_comparison_threshold?: number;
  categorical_drift_method?: 'LInfinity' | 'ChiSquared';
  [unknownField: string]: unknown;
}

export interface DataQualityMonitoringConfig {
  evaluate_constraints?: EnabledFlag;
  emit_metrics?: EnabledFlag;
  datatype_check_threshold?: number;
  domain_content_threshold?: number;
  distribution_constraints?: DistributionConstraints;
  [unknownField: string]: unknown;
}

export interface DataQualityConstraints {
  version: number;
  features: FeatureConstraints[];
  monitoring_config?: DataQualityMonitoringConfig;
  [unknownField: string]: unknown;
}

export type ComparisonOperator =
  | 'LessThanThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanOrEqualToThreshold'
  | 'GreaterThanOrEqualToThreshold';

export interface MetricConstraint {
  threshold: number;
  comparison_operator: ComparisonOperator;
  [unknownField: string]: unknown;
}

export const CONSTRAINTS_KEY: Record<ProblemType, 'regression_constraints' | 'binary_classification_constraints' | 'multiclass_classification_constraints'> = {
  Regression: 'regression_constraints',
  BinaryClassification: 'binary_classification_constraints',
  MulticlassClassification: 'multiclass_classification_constraints',
};

export interface ModelQualityConstraints {
  version: number;
  regression_constraints?: Record<string, MetricConstraint>;
  binary_classification_constraints?: Record<string, MetricConstraint>;
  multiclass_classification_constraints?: Record<string, MetricConstraint>;
  [unknownField: string]: unknown;
}

export type Constraints = DataQualityConstraints | ModelQualityConstraints;

export function isDataQualityConstraints(c: Constraints): c is DataQualityConstraints {
  return Array.isArray((c as DataQualityConstraints).features);
}
