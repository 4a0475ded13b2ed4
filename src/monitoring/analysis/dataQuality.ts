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
import { noRecordsMessage, planDataset, type DatasetInput, type DatasetPlan } from './datasetSources';
import { profilePreprocessed, profileThrough } from './preprocessedCaptures';
import { RecordPreprocessor } from './pythonScripts';
import { defaultColumnName } from './csvRows';
import { DatasetProfile, type ColumnProfile } from './featureProfile';
import { serializeStatistics } from '../formats/statistics';
import { serializeConstraints } from '../formats/constraints';
import { serializeViolations } from '../formats/violations';
import { emptyProfile, profileDataset } from './parallel';
import { suggestConstraints } from './suggestConstraints';

export type { DatasetInput } from './datasetSources';

export interface AnalysisOptions {
  /** Worker threads to use; default one per core from 192 MB of input (at most one per partition); 1 = this thread only. */
  workers?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
  /** Written into suggested constraints (the job's `categorical_drift_method`). */
  categoricalDriftMethod?: 'LInfinity' | 'ChiSquared';
  /**
   * Which analyzer generation to imitate: 'current' (default; statistics carry `completeness` and
   * `approximate_num_distinct_values`) or 'legacy'
   * (containers up to 2022, without those fields).
   */
  outputShape?: OutputShape;
  /** A record preprocessor script (SageMaker's `record_preprocessor_script`); captured input only. */
  recordPreprocessorScript?: string;
  /** The Python interpreter for scripts (default: MODEL_MONITOR_PYTHON, else python3 on PATH). */
  python?: string;
  /** What the scripts print. */
  onScriptLog?: (text: string) => void;
}

export interface DataQualityBaseline {
  statistics: DataQualityStatistics;
  constraints: DataQualityConstraints;
}

export async function suggestDataQualityBaseline(input: DatasetInput, options: AnalysisOptions = {}): Promise<DataQualityBaseline> {
  const plan = planDataset(input);
  const profile = await profileOf(plan, [], options);
  return baselineFromProfile({ profile, columnNames: plan.columnNames, description: plan.description, input }, options);
}

export type MonitoringResult = { statistics: DataQualityStatistics; violations: ConstraintViolations; constraints: DataQualityConstraints };

export async function runDataQualityMonitoring(input: DatasetInput, baseline: DataQualityBaseline, options: AnalysisOptions = {}): Promise<MonitoringResult> {
  const plan = planDataset(input);
  const profile = await profileOf(plan, knownValuesFor(plan.settings.kind, baseline.constraints), options);
  return monitoringFromProfile({ profile, columnNames: plan.columnNames, description: plan.description, input }, baseline, options);
}

/** The plan's profile, read through the record preprocessor when there is one. */
async function profileOf(plan: DatasetPlan, knownValues: (string[] | null)[], options: AnalysisOptions): Promise<DatasetProfile> {
  const script = options.recordPreprocessorScript;
  if (script === undefined) return profileDataset(plan, knownValues, options);
  if (plan.settings.kind !== 'capture') {
    throw new MonitoringError('Validation', `A record preprocessor script reads captured records; ${plan.description} is a plain dataset.`, { resource: script });
  }
  // Preprocessed rows are keyed by the script's keys, so known values come from the value counts.
  return profilePreprocessed(plan, script, { python: options.python, onLog: options.onScriptLog, onProgress: options.onProgress, signal: options.signal });
}

/** A dataset's merged profile with what the documents need besides it (also what merged profile parts give). */
export interface ProfiledDataset {
  profile: DatasetProfile;
  /** CSV column names (header, or `_c0…`); null for keyed and capture data. */
  columnNames: string[] | null;
  /** How the input is named in messages. */
  description: string;
  /** The input itself, when there was one (not merged parts): it explains an empty result. */
  input?: DatasetInput;
}

/**
 * The baseline's domains by column position, counted while streaming positional inputs; keyed (JSON
 * Lines) inputs use the value counts instead.
 */
export function knownValuesFor(kind: DatasetInput['kind'], constraints: DataQualityConstraints): (string[] | null)[] {
  return kind === 'jsonl' ? [] : constraints.features.map((feature) => feature.string_constraints?.domains ?? null);
}

export function baselineFromProfile(dataset: ProfiledDataset, options: Pick<AnalysisOptions, 'categoricalDriftMethod' | 'outputShape'> = {}): DataQualityBaseline {
  const { profile } = dataset;
  requireRows(profile, dataset);
  const { names, columns } = columnsInOrder(profile, dataset.columnNames, []);
  const statistics = buildStatistics({ rowCount: profile.rowCount, columns }, names, options.outputShape);
  const constraints = suggestConstraints(statistics, { categoricalDriftMethod: options.categoricalDriftMethod });
  return { statistics, constraints };
}

export function monitoringFromProfile(dataset: ProfiledDataset, baseline: DataQualityBaseline, options: Pick<AnalysisOptions, 'outputShape'> = {}): MonitoringResult {
  const { profile } = dataset;
  requireRows(profile, dataset);
  const baselineNames = baseline.constraints.features.map((feature) => feature.name);
  const { names, columns } = columnsInOrder(profile, dataset.columnNames, baselineNames);
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
 * input order, so the result equals `runDataQualityMonitoring` over all the files at once, with or
 * without a record preprocessor (one Python process serves every batch).
 */
export async function runDataQualityMonitoringInBatches(
  input: CaptureBatches,
  baseline: DataQualityBaseline,
  options: AnalysisOptions = {},
): Promise<MonitoringResult> {
  const knownValues = knownValuesFor('capture', baseline.constraints);
  const script = options.recordPreprocessorScript;
  const preprocessor = script === undefined ? undefined : await RecordPreprocessor.start(script, { python: options.python, onLog: options.onScriptLog });
  // Preprocessed rows are keyed by the script's keys, as in profileOf.
  const profile = preprocessor ? new DatasetProfile([]) : emptyProfile(false, knownValues);
  let done = 0;
  try {
    for await (const paths of input.batches) {
      const plan = planDataset({ kind: 'capture', paths, start: input.start, end: input.end });
      const before = done;
      const onProgress = (read: number): void => options.onProgress?.(before + read, input.totalBytes);
      if (preprocessor) await profileThrough(plan, preprocessor, { onProgress, signal: options.signal }, profile);
      else await profileDataset(plan, knownValues, { ...options, onProgress }, profile);
      done += plan.totalBytes;
    }
  } finally {
    preprocessor?.close();
  }
  return monitoringFromProfile({ profile, columnNames: null, description: input.description }, baseline, options);
}

function requireRows(profile: DatasetProfile, { input, description }: ProfiledDataset): void {
  if (profile.rowCount === 0) {
    const message = input === undefined ? `Job inputs had no data: ${description} holds no records to analyse.` : noRecordsMessage(input, description);
    throw new MonitoringError('BadData', message, { resource: description });
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
