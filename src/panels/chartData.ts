/**
 * Chart series from execution digests: which points a chart shows for its time range, statistic and
 * features (or model-quality metrics), its threshold line, which points had violations, the drift
 * overview's cells, and the CSV of a chart. Pure: shared by the charts webview and the unit tests.
 */
import { FEATURE_STATISTICS, type ExecutionDigest, type FeatureStatistic, type RunsOn, type ScheduleBaseline } from './executionDigest';

export type RangeSpec = { kind: 'day' | 'week' | 'month' | 'all' } | { kind: 'custom'; from: string; to: string };
export const RANGE_KINDS = ['day', 'week', 'month', 'all', 'custom'] as const;

export interface ChartSpec {
  id: string;
  range: RangeSpec;
  source: 'feature' | 'metric';
  /** For `feature` charts. */
  statistic: FeatureStatistic;
  /** Features, or metrics. */
  names: string[];
}

export interface ChartPoint {
  x: number;
  y: number;
  violated: boolean;
  scheduleName: string;
  /** The execution's monitor runs on this machine (for opening its report). */
  runsOn?: RunsOn;
}

/** Which monitors a series charts when an AWS endpoint has both kinds: SageMaker's, or ours on this machine. */
export type Placement = 'managed' | 'thisMachine';
export const PLACEMENT_LABELS: Record<Placement, string> = { managed: 'SageMaker', thisMachine: 'this machine' };

export interface ChartSeries {
  label: string;
  points: ChartPoint[];
  /** Set when the endpoint has monitors on this machine: then every series says whose executions it holds. */
  placement?: Placement;
}

export interface ShapedChart {
  title: string;
  yLabel: string;
  series: ChartSeries[];
  /** Lines to draw: thresholds (from the constraints) and the baseline's own value. */
  lines: { value: number; label: string; kind: 'threshold' | 'baseline' }[];
  /** The x range shown, ms. */
  from?: number;
  to?: number;
}

export interface ChartsData {
  endpointName: string;
  baselines: ScheduleBaseline[];
  executions: ExecutionDigest[];
}

const HOUR = 3_600_000;
const SPANS: Record<'day' | 'week' | 'month', number> = { day: 24 * HOUR, week: 7 * 24 * HOUR, month: 30 * 24 * HOUR };

export const STATISTIC_LABELS: Record<FeatureStatistic, string> = {
  mean: 'Mean',
  sum: 'Sum',
  std_dev: 'Standard deviation',
  min: 'Minimum',
  max: 'Maximum',
  num_missing: 'Missing values',
  completeness: 'Completeness',
  drift: 'Baseline drift distance',
};

/** [from, to) in ms of a range, relative to `now`; undefined bounds are open. */
export function rangeBounds(range: RangeSpec, now: number): { from?: number; to?: number } {
  if (range.kind === 'all') return {};
  if (range.kind === 'custom') {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    return { ...(Number.isNaN(from) ? {} : { from }), ...(Number.isNaN(to) ? {} : { to }) };
  }
  return { from: now - SPANS[range.kind], to: now };
}

function inRange(t: number, b: { from?: number; to?: number }): boolean {
  return (b.from === undefined || t >= b.from) && (b.to === undefined || t <= b.to);
}

/** The features and metrics the data has, for the pickers; features of data-quality runs only. */
export function availableNames(data: ChartsData): { features: string[]; metrics: string[] } {
  const features = new Set<string>();
  const metrics = new Set<string>();
  for (const e of data.executions) {
    for (const f of e.features) features.add(f.name);
    for (const m of e.metrics) metrics.add(m.name);
  }
  for (const b of data.baselines) {
    for (const f of b.features) features.add(f.name);
    for (const m of b.metrics) metrics.add(m.name);
  }
  return { features: [...features], metrics: [...metrics] };
}

const violationChecks: Partial<Record<FeatureStatistic, string[]>> = {
  drift: ['baseline_drift_check'],
  completeness: ['completeness_check'],
  num_missing: ['completeness_check'],
};

/**
 * The drift threshold of one feature: SageMaker holds a `String` feature (by the baseline's type) to
 * `categorical_comparison_threshold` and every other feature to `comparison_threshold`.
 */
export function driftThreshold(baseline: ScheduleBaseline, feature: string): { value: number; label: string; categorical: boolean } | undefined {
  const d = baseline.drift;
  if (!d) return undefined;
  const type = baseline.features.find((f) => f.name === feature)?.inferredType;
  if (type === 'String') return { value: d.categorical, label: `categorical threshold ${d.categorical} (${d.categoricalMethod}, ${d.method})`, categorical: true };
  return { value: d.numerical, label: `threshold ${d.numerical} (${d.method})`, categorical: false };
}

