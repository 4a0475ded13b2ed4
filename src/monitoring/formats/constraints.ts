/** `constraints.json` as written by SageMaker's analyzer: data-quality and model-quality variants. */
import { INFERRED_TYPES, type InferredType, type ProblemType } from './statistics';
import { FieldChecker, fieldPath, parseJsonText, type JsonObject } from './jsonFields';
import { doubleFields, writeJacksonJson } from './jacksonJson';

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
  /** Legacy (pre-GA fixture): stands for `perform_comparison`. */
  enable_comparisons?: boolean;
  /** Legacy (pre-GA fixture): kept, not used by the current analyzer. */
  min_domain_mass?: number;
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

// ---------------------------------------------------------------------------------------------------
// Reading the settings that have two spellings

/**
 * A feature's overrides of `evaluate_constraints` / `emit_metrics`. The docs put them in
 * `monitoringConfigOverrides`, the SDK writes `string_constraints.monitoring_config_overrides`; both are
 * honoured, and the SDK's spelling (the one the service's own tooling writes) wins when both set a key.
 */
export function featureOverrides(feature: FeatureConstraints): MonitoringConfigOverrides {
  return { ...feature.monitoringConfigOverrides, ...feature.string_constraints?.monitoring_config_overrides };
}

/** Whether distribution drift is compared: `perform_comparison`, else the legacy `enable_comparisons`, else yes. */
export function isComparisonEnabled(distribution: DistributionConstraints | undefined): boolean {
  if (distribution?.perform_comparison !== undefined) return distribution.perform_comparison === 'Enabled';
  if (distribution?.enable_comparisons !== undefined) return distribution.enable_comparisons;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Parsing and writing

const FLAGS: readonly EnabledFlag[] = ['Enabled', 'Disabled'];
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'LessThanThreshold',
  'GreaterThanThreshold',
  'LessThanOrEqualToThreshold',
  'GreaterThanOrEqualToThreshold',
];
const CONSTRAINTS_KEYS = Object.values(CONSTRAINTS_KEY);

const CONSTRAINTS_DOUBLES = doubleFields([
  'version',
  'features.completeness',
  'monitoring_config.datatype_check_threshold',
  'monitoring_config.domain_content_threshold',
  'monitoring_config.distribution_constraints.comparison_threshold',
  'monitoring_config.distribution_constraints.categorical_comparison_threshold',
  'monitoring_config.distribution_constraints.min_domain_mass',
  '*.*.threshold',
]);

/**
 * A `constraints.json`, data quality (it has `features`) or model quality (one of the `*_constraints`
 * objects). Legacy and alternate keys are accepted; keys we do not know are kept.
 */
export function parseConstraints(text: string, file: string): Constraints {
  const check = new FieldChecker({ file });
  const root = check.object(parseJsonText(text, { file }), '');
  if (Object.hasOwn(root, 'features')) return checkDataQualityConstraints(check, root);
  if (CONSTRAINTS_KEYS.some((key) => Object.hasOwn(root, key))) return checkModelQualityConstraints(check, root);
  return check.fail('', `is neither data-quality constraints (no "features") nor model-quality constraints (none of ${CONSTRAINTS_KEYS.join(', ')})`);
}

/** The document in SageMaker's own layout (Jackson pretty print, doubles as `1.0`), ending with a newline. */
export function serializeConstraints(constraints: Constraints): string {
  return writeJacksonJson(constraints, CONSTRAINTS_DOUBLES);
}

function checkOverrides(check: FieldChecker, value: unknown, path: string): void {
  const overrides = check.object(value, path);
  check.optional(overrides, 'evaluate_constraints', path, (v, p) => check.oneOf(v, p, FLAGS));
  check.optional(overrides, 'emit_metrics', path, (v, p) => check.oneOf(v, p, FLAGS));
}

function checkDataQualityConstraints(check: FieldChecker, root: JsonObject): DataQualityConstraints {
  check.field(root, 'version', '', (v, p) => check.number(v, p));
  check.field(root, 'features', '', (v, p) => check.arrayOf(v, p, (f, fp) => checkFeature(check, f, fp)));
  check.optional(root, 'monitoring_config', '', (v, p) => {
    const config = check.object(v, p);
    check.optional(config, 'evaluate_constraints', p, (f, fp) => check.oneOf(f, fp, FLAGS));
    check.optional(config, 'emit_metrics', p, (f, fp) => check.oneOf(f, fp, FLAGS));
    check.optional(config, 'datatype_check_threshold', p, (n, np) => check.number(n, np));
    check.optional(config, 'domain_content_threshold', p, (n, np) => check.number(n, np));
    check.optional(config, 'distribution_constraints', p, (d, dp) => {
      const distribution = check.object(d, dp);
      check.optional(distribution, 'perform_comparison', dp, (f, fp) => check.oneOf(f, fp, FLAGS));
      check.optional(distribution, 'comparison_threshold', dp, (n, np) => check.number(n, np));
      check.optional(distribution, 'comparison_method', dp, (m, mp) => check.oneOf(m, mp, ['Simple', 'Robust'] as const));
      check.optional(distribution, 'categorical_comparison_threshold', dp, (n, np) => check.number(n, np));
      check.optional(distribution, 'categorical_drift_method', dp, (m, mp) => check.oneOf(m, mp, ['LInfinity', 'ChiSquared'] as const));
      check.optional(distribution, 'enable_comparisons', dp, (b, bp) => check.boolean(b, bp));
      check.optional(distribution, 'min_domain_mass', dp, (n, np) => check.number(n, np));
    });
  });
  return root as DataQualityConstraints;
}

function checkFeature(check: FieldChecker, value: unknown, path: string): void {
  const feature = check.object(value, path);
  check.field(feature, 'name', path, (v, p) => check.string(v, p));
  check.field(feature, 'inferred_type', path, (v, p) => check.oneOf(v, p, INFERRED_TYPES));
  check.optional(feature, 'completeness', path, (v, p) => check.number(v, p));
  check.optional(feature, 'num_constraints', path, (v, p) => {
    const numeric = check.object(v, p);
    check.optional(numeric, 'is_non_negative', p, (b, bp) => check.boolean(b, bp));
  });
  check.optional(feature, 'string_constraints', path, (v, p) => {
    const strings = check.object(v, p);
    check.optional(strings, 'domains', p, (d, dp) => check.arrayOf(d, dp, (s, sp) => check.string(s, sp)));
    check.optional(strings, 'monitoring_config_overrides', p, (o, op) => checkOverrides(check, o, op));
  });
  check.optional(feature, 'monitoringConfigOverrides', path, (v, p) => checkOverrides(check, v, p));
}

function checkModelQualityConstraints(check: FieldChecker, root: JsonObject): ModelQualityConstraints {
  check.field(root, 'version', '', (v, p) => check.number(v, p));
  for (const key of CONSTRAINTS_KEYS) {
    check.optional(root, key, '', (v, p) => {
      const metrics = check.object(v, p);
      for (const [name, metric] of Object.entries(metrics)) {
        const metricPath = fieldPath(p, name);
        const constraint = check.object(metric, metricPath);
        check.field(constraint, 'threshold', metricPath, (n, np) => check.number(n, np));
        check.field(constraint, 'comparison_operator', metricPath, (o, op) => check.oneOf(o, op, COMPARISON_OPERATORS));
      }
    });
  }
  return root as ModelQualityConstraints;
}
