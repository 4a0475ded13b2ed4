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
import { noRecordsMessage, planDataset, type DatasetInput } from './datasetSources';
import { defaultColumnName } from './csvRows';
import type { ColumnProfile, DatasetProfile } from './featureProfile';
import { serializeStatistics } from '../formats/statistics';
import { serializeConstraints } from '../formats/constraints';
import { serializeViolations } from '../formats/violations';
import { emptyProfile, profileDataset } from './parallel';
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
  requireRows(profile, input, plan.description);
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
  requireRows(profile, input, plan.description);
  const { names, columns } = columnsInOrder(profile, plan.columnNames, baselineNames);
  const statistics = buildStatistics({ rowCount: profile.rowCount, columns }, names, options.outputShape);
  const violations = checkDataQuality({ rowCount: profile.rowCount, columnCount: names.length, columns }, baseline);
  return { statistics, violations, constraints: baseline.constraints };
}

/** Capture files that arrive a batch at a time (an hour of S3 capture, spooled), in S3 key order. */
export interface CaptureBatches {
  batches: AsyncIterable<string[]>;
  start?: Date;
  end?: Date;
  /** All batches' bytes together, for progress. */
  totalBytes: number;
  /** How the input is named in messages (e.g. its S3 prefix). */
  description: string;
}

/**
 * A monitoring run over capture read batch by batch: every batch's partitions merge into one profile in
 * input order, so the result equals `runDataQualityMonitoring` over all the files at once.
 */
export async function runDataQualityMonitoringInBatches(
  input: CaptureBatches,
  baseline: DataQualityBaseline,
  options: AnalysisOptions = {},
): Promise<{ statistics: DataQualityStatistics; violations: ConstraintViolations; constraints: DataQualityConstraints }> {
  const baselineNames = baseline.constraints.features.map((feature) => feature.name);
  const knownValues = baseline.constraints.features.map((feature) => feature.string_constraints?.domains ?? null);
  const profile = emptyProfile(false, knownValues);
  let done = 0;
  for await (const paths of input.batches) {
    const plan = planDataset({ kind: 'capture', paths, start: input.start, end: input.end });
    const before = done;
    await profileDataset(plan, knownValues, { ...options, onProgress: (read) => options.onProgress?.(before + read, input.totalBytes) }, profile);
    done += plan.totalBytes;
  }
  requireRows(profile, { kind: 'capture', paths: [] }, input.description);
  const { names, columns } = columnsInOrder(profile, null, baselineNames);
  const statistics = buildStatistics({ rowCount: profile.rowCount, columns }, names, options.outputShape);
  const violations = checkDataQuality({ rowCount: profile.rowCount, columnCount: names.length, columns }, baseline);
  return { statistics, violations, constraints: baseline.constraints };
}

function requireRows(profile: DatasetProfile, input: DatasetInput, description: string): void {
  if (profile.rowCount === 0) {
    throw new MonitoringError('BadData', noRecordsMessage(input, description), { resource: description });
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

/** Prints a statistics, constraints or violations document exactly as the analyzer writes it. */
export function toSageMakerJson(document: DataQualityStatistics | DataQualityConstraints | ConstraintViolations): string {
  if ('violations' in document) return serializeViolations(document as ConstraintViolations);
  return 'dataset' in document ? serializeStatistics(document as DataQualityStatistics) : serializeConstraints(document as DataQualityConstraints);
}
