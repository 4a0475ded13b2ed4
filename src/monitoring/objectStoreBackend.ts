/**
 * What the AWS and local backends share: SageMaker's files (baselines, execution reports, captured
 * records, ground truth) are read and written by MonitoringFiles over an ObjectStore — S3 for AWS, a
 * folder laid out like S3 for local — so both treat them identically. A subclass supplies the SageMaker
 * side, including where an execution's reports are.
 */
import type { Readable } from 'node:stream';
import type { BaselineFiles, CapturedLine, CapturedRecord, ExecutionReports } from './backend';
import type { Constraints } from './formats/constraints';
import type { Statistics } from './formats/statistics';
import type { CaptureWindowRequest, ExecutionSummary, GroundTruthWriteRequest } from './model';
import type { MonitoringFiles } from './monitoringFiles';
import type { ObjectInfo } from './objectStore';

export abstract class ObjectStoreBackend {
  constructor(readonly files: MonitoringFiles) {}

  /** The folder (S3 URI) holding an execution's reports. */
  protected abstract reportFolder(execution: ExecutionSummary): Promise<string>;

  async readExecutionReports(execution: ExecutionSummary): Promise<ExecutionReports> {
    return this.files.readExecutionReports(await this.reportFolder(execution));
  }

  readStatistics(uri: string): Promise<Statistics> {
    return this.files.readStatistics(uri);
  }

  readConstraints(uri: string): Promise<Constraints> {
    return this.files.readConstraints(uri);
  }

  writeConstraints(uri: string, constraints: Constraints, options?: { overwrite?: boolean }): Promise<void> {
    return this.files.writeConstraints(uri, constraints, options);
  }

  readCapturedRecords(request: CaptureWindowRequest): AsyncIterable<CapturedRecord> {
    return this.files.readCapturedRecords(request);
  }

  readCapturedLines(request: CaptureWindowRequest): AsyncIterable<CapturedLine> {
    return this.files.readCapturedLines(request);
  }

  writeGroundTruth(request: GroundTruthWriteRequest): Promise<string> {
    return this.files.writeGroundTruth(request);
  }

  readObject(uri: string): Promise<Uint8Array> {
    return this.files.readObject(uri);
  }

  readObjectStream(uri: string): Promise<Readable> {
    return this.files.readObjectStream(uri);
  }

  statObject(uri: string): Promise<ObjectInfo | undefined> {
    return this.files.statObject(uri);
  }

  replaceConstraints(uri: string, constraints: Constraints, options?: { now?: Date }): Promise<{ backupUri?: string }> {
    return this.files.replaceConstraints(uri, constraints, options);
  }

  writeBaselineFiles(outputUri: string, files: { statistics: string; constraints: string }, options?: { overwrite?: boolean }): Promise<BaselineFiles> {
    return this.files.writeBaselineFiles(outputUri, files, options);
  }
}
