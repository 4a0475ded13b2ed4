/**
 * What the execution report shows, computed from SageMaker's files in the extension host (no vscode
 * import, so it is unit-tested) and sent to the webview as plain data: a summary line, each violation
 * with our explanation, per feature the baseline beside this window with the overlay of their
 * distributions and the drift distance, our own findings, and model-quality metrics.
 */
import type { ExecutionReports } from '../monitoring/backend';
import type { ExecutionSummary, MonitoringType } from '../monitoring/model';
import type { DataQualityStatistics, FeatureStatistics, MetricValue, ModelQualityStatistics, Statistics } from '../monitoring/formats/statistics';
import { isDataQualityStatistics } from '../monitoring/formats/statistics';
import type { Constraints, DataQualityConstraints, FeatureConstraints, ModelQualityConstraints } from '../monitoring/formats/constraints';
import { camelCaseMetricName } from '../monitoring/analysis/modelQuality/checkConstraints';
import { isDataQualityConstraints } from '../monitoring/formats/constraints';
import {
  checkMeaning,
  explainNumbers,
  failureAdvice,
  likelyCause,
  operatorSymbol,
  parseViolationNumbers,
  rounded,
  roundedPercent,
  type FailureKind,
  type ViolationNumbers,
} from './reportExplanations';
import { distributionOverlay, driftDistance, driftSettings, type DistributionOverlay, type DriftDistance } from './distributions';

export interface ViolationRow extends ViolationNumbers {
  feature: string;
  check: string;
  /** SageMaker's text, verbatim. */
  description: string;
  /** What the check means. */
  meaning: string;
  /** Our reading of the numbers, rounded ("distance 0.225 > threshold 0.1"). */
  explanation?: string;
  /** The likely cause, for the known false positives. */
  likelyCause?: string;
}

export interface FeatureSummary {
  inferredType: string;
  completeness: number;
  numPresent: number;
  numMissing: number;
  mean?: number;
  sum?: number;
  stdDev?: number;
  min?: number;
  max?: number;
  distinctCount?: number;
}

export interface FeatureDrift extends DriftDistance {
  /** `sagemaker`: the distance in a violation's description; `ours`: computed here from the two sketches. */
  source: 'sagemaker' | 'ours';
}

export interface FeatureRow {
  name: string;
  baseline?: FeatureSummary;
  current?: FeatureSummary;
  violated: boolean;
  /** The checks that fired on this feature. */
  checks: string[];
  drift?: FeatureDrift;
  overlay?: DistributionOverlay;
}

/** Something the baseline says that SageMaker's checks do not look at. */
export interface Finding {
  feature: string;
  kind: 'negative' | 'typeChanged' | 'notInCurrent' | 'notInBaseline' | 'nearThreshold';
  text: string;
}

export interface MetricRow {
  name: string;
  value: number;
  standardDeviation?: number;
  threshold?: number;
  operator?: string;
  violated: boolean;
}

export interface ConfusionMatrix {
  /** Actual labels (rows) and predicted labels (columns), in one order. */
  labels: string[];
  counts: number[][];
}

export interface Curve {
  x: number[];
  y: number[];
}

export interface ReportFiles {
  statistics?: string;
  constraints?: string;
  violations?: string;
}

export interface ExecutionReportModel {
  scheduleName: string;
  endpointName?: string;
  monitoringType?: MonitoringType;
  scheduledTime: string;
  /** The window of data analysed, ISO times, when known. */
  analysisWindow?: { start: string; end: string };
  status: string;
  failureReason?: string;
  failureKind?: FailureKind;
  failureAdvice?: string;
  reportUri: string;
  itemCount?: number;
  /** One line, first thing shown: "3 of 9 features violate; drift in Sex (0.225 > 0.1)". */
  summary: string;
  violations: ViolationRow[];
  features: FeatureRow[];
  findings: Finding[];
  metrics: MetricRow[];
  confusionMatrix?: ConfusionMatrix;
  roc?: Curve;
  precisionRecall?: Curve;
  /** The report's files that exist, as URIs the extension can open. */
  files: ReportFiles;
}

export interface BaselineFiles {
  statistics?: Statistics;
  constraints?: Constraints;
}