const placementOf = (e: ExecutionDigest): Placement => (e.runsOn === 'thisMachine' ? 'thisMachine' : 'managed');

/**
 * The placements charted apart, in a stable order: none when every execution is the connection's own
 * (nothing to tell apart), else those the data holds. Taken over all executions, not the range, so a
 * series keeps its label when the range changes.
 */
export function chartedPlacements(data: ChartsData): Placement[] {
  if (!data.executions.some((e) => e.runsOn === 'thisMachine')) return [];
  return data.executions.some((e) => e.runsOn === undefined) ? ['managed', 'thisMachine'] : ['thisMachine'];
}

/** A feature's or metric's label, marked with its placement when the endpoint has monitors on this machine. */
export function placedLabel(name: string, placement: Placement | undefined): string {
  return placement ? `${name} · ${PLACEMENT_LABELS[placement]}` : name;
}

/** One series per placement charted apart (or one for all executions), each with the executions it plots. */
function seriesGroups(data: ChartsData, executions: ExecutionDigest[]): { placement?: Placement; executions: ExecutionDigest[] }[] {
  const placements = chartedPlacements(data);
  if (placements.length === 0) return [{ executions }];
  return placements.map((placement) => ({ placement, executions: executions.filter((e) => placementOf(e) === placement) }));
}

const pointOf = (e: ExecutionDigest, y: number, violated: boolean): ChartPoint => ({ x: e.time, y, violated, scheduleName: e.scheduleName, ...(e.runsOn ? { runsOn: e.runsOn } : {}) });

/** The points, threshold lines and labels of one chart. */
export function shapeChart(spec: ChartSpec, data: ChartsData, now: number): ShapedChart {
  const bounds = rangeBounds(spec.range, now);
  const executions = data.executions.filter((e) => inRange(e.time, bounds)).sort((a, b) => a.time - b.time);
  const groups = seriesGroups(data, executions);
  const series: ChartSeries[] = [];
  const lines: ShapedChart['lines'] = [];
  if (spec.source === 'metric') {
    for (const name of spec.names) {
      for (const group of groups) {
        const points: ChartPoint[] = [];
        for (const e of group.executions) {
          const m = e.metrics.find((x) => x.name === name);
          if (m) points.push(pointOf(e, m.value, e.violations.some((v) => v.name === name)));
        }
        series.push({ label: placedLabel(name, group.placement), points, ...(group.placement ? { placement: group.placement } : {}) });
      }
      for (const b of data.baselines) {
        const limit = b.metrics.find((x) => x.name === name);
        if (limit) lines.push({ value: limit.threshold, label: `${name} threshold (${limit.operator})`, kind: 'threshold' });
      }
    }
    return { title: `Model quality: ${spec.names.join(', ') || 'no metric chosen'}`, yLabel: spec.names.length === 1 ? spec.names[0] : 'Metric value', series, lines, ...bounds };
  }
  const checks = violationChecks[spec.statistic];
  for (const name of spec.names) {
    for (const group of groups) {
      const points: ChartPoint[] = [];
      for (const e of group.executions) {
        const f = e.features.find((x) => x.name === name);
        const y = f?.values[spec.statistic];
        if (y === undefined) continue;
        const violated = e.violations.some((v) => v.name === name && (checks ? checks.includes(v.check) : true));
        points.push(pointOf(e, y, violated));
      }
      series.push({ label: placedLabel(name, group.placement), points, ...(group.placement ? { placement: group.placement } : {}) });
    }
    for (const b of data.baselines) {
      const bf = b.features.find((x) => x.name === name);
      const drift = spec.statistic === 'drift' ? driftThreshold(b, name) : undefined;
      if (drift) {
        lines.push({ value: drift.value, label: drift.label, kind: 'threshold' });
      } else if (spec.statistic === 'completeness' && bf?.completeness !== undefined) {
        lines.push({ value: bf.completeness, label: `${name}: baseline completeness ${bf.completeness}`, kind: 'threshold' });
      } else if (bf?.values[spec.statistic] !== undefined) {
        lines.push({ value: bf.values[spec.statistic] as number, label: `${name}: baseline`, kind: 'baseline' });
      }
    }
  }
  // One threshold line per value: several features share the drift threshold.
  const unique = lines.filter((l, i) => lines.findIndex((m) => m.value === l.value && m.kind === l.kind && (m.kind === 'threshold' || m.label === l.label)) === i);
  return { title: `${STATISTIC_LABELS[spec.statistic]}: ${spec.names.join(', ') || 'no feature chosen'}`, yLabel: STATISTIC_LABELS[spec.statistic], series, lines: unique, ...bounds };
}

