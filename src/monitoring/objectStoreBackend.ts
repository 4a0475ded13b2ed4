/**
 * What the AWS and local backends share: SageMaker's files (baselines, execution reports, captured
 * records, ground truth) are read and written by MonitoringFiles over an ObjectStore — S3 for AWS, a
 * folder laid out like S3 for local — so both treat them identically. A subclass supplies the SageMaker
 * side, including where an execution's reports are.
 */
import type { CapturedRecord, ExecutionReports } from './backend';
import type { Constraints } from './formats/constraints';
import type { Statistics } from './formats/statistics';
import type { CaptureWindowRequest, ExecutionSummary, GroundTruthWriteRequest } from './model';
import type { MonitoringFiles } from './monitoringFiles';

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

  writeGroundTruth(request: GroundTruthWriteRequest): Promise<string> {
    return this.files.writeGroundTruth(request);
  }
}