const STATISTICS_FILE = 'statistics.json';
const CONSTRAINTS_FILE = 'constraints.json';
const VIOLATIONS_FILE = 'constraint_violations.json';

/** A drift distance this close to its threshold (and below it) is worth a look before it fires. */
const NEAR_THRESHOLD = 0.8;

/**
 * `baseline` is what the monitor's job definition points to: the statistics a data-quality run is
 * compared with and its constraints, or the constraints that hold a model-quality run's thresholds.
 */
export function buildExecutionReportModel(
  execution: ExecutionSummary,
  reports: ExecutionReports,
  baseline: BaselineFiles = {},
  analysisWindow?: { start: Date; end: Date },
): ExecutionReportModel {
  const current = reports.statistics;
  const constraints = reports.constraints ?? baseline.constraints;
  const itemCount = current?.dataset?.item_count;
  const dq = current && isDataQualityStatistics(current) ? current : undefined;
  const baselineDq = baseline.statistics && isDataQualityStatistics(baseline.statistics) ? baseline.statistics : undefined;
  const dqConstraints = constraints && isDataQualityConstraints(constraints) ? constraints : undefined;
  const baselineFeatures = new Map((baselineDq?.features ?? []).map((f) => [f.name, f]));
  const currentFeatures = new Map((dq?.features ?? []).map((f) => [f.name, f]));

  const violations: ViolationRow[] = (reports.violations?.violations ?? []).map((v) => {
    const feature = v.feature_name ?? v.metric_name ?? '';
    const check = v.constraint_check_type;
    const numbers = parseViolationNumbers(check, v.description);
    const cause = likelyCause(check, numbers, {
      itemCount,
      baselineType: baselineFeatures.get(feature)?.inferred_type ?? dqConstraints?.features.find((f) => f.name === feature)?.inferred_type,
      currentType: currentFeatures.get(feature)?.inferred_type,
      method: dqConstraints?.monitoring_config?.distribution_constraints?.comparison_method ?? 'Robust',
    });
    const explanation = explainNumbers(check, numbers);
    return {
      feature,
      check,
      description: v.description,
      ...numbers,
      meaning: checkMeaning(check),
      ...(explanation ? { explanation } : {}),
      ...(cause ? { likelyCause: cause } : {}),
    };
  });

  const features = dq ? featureRows(dq, baselineDq, dqConstraints, violations) : [];
  const metrics = current && !isDataQualityStatistics(current) ? metricRows(current, constraints && !isDataQualityConstraints(constraints) ? constraints : undefined, violations) : [];
  const failure = execution.status === 'Failed' ? failureAdvice(execution.failureReason) : undefined;
  const mq = current && !isDataQualityStatistics(current) ? classificationMetrics(current) : undefined;

  const model: ExecutionReportModel = {
    scheduleName: execution.scheduleName,
    endpointName: execution.endpointName,
    monitoringType: execution.type,
    scheduledTime: execution.scheduledTime.toISOString(),
    ...(analysisWindow ? { analysisWindow: { start: analysisWindow.start.toISOString(), end: analysisWindow.end.toISOString() } } : {}),
    status: execution.status,
    failureReason: execution.failureReason,
    ...(failure ? { failureKind: failure.kind, failureAdvice: failure.advice } : {}),
    reportUri: reports.reportUri,
    itemCount,
    summary: '',
    violations,
    features,
    findings: dq ? findings(features, baselineFeatures, currentFeatures, dqConstraints) : [],
    metrics,
    ...mq,
    files: {
      ...(reports.statistics ? { statistics: joinFile(reports.reportUri, STATISTICS_FILE) } : {}),
      ...(reports.constraints ? { constraints: joinFile(reports.reportUri, CONSTRAINTS_FILE) } : {}),
      ...(reports.violations ? { violations: joinFile(reports.reportUri, VIOLATIONS_FILE) } : {}),
    },
  };
  model.summary = summaryLine(model);
  return model;
}

function joinFile(folder: string, file: string): string {
  return `${folder.replace(/\/+$/, '')}/${file}`;
}