export interface MatrixCell {
  x: number;
  y: string;
  /** Drift distance over threshold: ≥ 1 is drift. */
  ratio: number;
  distance: number;
  threshold: number;
  /** The execution's monitor runs on this machine (for opening its report). */
  runsOn?: RunsOn;
}

/** Features × executions, coloured by drift distance / threshold: when drift arrived, at a glance. */
export function driftMatrix(data: ChartsData, range: RangeSpec, now: number): { features: string[]; times: number[]; cells: MatrixCell[] } {
  const bounds = rangeBounds(range, now);
  const baseline = data.baselines.find((b) => b.drift);
  const thresholdOf = (name: string) => (baseline ? (driftThreshold(baseline, name)?.value ?? 0.1) : 0.1);
  const executions = data.executions.filter((e) => e.features.length && inRange(e.time, bounds)).sort((a, b) => a.time - b.time);
  // With monitors on this machine, each placement has its own row per feature: their runs may share an hour.
  const placed = chartedPlacements(data).length > 0;
  const rowOf = (e: ExecutionDigest, feature: string): string => placedLabel(feature, placed ? placementOf(e) : undefined);
  const features = [...new Set(executions.flatMap((e) => e.features.filter((f) => f.values.drift !== undefined).map((f) => rowOf(e, f.name))))];
  const cells: MatrixCell[] = [];
  for (const e of executions) {
    for (const f of e.features) {
      const d = f.values.drift;
      if (d === undefined) continue;
      const threshold = thresholdOf(f.name);
      cells.push({ x: e.time, y: rowOf(e, f.name), ratio: threshold > 0 ? d / threshold : 0, distance: d, threshold, ...(e.runsOn ? { runsOn: e.runsOn } : {}) });
    }
  }
  return { features, times: executions.map((e) => e.time), cells };
}

const PREFERRED_METRICS = ['rmse', 'f1', 'auc', 'accuracy'];

/** The first charts of an endpoint: drift of the feature that drifted most often, and the metric most often violated. */
export function defaultCharts(data: ChartsData): ChartSpec[] {
  const count = (names: string[], predicate: (name: string) => (e: ExecutionDigest) => boolean) =>
    names.map((n) => ({ n, c: data.executions.filter(predicate(n)).length })).sort((a, b) => b.c - a.c)[0]?.n;
  const { features, metrics } = availableNames(data);
  const specs: ChartSpec[] = [];
  const feature = count(features, (n) => (e) => e.violations.some((v) => v.name === n && v.check === 'baseline_drift_check'));
  if (feature) specs.push({ id: 'chart-1', range: { kind: 'all' }, source: 'feature', statistic: 'drift', names: [feature] });
  const withThreshold = metrics.filter((m) => data.baselines.some((b) => b.metrics.some((x) => x.name === m)));
  const pool = withThreshold.length ? withThreshold : metrics;
  // The metric people read first for the problem type, when it has a threshold; else the one violated most often.
  const metric = PREFERRED_METRICS.find((m) => pool.includes(m)) ?? count(pool, (n) => (e) => e.violations.some((v) => v.name === n));
  if (metric) specs.push({ id: 'chart-2', range: { kind: 'all' }, source: 'metric', statistic: 'mean', names: [metric] });
  return specs;
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The chart's series as CSV: one row per point, full digits, UTC times. */
export function chartCsv(chart: ShapedChart, statistic: string): string {
  const rows = ['time_utc,series,statistic,value,violated,schedule'];
  for (const s of chart.series) {
    for (const p of s.points) rows.push([new Date(p.x).toISOString(), csvField(s.label), csvField(statistic), String(p.y), String(p.violated), csvField(p.scheduleName)].join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function isFeatureStatistic(v: unknown): v is FeatureStatistic {
  return FEATURE_STATISTICS.some((s) => s === v);
}

/** A chart spec from untrusted state or messages; undefined when any part is malformed. */
export function parseChartSpec(v: unknown): ChartSpec | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  const r = s.range as Record<string, unknown> | undefined;
  let range: RangeSpec | undefined;
  if (r && (r.kind === 'day' || r.kind === 'week' || r.kind === 'month' || r.kind === 'all')) range = { kind: r.kind };
  else if (r && r.kind === 'custom' && typeof r.from === 'string' && typeof r.to === 'string' && r.from.length < 40 && r.to.length < 40) range = { kind: 'custom', from: r.from, to: r.to };
  if (!range || typeof s.id !== 'string' || s.id.length > 100 || (s.source !== 'feature' && s.source !== 'metric') || !isFeatureStatistic(s.statistic)) return undefined;
  if (!Array.isArray(s.names) || s.names.length > 50 || !s.names.every((n) => typeof n === 'string')) return undefined;
  return { id: s.id, range, source: s.source, statistic: s.statistic, names: s.names as string[] };
}
