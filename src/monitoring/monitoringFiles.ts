/**
 * Reading and writing SageMaker's monitoring files through an ObjectStore, identically for the AWS
 * backend (S3) and the local one (a folder laid out like S3): statistics, constraints, execution
 * reports, captured records and ground truth. Defects in a file become BadData MonitoringErrors that
 * name the object's URI, the line (JSON Lines) and the field.
 */
import { randomUUID } from 'node:crypto';
import type { CapturedRecord, ExecutionReports } from './backend';
import { MonitoringError } from './errors';
import { parseCaptureRecord } from './formats/capture';
import { parseConstraints, serializeConstraints, type Constraints } from './formats/constraints';
import { FormatError } from './formats/formatError';
import { parseGroundTruthRecord, serializeGroundTruthRecord } from './formats/groundTruth';
import { joinJsonLines, readJsonLines } from './formats/jsonLines';
import { parseStatistics, type Statistics } from './formats/statistics';
import { decodeUtf8 } from './formats/utf8';
import { parseViolations } from './formats/violations';
import type { CaptureWindowRequest, GroundTruthWriteRequest } from './model';
import { hourPath, hoursBetween, joinUri, type ObjectStore } from './objectStore';

export const STATISTICS_FILE = 'statistics.json';
export const CONSTRAINTS_FILE = 'constraints.json';
export const VIOLATIONS_FILE = 'constraint_violations.json';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The folder of one monitoring execution's reports (spec §3.8):
 * `{output}/{endpoint}/{schedule}/yyyy/mm/dd/HH` of the *scheduled* UTC hour.
 */
export function reportFolderUri(outputS3Uri: string, endpointName: string, scheduleName: string, scheduledTime: Date): string {
  return joinUri(outputS3Uri, endpointName, scheduleName, hourPath(scheduledTime));
}

/** A capture file's name (spec §1.3): `{MM}-{SS}-{mmm}-{uuid}.jsonl`, e.g. `20-48-871-0b7bfd33-c8a7-4adf-a09a-98fd0af79974.jsonl`. */
export function captureFileName(time: Date, uuid: string): string {
  return `${pad(time.getUTCMinutes())}-${pad(time.getUTCSeconds())}-${pad(time.getUTCMilliseconds(), 3)}-${uuid}.jsonl`;
}

/**
 * Where SageMaker would put a capture file written at `time` (spec §1.3):
 * `{dest}/{endpoint}/{variant}/yyyy/mm/dd/HH/{MM}-{SS}-{mmm}-{uuid}.jsonl`.
 */
export function captureFileUri(destinationS3Uri: string, endpointName: string, variantName: string, time: Date): string {
  return joinUri(destinationS3Uri, endpointName, variantName, hourPath(time), captureFileName(time, randomUUID()));
}

/**
 * Where a ground-truth upload collected at `time` goes (spec §2.2): `{uri}/yyyy/mm/dd/HH/{MMSS}-{id}.jsonl`
 * (the notebooks' `{MMSS}.jsonl`, with a UUID by default so two uploads in the same second do not collide).
 */
export function groundTruthFileUri(groundTruthS3Uri: string, time: Date, id: string = randomUUID()): string {
  return joinUri(groundTruthS3Uri, hourPath(time), `${pad(time.getUTCMinutes())}${pad(time.getUTCSeconds())}-${id}.jsonl`);
}

function badData(e: FormatError, uri: string): MonitoringError {
  return new MonitoringError('BadData', `${e.message}. The file is not a valid SageMaker Model Monitor file; fix or replace it.`, {
    resource: uri,
    cause: e,
  });
}

export class MonitoringFiles {
  constructor(private readonly store: ObjectStore) {}

  /** A statistics.json (data or model quality). NotFound when absent, BadData when broken. */
  async readStatistics(uri: string): Promise<Statistics> {
    return this.readDocument(uri, 'statistics', parseStatistics);
  }

  /** A constraints.json (data or model quality). NotFound when absent, BadData when broken. */
  async readConstraints(uri: string): Promise<Constraints> {
    return this.readDocument(uri, 'constraints', parseConstraints);
  }

  /**
   * Writes constraints in SageMaker's layout. Refuses (InUse) to replace an existing object unless
   * `overwrite` is set, and refuses (Validation) constraints that would not read back.
   */
  async writeConstraints(uri: string, constraints: Constraints, options: { overwrite?: boolean } = {}): Promise<void> {
    const text = serializeConstraints(constraints);
    try {
      parseConstraints(text, uri);
    } catch (e) {
      if (e instanceof FormatError) {
        throw new MonitoringError('Validation', `These constraints cannot be saved: ${e.message}`, { resource: uri, cause: e });
      }
      throw e;
    }
    if (!options.overwrite && (await this.exists(uri))) {
      throw new MonitoringError('InUse', `${uri} already exists; it was not overwritten. Choose another location or confirm overwriting it.`, {
        resource: uri,
      });
    }
    await this.store.put(uri, text, 'application/json');
  }