/** "3 of 9 features violate; drift in Sex (0.225 > 0.1)", or the metrics' or the failure's equivalent. */
export function summaryLine(model: Pick<ExecutionReportModel, 'status' | 'failureReason' | 'features' | 'metrics' | 'violations' | 'itemCount' | 'monitoringType'>): string {
  if (model.status === 'Failed') return `The execution failed${model.failureReason ? `: ${model.failureReason}` : ''}`;
  if (model.status === 'InProgress' || model.status === 'Pending') return 'The execution has not finished yet.';
  const records = model.itemCount !== undefined ? ` in ${model.itemCount} records` : '';
  if (model.metrics.length) {
    const crossed = model.metrics.filter((m) => m.violated);
    if (!crossed.length) return `All ${model.metrics.length} metrics within their thresholds${records}.`;
    const detail = crossed
      .map((m) => `${m.name} ${rounded(m.value)}${m.threshold !== undefined ? ` ${operatorSymbol(m.operator) ?? 'vs'} ${rounded(m.threshold)}` : ''}`)
      .join(', ');
    return `${crossed.length} of ${model.metrics.length} metrics cross their thresholds${records}: ${detail}`;
  }
  const featureCount = model.features.length;
  const violating = model.features.filter((f) => f.violated).length;
  const columnChecks = model.violations.filter((v) => v.check === 'missing_column_check' || v.check === 'extra_column_check');
  if (!model.violations.length) return featureCount ? `No violations: ${featureCount} features checked${records}.` : 'No violations.';
  const parts = [featureCount ? `${violating} of ${featureCount} features violate` : `${model.violations.length} violations`];
  const drifted = model.features.filter((f) => f.checks.includes('baseline_drift_check'));
  if (drifted.length) {
    parts.push(
      `drift in ${drifted
        .map((f) => (f.drift ? `${f.name} (${rounded(f.drift.distance)} ${f.drift.method.includes('ChiSquared') && f.drift.method.includes('Robust') ? '<' : '>'} ${rounded(f.drift.threshold)})` : f.name))
        .join(', ')}`,
    );
  }
  const incomplete = model.violations.filter((v) => v.check === 'completeness_check');
  if (incomplete.length) parts.push(`${incomplete.length} incomplete`);
  for (const c of columnChecks) parts.push(c.check === 'extra_column_check' ? 'extra columns' : 'missing columns');
  return parts.join('; ');
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
    ...(num ? { mean: num.mean, sum: num.sum, stdDev: num.std_dev, min: num.min, max: num.max } : {}),
    ...(str ? { distinctCount: str.distinct_count } : {}),
  };
}

function featureRows(
  current: DataQualityStatistics,
  baseline: DataQualityStatistics | undefined,
  constraints: DataQualityConstraints | undefined,
  violations: ViolationRow[],
): FeatureRow[] {
  const baselineByName = new Map((baseline?.features ?? []).map((f) => [f.name, f]));
  const settings = driftSettings(constraints?.monitoring_config?.distribution_constraints);
  const checksOf = (name: string) => violations.filter((v) => v.feature === name).map((v) => v.check);
  const row = (name: string, b: FeatureStatistics | undefined, c: FeatureStatistics | undefined): FeatureRow => {
    const checks = checksOf(name);
    const reported = violations.find((v) => v.feature === name && v.check === 'baseline_drift_check');
    const ours = settings.compare || reported ? driftDistance(b, c, settings) : undefined;
    let drift: FeatureDrift | undefined;
    if (reported?.observed !== undefined && reported.threshold !== undefined) {
      drift = { distance: reported.observed, threshold: reported.threshold, method: ours?.method ?? `LInfinity, ${settings.method}`, exceeded: true, source: 'sagemaker' };
    } else if (ours) {
      drift = { ...ours, source: 'ours' };
    }
    const overlay = distributionOverlay(b, c);
    return {
      name,
      ...(b ? { baseline: summarize(b) } : {}),
      ...(c ? { current: summarize(c) } : {}),
      violated: checks.length > 0,
      checks,
      ...(drift ? { drift } : {}),
      ...(overlay ? { overlay } : {}),
    };
  };
  const rows = current.features.map((f) => row(f.name, baselineByName.get(f.name), f));
  const currentNames = new Set(current.features.map((f) => f.name));
  for (const [name, b] of baselineByName) if (!currentNames.has(name)) rows.push(row(name, b, undefined));
  return rows;
}

