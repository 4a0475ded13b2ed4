/**
 * The data-quality analyzer's public API: a baseline suggestion (statistics + constraints) and a
 * monitoring run (statistics + violations against a baseline), both equal to what SageMaker's
 * `sagemaker-model-monitor-analyzer` writes for the same input; plus `toSageMakerJson`, which prints
 * those documents the way the analyzer's JVM does.
 */
import { MonitoringError } from '../errors';
import type { DataQualityConstraints } from '../formats/constraints';
import type { DataQualityStatistics } from '../formats/statistics';
import type { ConstraintViolations } from '../formats/violations';
import { checkDataQuality } from './dataQualityChecks';
import { buildStatistics, type OutputShape } from './dataQualityStatistics';
import { planDataset, type DatasetInput } from './datasetSources';
import { defaultColumnName } from './csvRows';
import type { ColumnProfile, DatasetProfile } from './featureProfile';
import { javaDoubleToString } from './javaNumber';
import { profileDataset } from './parallel';
import { suggestConstraints } from './suggestConstraints';

export type { DatasetInput } from './datasetSources';

export interface AnalysisOptions {
  /** Worker threads to use; default one per core (at most one per partition); 1 = this thread only. */
  workers?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
  /** Written into suggested constraints (the job's `categorical_drift_method`). */
  categoricalDriftMethod?: 'LInfinity' | 'ChiSquared';
  /**
   * Which analyzer generation to imitate: 'current' (default; statistics carry `completeness` and
   * `approximate_num_distinct_values`, constraints the categorical drift settings) or 'legacy'
   * (containers up to 2022, without those fields).
   */
  outputShape?: OutputShape;
}

export interface DataQualityBaseline {
  statistics: DataQualityStatistics;
  constraints: DataQualityConstraints;
}

export async function suggestDataQualityBaseline(input: DatasetInput, options: AnalysisOptions = {}): Promise<DataQualityBaseline> {
  const plan = planDataset(input);
  const profile = await profileDataset(plan, [], options);
  requireRows(profile, plan.description);
  const { names, columns } = columnsInOrder(profile, plan.columnNames, []);
  const statistics = buildStatistics({ rowCount: profile.rowCount, columns }, names, options.outputShape);
  const constraints = suggestConstraints(statistics, { categoricalDriftMethod: options.categoricalDriftMethod, shape: options.outputShape });
  return { statistics, constraints };
}

export async function runDataQualityMonitoring(
  input: DatasetInput,
  baseline: DataQualityBaseline,
  options: AnalysisOptions = {},
): Promise<{ statistics: DataQualityStatistics; violations: ConstraintViolations; constraints: DataQualityConstraints }> {
  const plan = planDataset(input);
  const baselineNames = baseline.constraints.features.map((feature) => feature.name);
  // Positional inputs can count known values while streaming; keyed (JSON Lines) ones use the value counts.
  const knownValues = plan.settings.kind === 'jsonl' ? [] : baseline.constraints.features.map((feature) => feature.string_constraints?.domains ?? null);
  const profile = await profileDataset(plan, knownValues, options);
  requireRows(profile, plan.description);
  const { names, columns } = columnsInOrder(profile, plan.columnNames, baselineNames);
  const statistics = buildStatistics({ rowCount: profile.rowCount, columns }, names, options.outputShape);
  const violations = checkDataQuality({ rowCount: profile.rowCount, columnCount: names.length, columns }, baseline);
  return { statistics, violations, constraints: baseline.constraints };
}

function requireRows(profile: DatasetProfile, description: string): void {
  if (profile.rowCount === 0) {
    throw new MonitoringError('BadData', `Job inputs had no data: ${description} holds no records to analyse.`, { resource: description });
  }
}

/**
 * Columns in output order with their names. Keyed (JSON) columns are ordered by name, as Spark
 * orders inferred JSON fields. In a monitoring run columns take the baseline's names by position;
 * columns beyond the baseline keep their own name (or `_cN`).
 */
function columnsInOrder(
  profile: DatasetProfile,
  ownNames: string[] | null,
  baselineNames: string[],
): { names: string[]; columns: (ColumnProfile | undefined)[] } {
  let names: string[];
  let columns: (ColumnProfile | undefined)[];
  if (profile.names !== null) {
    const order = profile.names.map((name, index) => ({ name, index })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    names = order.map((entry) => entry.name);
    columns = order.map((entry) => profile.columns[entry.index]);
  } else {
    const width = Math.max(profile.columns.length, ownNames?.length ?? 0);
    names = Array.from({ length: width }, (_, index) => ownNames?.[index] ?? defaultColumnName(index));
    columns = Array.from({ length: width }, (_, index) => profile.columns[index]);
  }
  names = names.map((name, index) => baselineNames[index] ?? name);
  return { names, columns };
}

// ---------------------------------------------------------------------------------------------------
// Serialisation

/**
 * Fields SageMaker writes as JSON integers (Java longs). Every other number is a Java double and is
 * printed with `Double.toString` (`24000.0`, `0.1`, `1.0E-5`), so a Python or Java reader sees the
 * same float/int types as in SageMaker's own files. A categorical bucket's `count` is a long; a KLL
 * bucket's `count` is a double.
 */
const LONG_FIELDS = new Set(['item_count', 'num_present', 'num_missing', 'approximate_num_distinct_values']);

/**
 * Prints a statistics, constraints or violations document exactly as the analyzer does (Jackson's
 * default pretty printer: two-space indents, `" : "`, arrays inline as `[ a, b ]`, doubles via Java's
 * `Double.toString`).
 */
export function toSageMakerJson(document: DataQualityStatistics | DataQualityConstraints | ConstraintViolations): string {
  return writeValue(document, 1, null, null, new Map());
}

function writeValue(value: unknown, level: number, key: string | null, parent: Record<string, unknown> | null, doubles: Map<number, string>): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    const isLong = key !== null && (LONG_FIELDS.has(key) || (key === 'count' && parent !== null && 'value' in parent));
    if (isLong && Number.isInteger(value)) return String(value);
    // Java's digit generation is costly and sketches repeat values: remember each double's text.
    let text = doubles.get(value);
    if (text === undefined || (value === 0 && Object.is(value, -0))) {
      text = javaDoubleToString(value);
      if (value !== 0) doubles.set(value, text);
    }
    return text;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((item) => writeValue(item, level, key, parent, doubles)).join(', ')} ]`;
  }
  if (ArrayBuffer.isView(value)) return writeValue(Array.from(value as unknown as ArrayLike<number>), level, key, parent, doubles);
  const record = value as Record<string, unknown>;
  const entries = Object.entries(record).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  const indent = '  '.repeat(level);
  const closing = '  '.repeat(level - 1);
  const fields = entries.map(([name, v]) => `${indent}${JSON.stringify(name)} : ${writeValue(v, level + 1, name, record, doubles)}`);
  return `{\n${fields.join(',\n')}\n${closing}}`;
}
