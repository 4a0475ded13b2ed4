/**
 * The merge step of a model-quality run (spec §2.3): captured predictions joined with ground-truth
 * labels. A capture's key is its `eventMetadata.inferenceId` when present, else its `eventId`; a
 * ground-truth record's key is its `eventMetadata.eventId`. It is an inner join: captures without a
 * label and labels without a capture are dropped; a key labelled twice yields two rows, as a join does.
 */
import { MonitoringError } from '../../errors';
import { decodeCapturedPayload, parseCaptureRecord, type CapturedPayload } from '../../formats/capture';
import { FormatError } from '../../formats/formatError';
import { parseGroundTruthRecord } from '../../formats/groundTruth';
import type { ModelQualityConfig } from './config';
import { columnIndex, jsonAttribute, splitCsvFields } from './attributeLocator';
import { forEachLine, LOCAL_FILES, type ByteSource } from './lineReader';
import type { ObservationCollector } from './observations';

export interface CaptureInput {
  /** Capture JSON Lines files, in the order to read them (S3 key order). */
  paths: string[];
  /** Only records with start ≤ inferenceTime < end are analysed. */
  start?: Date;
  end?: Date;
}

export interface GroundTruthInput {
  paths: string[];
}

export interface MergeSummary {
  capturedRecords: number;
  capturedInWindow: number;
  groundTruthRecords: number;
  merged: number;
}

/** Ground-truth labels by event id (an array when an id was labelled more than once). */
async function readGroundTruth(paths: readonly string[], source: ByteSource, onBytes?: (bytes: number) => void): Promise<{ labels: Map<string, string | string[]>; records: number }> {
  const labels = new Map<string, string | string[]>();
  let records = 0;
  for (const path of paths) {
    await forEachLine(
      path,
      (line, lineNumber) => {
        if (line.trim() === '') return;
        const record = wrapFormatError(() => parseGroundTruthRecord(line, path, lineNumber));
        records++;
        const label = firstCsvField(record.groundTruthData.data);
        const key = record.eventMetadata.eventId;
        const existing = labels.get(key);
        if (existing === undefined) labels.set(key, label);
        else if (Array.isArray(existing)) existing.push(label);
        else labels.set(key, [existing, label]);
      },
      onBytes,
      undefined,
      source,
    );
  }
  return { labels, records };
}

function firstCsvField(data: string): string {
  const line = data.trim().split(/\r?\n/, 1)[0] ?? '';
  return splitCsvFields(line)[0] ?? '';
}

function wrapFormatError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof FormatError) throw new MonitoringError('BadData', e.message, { resource: e.file, cause: e });
    throw e;
  }
}

/** Reads attributes out of a captured endpoint output (CSV: column indices; JSON: keys or JSONPaths). */
class OutputReader {
  constructor(private readonly config: ModelQualityConfig) {}

  read(payload: CapturedPayload, file: string, line: number): { prediction: string; probability?: string } {
    const text = wrapFormatError(() => decodeCapturedPayload(payload, { file, line, field: 'captureData.endpointOutput.data' }));
    const isJson = payload.encoding === 'JSON' || (payload.encoding === 'BASE64' && /json/i.test(payload.observedContentType));
    const lookup = isJson ? this.jsonLookup(text, file, line) : this.csvLookup(text, file, line);
    const probabilityAttribute = this.config.probabilityAttribute;
    return {
      prediction: lookup(this.config.inferenceAttribute, 'inference'),
      probability: probabilityAttribute !== undefined ? lookup(probabilityAttribute, 'probability') : undefined,
    };
  }

  private csvLookup(text: string, file: string, line: number): (attribute: string, what: string) => string {
    const firstLine = text.replace(/^\s+/, '').split(/\r?\n/, 1)[0] ?? '';
    const fields = splitCsvFields(firstLine);
    return (attribute, what) => {
      const index = columnIndex(attribute);
      if (index === undefined) {
        throw new MonitoringError(
          'BadData',
          `${file}:${line}: the endpoint output is CSV, so the ${what} attribute must be a column index such as "0", not ${JSON.stringify(attribute)}.`,
          { resource: file },
        );
      }
      if (index >= fields.length) {
        throw new MonitoringError(
          'BadData',
          `${file}:${line}: the ${what} attribute is column ${index}, but the endpoint output ${JSON.stringify(firstLine)} has ${fields.length} column(s).`,
          { resource: file },
        );
      }
      return fields[index];
    };
  }

