/**
 * What the charts need of one execution's reports, a few numbers per feature and metric, and a bounded
 * cache of them so that a month of hourly executions reopens without reading S3 again. Pure: no vscode.
 */
import type { ExecutionReports } from '../monitoring/backend';
import type { ExecutionSummary, MonitoringType } from '../monitoring/model';
import type { DataQualityStatistics, FeatureStatistics, InferredType, MetricValue } from '../monitoring/formats/statistics';
import { isDataQualityStatistics } from '../monitoring/formats/statistics';
import type { Constraints, DataQualityConstraints } from '../monitoring/formats/constraints';
import { isDataQualityConstraints } from '../monitoring/formats/constraints';
import { mapWithConcurrency } from '../monitoring/concurrency';
import { camelCaseMetricName } from '../monitoring/analysis/modelQuality/checkConstraints';
import { driftDistance, driftSettings, type DriftSettings } from './distributions';

export const FEATURE_STATISTICS = ['mean', 'sum', 'std_dev', 'min', 'max', 'num_missing', 'completeness', 'drift'] as const;
export type FeatureStatistic = (typeof FEATURE_STATISTICS)[number];

/** One feature of one execution; absent numbers are not plotted. */
export interface FeatureDigest {
  name: string;
  values: Partial<Record<FeatureStatistic, number>>;
}

/** Where a monitor runs: absent for the connection's own (SageMaker's on AWS), `thisMachine` for ours beside it. */
export type RunsOn = 'thisMachine';

export interface ExecutionDigest {
  scheduleName: string;
  /** Set for the executions of a monitor that runs on this machine for an AWS endpoint. */
  runsOn?: RunsOn;
  type?: MonitoringType;
  /** Scheduled time, ms since the epoch (UTC). */
  time: number;
  status: string;
  itemCount?: number;
  /** Arrays, not objects keyed by name: a feature may be called `__proto__`. */
  features: FeatureDigest[];
  metrics: { name: string; value: number }[];
  /** The names (feature or metric, snake_case for metrics) with a violation, and their checks. */
  violations: { name: string; check: string }[];
}

/** What a schedule's baseline gives the charts: thresholds and the baseline's own values. */
export interface ScheduleBaseline {
  scheduleName: string;
  type?: MonitoringType;
  drift?: { numerical: number; categorical: number; method: string; categoricalMethod: string };
  /**
   * Per feature: the constraint's completeness, the baseline statistics' values, and the baseline's type
   * (a `String` feature's drift is held to the categorical threshold).
   */
  features: { name: string; completeness?: number; inferredType?: InferredType; values: Partial<Record<FeatureStatistic, number>> }[];
  metrics: { name: string; threshold: number; operator: string }[];
}

function featureValues(f: FeatureStatistics): Partial<Record<FeatureStatistic, number>> {
  const num = f.numerical_statistics;
  const common = num?.common ?? f.string_statistics?.common;
  const values: Partial<Record<FeatureStatistic, number>> = {};
  if (num) Object.assign(values, { mean: num.mean, sum: num.sum, std_dev: num.std_dev, min: num.min, max: num.max });
  if (common) {
    values.num_missing = common.num_missing;
    const total = common.num_present + common.num_missing;
    if (total > 0) values.completeness = common.num_present / total;
  }
  for (const [k, v] of Object.entries(values)) if (typeof v !== 'number' || !Number.isFinite(v)) delete values[k as FeatureStatistic];
  return values;
}

/** The digest of one execution's reports; `baseline` (statistics and constraints) gives the drift distances. */
export function digestExecution(
  execution: ExecutionSummary,
  reports: ExecutionReports,
  baseline: { statistics?: DataQualityStatistics; settings?: DriftSettings } = {},
): ExecutionDigest {
  const s = reports.statistics;
  const features: FeatureDigest[] = [];
  const metrics: { name: string; value: number }[] = [];
  if (s && isDataQualityStatistics(s)) {
    const baselineByName = new Map((baseline.statistics?.features ?? []).map((f) => [f.name, f]));
    const settings = baseline.settings ?? driftSettings(reports.constraints && isDataQualityConstraints(reports.constraints) ? reports.constraints.monitoring_config?.distribution_constraints : undefined);
    for (const f of s.features) {
      const values = featureValues(f);
      const drift = driftDistance(baselineByName.get(f.name), f, settings);
      if (drift && Number.isFinite(drift.distance)) values.drift = drift.distance;
      features.push({ name: f.name, values });
    }
  } else if (s) {
    const all = s.regression_metrics ?? s.binary_classification_metrics ?? s.multiclass_classification_metrics ?? {};
    for (const [name, m] of Object.entries(all)) {
      const v = (m as Partial<MetricValue>).value;
      if (typeof v === 'number' && Number.isFinite(v)) metrics.push({ name, value: v });
    }
  }
  // Model-quality violations name metrics in camelCase; charts use the statistics' snake_case names.
  const snake = new Map(metrics.map((m) => [camelCaseMetricName(m.name), m.name]));
  return {
    scheduleName: execution.scheduleName,
    ...(execution.type ? { type: execution.type } : {}),
    time: execution.scheduledTime.getTime(),
    status: execution.status,
    ...(s?.dataset?.item_count !== undefined ? { itemCount: s.dataset.item_count } : {}),
    features,
    metrics,
    violations: (reports.violations?.violations ?? []).map((v) => {
      const name = v.feature_name ?? v.metric_name ?? '';
      return { name: snake.get(name) ?? name, check: v.constraint_check_type };
    }),
  };
}

