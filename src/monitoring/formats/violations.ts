/** `constraint_violations.json` as written by SageMaker's analyzer. */
import type { ComparisonOperator } from './constraints';
import { FieldChecker, parseJsonText } from './jsonFields';
import { writeJacksonJson } from './jacksonJson';

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

/**
 * A `constraint_violations.json` (data quality: `feature_name`; model quality: `metric_name`). An empty run
 * is `{"violations": []}`. Keys we do not know are kept.
 */
export function parseViolations(text: string, file: string): ConstraintViolations {
  const check = new FieldChecker({ file });
  const root = check.object(parseJsonText(text, { file }), '');
  check.field(root, 'violations', '', (v, p) =>
    check.arrayOf(v, p, (item, itemPath) => {
      const violation = check.object(item, itemPath);
      check.field(violation, 'constraint_check_type', itemPath, (s, sp) => check.string(s, sp));
      check.field(violation, 'description', itemPath, (s, sp) => check.string(s, sp));
      check.optional(violation, 'feature_name', itemPath, (s, sp) => check.string(s, sp));
      check.optional(violation, 'metric_name', itemPath, (s, sp) => check.string(s, sp));
    }),
  );
  return root as ConstraintViolations;
}

/** The document in SageMaker's own layout (Jackson pretty print), ending with a newline. */
export function serializeViolations(violations: ConstraintViolations): string {
  return writeJacksonJson(violations);
}