  private jsonLookup(text: string, file: string, line: number): (attribute: string, what: string) => string {
    let output: unknown;
    try {
      output = JSON.parse(text);
    } catch (e) {
      throw new MonitoringError('BadData', `${file}:${line}: the endpoint output is marked JSON but is not (${(e as Error).message}).`, { resource: file });
    }
    return (attribute, what) => {
      const value = jsonAttribute(output, attribute);
      if (value === undefined) {
        throw new MonitoringError('BadData', `${file}:${line}: the endpoint output has no ${what} attribute ${JSON.stringify(attribute)}.`, {
          resource: file,
        });
      }
      return value;
    };
  }
}

function describeWindow(captures: CaptureInput): string {
  if (!captures.start && !captures.end) return '';
  return ` between ${captures.start?.toISOString() ?? 'the beginning'} and ${captures.end?.toISOString() ?? 'the end'}`;
}

/** Joins captures with ground truth into `collector`; fails when nothing merges. */
export async function mergeCapturesWithGroundTruth(
  captures: CaptureInput,
  groundTruth: GroundTruthInput,
  config: ModelQualityConfig,
  collector: ObservationCollector,
  onBytes?: (bytes: number) => void,
  source: ByteSource = LOCAL_FILES,
): Promise<MergeSummary> {
  const { labels, records: groundTruthRecords } = await readGroundTruth(groundTruth.paths, source, onBytes);
  const output = new OutputReader(config);
  const startMs = captures.start?.getTime() ?? -Infinity;
  const endMs = captures.end?.getTime() ?? Infinity;
  const summary: MergeSummary = { capturedRecords: 0, capturedInWindow: 0, groundTruthRecords, merged: 0 };
  for (const path of captures.paths) {
    await forEachLine(
      path,
      (line, lineNumber) => {
        if (line.trim() === '') return;
        const record = wrapFormatError(() => parseCaptureRecord(line, path, lineNumber));
        summary.capturedRecords++;
        const time = Date.parse(record.eventMetadata.inferenceTime);
        if (time < startMs || time >= endMs) return;
        summary.capturedInWindow++;
        const found = labels.get(record.eventMetadata.inferenceId ?? record.eventMetadata.eventId);
        if (found === undefined) return;
        const payload = record.captureData.endpointOutput;
        if (!payload) {
          throw new MonitoringError('BadData', `${path}:${lineNumber}: the record has no captured endpoint output, so it has no prediction to evaluate.`, {
            resource: path,
          });
        }
        const { prediction, probability } = output.read(payload, path, lineNumber);
        for (const label of Array.isArray(found) ? found : [found]) {
          collector.add(prediction, probability, label, { file: path, line: lineNumber });
          summary.merged++;
        }
      },
      onBytes,
      undefined,
      source,
    );
  }
  if (summary.merged === 0) {
    const window = describeWindow(captures);
    const reason =
      summary.capturedInWindow === 0
        ? `there are no captured records${window} (${summary.capturedRecords} record(s) read in total)`
        : groundTruthRecords === 0
          ? 'the ground truth files hold no records'
          : `none of the ${summary.capturedInWindow} captured record(s)${window} has an id (inferenceId, else eventId) that any of the ` +
            `${groundTruthRecords} ground-truth record(s) carries in eventMetadata.eventId`;
    throw new MonitoringError(
      'BadData',
      `No ground truth could be merged with the captured data: ${reason}. Captures: ${captures.paths.join(', ') || '(no files)'}. ` +
        `Ground truth: ${groundTruth.paths.join(', ') || '(no files)'}.`,
    );
  }
  return summary;
}