  /**
   * The first line of an object (a dataset's header), reading at most `maxBytes`; undefined when the
   * object does not exist. Used to offer a dataset's columns before it is baselined.
   */
  async readFirstLine(uri: string, maxBytes = 65_536): Promise<string | undefined> {
    let stream;
    try {
      stream = await this.store.getStream(uri);
    } catch (e) {
      if (e instanceof MonitoringError && e.kind === 'NotFound') return undefined;
      throw e;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        chunks.push(buffer);
        size += buffer.length;
        if (size >= maxBytes || buffer.includes(10)) break;
      }
    } finally {
      stream.destroy();
    }
    return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8').split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '');
  }

  /** Uploads a file's bytes (a baseline dataset); refuses (InUse) to replace an object with different bytes. */
  async uploadObject(uri: string, body: Uint8Array): Promise<void> {
    const existing = await this.store.get(uri);
    if (existing !== undefined) {
      if (Buffer.compare(Buffer.from(existing), Buffer.from(body)) === 0) return;
      throw new MonitoringError('InUse', `${uri} already exists with other contents; it was not overwritten. Choose another baseline output location.`, { resource: uri });
    }
    await this.store.put(uri, body);
  }

  /** The reports of one execution; each file is optional, a broken one is a BadData error. */
  async readExecutionReports(reportFolder: string): Promise<ExecutionReports> {
    const [statistics, constraints, violations] = await Promise.all([
      this.readOptional(joinUri(reportFolder, STATISTICS_FILE), parseStatistics),
      this.readOptional(joinUri(reportFolder, CONSTRAINTS_FILE), parseConstraints),
      this.readOptional(joinUri(reportFolder, VIOLATIONS_FILE), parseViolations),
    ]);
    const reports: ExecutionReports = { reportUri: reportFolder };
    if (statistics) reports.statistics = statistics;
    if (constraints) reports.constraints = constraints;
    if (violations) reports.violations = violations;
    return reports;
  }

  reportFolderUri(outputS3Uri: string, endpointName: string, scheduleName: string, scheduledTime: Date): string {
    return reportFolderUri(outputS3Uri, endpointName, scheduleName, scheduledTime);
  }

  captureFileUri(destinationS3Uri: string, endpointName: string, variantName: string, time: Date): string {
    return captureFileUri(destinationS3Uri, endpointName, variantName, time);
  }

  /**
   * Captured records whose inferenceTime is in [start, end), streamed file by file. Only the hour
   * folders overlapping the window are listed (a capture root holds months of data); variants are
   * discovered when not given. Order: variant, hour, file key, line.
   */
  async *readCapturedRecords(request: CaptureWindowRequest): AsyncIterable<CapturedRecord> {
    const { destinationS3Uri, endpointName, start, end } = request;
    if (!(start.getTime() < end.getTime())) return;
    const variants = request.variantName ? [request.variantName] : await this.variantsOf(destinationS3Uri, endpointName);
    for (const variant of variants) {
      for (const hour of hoursBetween(start, end)) {
        const hourPrefix = `${joinUri(destinationS3Uri, endpointName, variant, hourPath(hour))}/`;
        for await (const object of this.store.list(hourPrefix)) {
          // SageMaker writes only .jsonl files here; folder markers and stray files are not capture data.
          if (!object.uri.endsWith('.jsonl')) continue;
          yield* this.recordsOfFile(object.uri, start, end);
        }
      }
    }
  }

  /** Writes the records as one JSON Lines file in the collection hour's folder and returns its URI. */
  async writeGroundTruth(request: GroundTruthWriteRequest): Promise<string> {
    if (request.records.length === 0) {
      throw new MonitoringError('Validation', 'There are no ground-truth records to upload.', { resource: request.groundTruthS3Uri });
    }
    const uri = groundTruthFileUri(request.groundTruthS3Uri, request.time);
    const lines = request.records.map((record, i) => {
      const line = serializeGroundTruthRecord(record);
      try {
        parseGroundTruthRecord(line, uri, i + 1);
      } catch (e) {
        if (e instanceof FormatError) {
          throw new MonitoringError('Validation', `Ground-truth record ${i + 1} is not valid: ${e.field ? `${e.field}: ` : ''}${e.problem}`, {
            resource: uri,
            cause: e,
          });
        }
        throw e;
      }
      return line;
    });
    await this.store.put(uri, joinJsonLines(lines), 'application/jsonl');
    return uri;
  }

  private async *recordsOfFile(uri: string, start: Date, end: Date): AsyncIterable<CapturedRecord> {
    const stream = await this.store.getStream(uri);
    try {
      for await (const { line, text } of readJsonLines(stream, uri)) {
        const record = parseCaptureRecord(text, uri, line);
        const time = Date.parse(record.eventMetadata.inferenceTime);
        if (time >= start.getTime() && time < end.getTime()) yield { uri, line, record };
      }
    } catch (e) {
      if (e instanceof FormatError) throw badData(e, uri);
      throw e;
    } finally {
      stream.destroy();
    }
  }

  private async variantsOf(destinationS3Uri: string, endpointName: string): Promise<string[]> {
    const endpointPrefix = `${joinUri(destinationS3Uri, endpointName)}/`;
    const folders = await this.store.listFolders(endpointPrefix);
    return folders.map((folder) => folder.slice(endpointPrefix.length).replace(/\/$/, '')).filter((name) => name !== '');
  }

  private async exists(uri: string): Promise<boolean> {
    // Listing by the URI as prefix yields the object itself first when it exists (key order).
    for await (const object of this.store.list(uri)) return object.uri === uri;
    return false;
  }

  private async readDocument<T>(uri: string, what: string, parse: (text: string, file: string) => T): Promise<T> {
    const found = await this.readOptional(uri, parse);
    if (found === undefined) throw new MonitoringError('NotFound', `No ${what} file at ${uri}.`, { resource: uri });
    return found;
  }

  private async readOptional<T>(uri: string, parse: (text: string, file: string) => T): Promise<T | undefined> {
    const bytes = await this.store.get(uri);
    if (bytes === undefined) return undefined;
    try {
      return parse(decodeUtf8(bytes, uri), uri);
    } catch (e) {
      if (e instanceof FormatError) throw badData(e, uri);
      throw e;
    }
  }
}