export function scheduleBaseline(scheduleName: string, type: MonitoringType | undefined, statistics: DataQualityStatistics | undefined, constraints: Constraints | undefined): ScheduleBaseline {
  const dq: DataQualityConstraints | undefined = constraints && isDataQualityConstraints(constraints) ? constraints : undefined;
  const settings = driftSettings(dq?.monitoring_config?.distribution_constraints);
  const completeness = new Map((dq?.features ?? []).map((f) => [f.name, f.completeness]));
  const constraintTypes = new Map((dq?.features ?? []).map((f) => [f.name, f.inferred_type]));
  const names = [...new Set([...(statistics?.features ?? []).map((f) => f.name), ...(dq?.features ?? []).map((f) => f.name)])];
  const stats = new Map((statistics?.features ?? []).map((f) => [f.name, f]));
  const mqLimits = constraints && !isDataQualityConstraints(constraints) ? (constraints.regression_constraints ?? constraints.binary_classification_constraints ?? constraints.multiclass_classification_constraints ?? {}) : {};
  return {
    scheduleName,
    ...(type ? { type } : {}),
    ...(type === 'DataQuality' || dq ? { drift: { numerical: settings.numericalThreshold, categorical: settings.categoricalThreshold, method: settings.method, categoricalMethod: settings.categoricalMethod } } : {}),
    features: names.map((name) => {
      const c = completeness.get(name);
      const f = stats.get(name);
      // The drift check compares by the baseline statistics' type; the constraints' type when there are none.
      const inferredType = f?.inferred_type ?? constraintTypes.get(name);
      return { name, ...(typeof c === 'number' ? { completeness: c } : {}), ...(inferredType ? { inferredType } : {}), values: f ? featureValues(f) : {} };
    }),
    metrics: Object.entries(mqLimits).map(([name, l]) => ({ name, threshold: l.threshold, operator: l.comparison_operator })),
  };
}

/** Completed executions do not change; one whose status or modification time moved is read again. */
export function digestKey(backendId: string, e: ExecutionSummary): string {
  return `${backendId}\n${e.scheduleName}\n${e.scheduledTime.getTime()}\n${e.status}\n${e.lastModifiedTime.getTime()}`;
}

/** A least-recently-used map of digests with a fixed number of entries. */
export class DigestCache {
  private readonly entries = new Map<string, ExecutionDigest>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 20_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): ExecutionDigest | undefined {
    const d = this.entries.get(key);
    if (d) {
      this.entries.delete(key);
      this.entries.set(key, d);
    }
    return d;
  }

  set(key: string, digest: ExecutionDigest): void {
    this.entries.delete(key);
    this.entries.set(key, digest);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /**
   * The digests of `executions`, reading at most `concurrency` reports at a time for those not cached.
   * Executions without reports (failed, in progress) still get a digest, with no numbers.
   */
  async digests(
    backendId: string,
    executions: readonly ExecutionSummary[],
    read: (e: ExecutionSummary) => Promise<ExecutionReports>,
    digest: (e: ExecutionSummary, reports: ExecutionReports) => ExecutionDigest,
    concurrency = 8,
  ): Promise<{ digests: ExecutionDigest[]; errors: string[] }> {
    const errors: string[] = [];
    const digests = await mapWithConcurrency(executions, concurrency, async (e) => {
      const key = digestKey(backendId, e);
      const cached = this.get(key);
      if (cached) {
        this.hits++;
        return cached;
      }
      this.misses++;
      const empty: ExecutionReports = { reportUri: '' };
      let reports = empty;
      if (e.status === 'Completed' || e.status === 'CompletedWithViolations') {
        try {
          reports = await read(e);
        } catch (error) {
          errors.push(`${e.scheduleName} ${e.scheduledTime.toISOString()}: ${error instanceof Error ? error.message : String(error)}`);
          return digest(e, empty);
        }
      }
      const d = digest(e, reports);
      // Only finished executions are final; the others are read again next time.
      if (reports !== empty || e.status === 'Failed' || e.status === 'Stopped') this.set(key, d);
      return d;
    });
    return { digests, errors };
  }
}
