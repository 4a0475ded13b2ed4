/**
 * What the execution report shows, computed from SageMaker's files in the extension host (no vscode
 * import, so it is unit-tested) and sent to the webview as plain data.
 */
import type { ExecutionReports } from '../monitoring/backend';
import type { ExecutionSummary, MonitoringType } from '../monitoring/model';
import type { DataQualityStatistics, FeatureStatistics, MetricValue, ModelQualityStatistics, Statistics } from '../monitoring/formats/statistics';
import { isDataQualityStatistics } from '../monitoring/formats/statistics';
import type { Constraints, ModelQualityConstraints } from '../monitoring/formats/constraints';
import { camelCaseMetricName } from '../monitoring/analysis/modelQuality/checkConstraints';
import { isDataQualityConstraints } from '../monitoring/formats/constraints';

export interface ViolationRow {
  feature: string;
  check: string;
  description: string;
}

export interface FeatureSummary {
  inferredType: string;
  completeness: number;
  numPresent: number;
  numMissing: number;
  mean?: number;
  stdDev?: number;
  min?: number;
  max?: number;
  distinctCount?: number;
}

export interface FeatureRow {
  name: string;
  baseline?: FeatureSummary;
  current?: FeatureSummary;
  violated: boolean;
}

export interface MetricRow {
  name: string;
  value: number;
  standardDeviation?: number;
  threshold?: number;
  operator?: string;
  violated: boolean;
}

export interface ExecutionReportModel {
  scheduleName: string;
  endpointName?: string;
  monitoringType?: MonitoringType;
  scheduledTime: string;
  status: string;
  failureReason?: string;
  reportUri: string;
  itemCount?: number;
  violations: ViolationRow[];
  features: FeatureRow[];
  metrics: MetricRow[];
}

/**
 * `baseline` is what the monitor's job definition points to: the statistics a data-quality run is
 * compared with, and the constraints that hold a model-quality run's thresholds (its report has none).
 */
export function buildExecutionReportModel(
  execution: ExecutionSummary,
  reports: ExecutionReports,
  baseline: { statistics?: Statistics; constraints?: Constraints } = {},
): ExecutionReportModel {
  const violations = (reports.violations?.violations ?? []).map((v) => ({
    feature: v.feature_name ?? v.metric_name ?? '',
    check: v.constraint_check_type,
    description: v.description,
  }));
  const violated = new Set(violations.map((v) => v.feature));
  const current = reports.statistics;
  const constraints = reports.constraints ?? baseline.constraints;
  return {
    scheduleName: execution.scheduleName,
    endpointName: execution.endpointName,
    monitoringType: execution.type,
    scheduledTime: execution.scheduledTime.toISOString(),
    status: execution.status,
    failureReason: execution.failureReason,
    reportUri: reports.reportUri,
    itemCount: current?.dataset?.item_count,
    violations,
    features:
      current && isDataQualityStatistics(current)
        ? featureRows(current, baseline.statistics && isDataQualityStatistics(baseline.statistics) ? baseline.statistics : undefined, violated)
        : [],
    metrics:
      current && !isDataQualityStatistics(current)
        ? metricRows(current, constraints && !isDataQualityConstraints(constraints) ? constraints : undefined, violated)
        : [],
  };
}

function summarize(f: FeatureStatistics): FeatureSummary {
  const num = f.numerical_statistics;
  const str = f.string_statistics;
  const common = num?.common ?? str?.common ?? { num_present: 0, num_missing: 0 };
  const total = common.num_present + common.num_missing;
  return {
    inferredType: f.inferred_type,
    completeness: total === 0 ? 0 : common.num_present / total,
    numPresent: common.num_present,
    numMissing: common.num_missing,
    ...(num ? { mean: num.mean, stdDev: num.std_dev, min: num.min, max: num.max } : {}),
    ...(str ? { distinctCount: str.distinct_count } : {}),
  };
}

function featureRows(current: DataQualityStatistics, baseline: DataQualityStatistics | undefined, violated: Set<string>): FeatureRow[] {
  const baselineByName = new Map((baseline?.features ?? []).map((f) => [f.name, f]));
  const rows: FeatureRow[] = current.features.map((f) => {
    const b = baselineByName.get(f.name);
    return { name: f.name, current: summarize(f), baseline: b ? summarize(b) : undefined, violated: violated.has(f.name) };
  });
  for (const [name, b] of baselineByName) {
    if (!current.features.some((f) => f.name === name)) rows.push({ name, baseline: summarize(b), violated: violated.has(name) });
  }
  return rows;
}

function isMetricValue(v: unknown): v is MetricValue {
  return typeof v === 'object' && v !== null && typeof (v as MetricValue).value === 'number';
}

function metricRows(current: ModelQualityStatistics, constraints: ModelQualityConstraints | undefined, violated: Set<string>): MetricRow[] {
  const metrics = current.regression_metrics ?? current.binary_classification_metrics ?? current.multiclass_classification_metrics ?? {};
  const limits =
    constraints?.regression_constraints ?? constraints?.binary_classification_constraints ?? constraints?.multiclass_classification_constraints ?? {};
  return Object.entries(metrics)
    .filter((entry): entry is [string, MetricValue] => isMetricValue(entry[1]))
    .map(([name, m]) => ({
      name,
      value: m.value,
      ...(typeof m.standard_deviation === 'number' ? { standardDeviation: m.standard_deviation } : {}),
      ...(limits[name] ? { threshold: limits[name].threshold, operator: limits[name].comparison_operator } : {}),
      // Violations name metrics in camelCase (`truePositiveRate`), statistics in snake_case.
      violated: violated.has(name) || violated.has(camelCaseMetricName(name)),
    }));
}