function findings(
  features: FeatureRow[],
  baseline: Map<string, FeatureStatistics>,
  current: Map<string, FeatureStatistics>,
  constraints: DataQualityConstraints | undefined,
): Finding[] {
  const out: Finding[] = [];
  const constraintOf = new Map<string, FeatureConstraints>((constraints?.features ?? []).map((f) => [f.name, f]));
  for (const f of features) {
    const c = current.get(f.name);
    const b = baseline.get(f.name);
    const rule = constraintOf.get(f.name);
    const min = c?.numerical_statistics?.min;
    if (rule?.num_constraints?.is_non_negative === true && min !== undefined && min < 0) {
      out.push({ feature: f.name, kind: 'negative', text: `Minimum ${rounded(min)} is below zero, and the constraints say is_non_negative: true. SageMaker does not check this.` });
    }
    const baselineType = b?.inferred_type ?? rule?.inferred_type;
    if (c && baselineType && c.inferred_type !== baselineType && !f.checks.includes('data_type_check')) {
      out.push({ feature: f.name, kind: 'typeChanged', text: `Inferred type changed from the baseline's ${baselineType} to ${c.inferred_type}.` });
    }
    if (!c && b) out.push({ feature: f.name, kind: 'notInCurrent', text: 'In the baseline but not in this window\'s statistics.' });
    if (c && !b && baseline.size) out.push({ feature: f.name, kind: 'notInBaseline', text: 'In this window but not in the baseline statistics.' });
    if (f.drift && !f.drift.exceeded && f.drift.source === 'ours' && f.drift.distance >= NEAR_THRESHOLD * f.drift.threshold && !f.drift.method.includes('ChiSquared')) {
      out.push({
        feature: f.name,
        kind: 'nearThreshold',
        text: `Drift distance ${rounded(f.drift.distance)} is ${roundedPercent(f.drift.distance / f.drift.threshold)} of its threshold ${rounded(f.drift.threshold)}.`,
      });
    }
  }
  return out;
}

function isMetricValue(v: unknown): v is MetricValue {
  return typeof v === 'object' && v !== null && typeof (v as MetricValue).value === 'number';
}

function metricsOf(current: ModelQualityStatistics): Record<string, unknown> {
  return current.regression_metrics ?? current.binary_classification_metrics ?? current.multiclass_classification_metrics ?? {};
}

function metricRows(current: ModelQualityStatistics, constraints: ModelQualityConstraints | undefined, violations: ViolationRow[]): MetricRow[] {
  const violated = new Set(violations.map((v) => v.feature));
  const limits =
    constraints?.regression_constraints ?? constraints?.binary_classification_constraints ?? constraints?.multiclass_classification_constraints ?? {};
  return Object.entries(metricsOf(current))
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

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

function curve(value: unknown, xKey: string, yKey: string): Curve | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const x = r[xKey];
  const y = r[yKey];
  return isNumberArray(x) && isNumberArray(y) && x.length === y.length && x.length > 0 ? { x, y } : undefined;
}

/** The confusion matrix and curves of a classification report, where the statistics have them. */
function classificationMetrics(current: ModelQualityStatistics): Pick<ExecutionReportModel, 'confusionMatrix' | 'roc' | 'precisionRecall'> {
  const metrics = metricsOf(current);
  const out: Pick<ExecutionReportModel, 'confusionMatrix' | 'roc' | 'precisionRecall'> = {};
  const matrix = metrics.confusion_matrix;
  if (typeof matrix === 'object' && matrix !== null) {
    const rows = matrix as Record<string, Record<string, number>>;
    const labels = [...new Set(Object.entries(rows).flatMap(([actual, row]) => [actual, ...Object.keys(row ?? {})]))].sort();
    out.confusionMatrix = { labels, counts: labels.map((a) => labels.map((p) => (typeof rows[a]?.[p] === 'number' ? rows[a][p] : 0))) };
  }
  const roc = curve(metrics.receiver_operating_characteristic_curve, 'false_positive_rates', 'true_positive_rates');
  if (roc) out.roc = roc;
  const pr = curve(metrics.precision_recall_curve, 'recalls', 'precisions');
  if (pr) out.precisionRecall = pr;
  return out;
}
