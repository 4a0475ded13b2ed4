/**
 * Captured records read through the user's record preprocessor (pythonScripts.ts): each record inside
 * the window goes to `preprocess_handler`, and the rows it returns are profiled as keyed columns
 * (columns ordered by key at the end, as the analyzer orders a preprocessor's keys; the keys are then
 * matched to the baseline by position). Partitions are profiled one by one and merged in order, as
 * without a preprocessor, so the numbers follow the same per-partition merge.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { FormatError } from '../formats/formatError';
import { lineNumberAt } from './csvRows';
import type { DatasetPlan, Partition } from './datasetSources';
import { DatasetProfile } from './featureProfile';
import { RecordPreprocessor, type PreprocessedRow, type PythonOptions } from './pythonScripts';

const BATCH_RECORDS = 500;

export interface PreprocessOptions extends PythonOptions {
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

function inferenceTimeOf(record: unknown): string | undefined {
  const metadata = (record as { eventMetadata?: { inferenceTime?: unknown } } | null)?.eventMetadata;
  return typeof metadata?.inferenceTime === 'string' ? metadata.inferenceTime : undefined;
}

function addRows(profile: DatasetProfile, rows: readonly PreprocessedRow[]): void {
  for (const row of rows) {
    for (const [key, text] of row) {
      const column = profile.namedColumn(key);
      if (text !== null) {
        const bytes = Buffer.from(text, 'utf8');
        column.addCell(bytes, 0, bytes.length);
      }
    }
    profile.rowCount++;
  }
}

async function profilePartition(partition: Partition, plan: DatasetPlan, preprocessor: RecordPreprocessor, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<DatasetProfile> {
  const { path, start, end } = partition;
  const profile = new DatasetProfile([]);
  if (end <= start) return profile;
  const { windowStartMs, windowEndMs } = plan.settings;
  let line = lineNumberAt(path, start) - 1;
  let batch: { ref: string; json: string }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const results = await preprocessor.run(batch);
    batch = [];
    for (const rows of results) addRows(profile, rows);
    signal?.throwIfAborted();
  };
  const lines = createInterface({ input: createReadStream(path, { start, end: end - 1 }), crlfDelay: Infinity });
  for await (const text of lines) {
    line++;
    onBytes(Buffer.byteLength(text, 'utf8') + 1);
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      throw new FormatError(path, `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, undefined, line);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new FormatError(path, 'a capture record must be a JSON object', undefined, line);
    if (windowStartMs !== undefined || windowEndMs !== undefined) {
      const time = inferenceTimeOf(record);
      const ms = time === undefined ? NaN : Date.parse(time);
      if (Number.isNaN(ms)) throw new FormatError(path, 'the record has no inferenceTime to filter by', 'eventMetadata.inferenceTime', line);
      if ((windowStartMs !== undefined && ms < windowStartMs) || (windowEndMs !== undefined && ms >= windowEndMs)) continue;
    }
    batch.push({ ref: `${path}:${line}`, json: text });
    if (batch.length >= BATCH_RECORDS) await flush();
  }
  await flush();
  return profile;
}

/** Profiles a planned capture input through `script`'s `preprocess_handler`. */
export async function profilePreprocessed(plan: DatasetPlan, script: string, options: PreprocessOptions = {}): Promise<DatasetProfile> {
  if (plan.settings.kind !== 'capture') throw new RangeError('a record preprocessor reads captured records');
  const preprocessor = await RecordPreprocessor.start(script, options);
  try {
    return await profileThrough(plan, preprocessor, options);
  } finally {
    preprocessor.close();
  }
}

/**
 * Profiles a planned capture input through a running preprocessor, merging each partition into `into`
 * in order: capture read a batch at a time (an hour of S3 capture) keeps one Python process for all
 * its batches, and the same per-partition merge as the files read at once (equal numbers, to the digit).
 */
export async function profileThrough(
  plan: DatasetPlan,
  preprocessor: RecordPreprocessor,
  options: Omit<PreprocessOptions, keyof PythonOptions> = {},
  into: DatasetProfile = new DatasetProfile([]),
): Promise<DatasetProfile> {
  if (plan.settings.kind !== 'capture') throw new RangeError('a record preprocessor reads captured records');
  let bytesRead = 0;
  const onBytes = (bytes: number): void => {
    bytesRead += bytes;
    options.onProgress?.(Math.min(bytesRead, plan.totalBytes), plan.totalBytes);
  };
  for (const partition of plan.partitions) {
    options.signal?.throwIfAborted();
    into.merge(DatasetProfile.fromState((await profilePartition(partition, plan, preprocessor, onBytes, options.signal)).toState()));
  }
  return into;
}
