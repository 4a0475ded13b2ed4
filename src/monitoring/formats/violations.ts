/** `constraint_violations.json` as written by SageMaker's analyzer. */
import type { ComparisonOperator } from './constraints';

export type DataQualityCheckType =
  | 'data_type_check'
  | 'completeness_check'
  | 'baseline_drift_check'
  | 'missing_column_check'
  | 'extra_column_check'
  | 'categorical_values_check';

export interface Violation {
  /** Data quality: the baseline feature's name ("Missing columns"/"Extra columns" for column checks). */
  feature_name?: string;
  /** Model quality: the metric's name. */
  metric_name?: string;
  /** Data quality: the check; model quality: the comparison operator. Clarify monitors use their own. */
  constraint_check_type: DataQualityCheckType | ComparisonOperator | string;
  description: string;
  [unknownField: string]: unknown;
}

export interface ConstraintViolations {
  violations: Violation[];
  [unknownField: string]: unknown;
}
