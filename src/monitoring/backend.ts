/**
 * The one interface the explorer, the commands and the webviews use. Two implementations: AWS
 * (SageMaker + S3) and local (a folder laid out like S3, analysed by our own analyzer). Every method
 * reports failure as a MonitoringError.
 */
import type { ConstraintViolations } from './formats/violations';
import type { Constraints } from './formats/constraints';
import type { Statistics } from './formats/statistics';
import type { CaptureRecord } from './formats/capture';
import type { Readable } from 'node:stream';
import type { ObjectInfo } from './objectStore';
import type {
  BaselineJob,
  BaselineJobRequest,
  CaptureWindowRequest,
  CreateScheduleRequest,
  DataCaptureConfig,
  Endpoint,
  EndpointConfig,
  EndpointSummary,
  ExecutionSummary,
  GroundTruthWriteRequest,
  JobDefinition,
  ListEndpointsRequest,
  ListExecutionsRequest,
  ListSchedulesRequest,
  MonitoringType,
  Page,
  Schedule,
  ScheduleConfig,
  ScheduleSummary,
} from './model';

export interface ExecutionReports {
  /** The folder (S3 URI) that holds the execution's files. */
  reportUri: string;
  statistics?: Statistics;
  constraints?: Constraints;
  violations?: ConstraintViolations;
}

export interface CapturedRecord {
  /** The file (S3 URI) and 1-based line the record came from. */
  uri: string;
  line: number;
  record: CaptureRecord;
}

/** A capture line that is not a valid record: shown where it is, with what is wrong, without stopping a listing. */
export interface MalformedCaptureLine {
  uri: string;
  line: number;
  /** What is wrong, naming the field when there is one. */
  problem: string;
  /** The line's start as text (at most 500 characters), when it could be decoded. */
  text?: string;
}

/** One line of a capture file as a browser shows it: a record, or a malformed line. */
export type CapturedLine = ({ kind: 'record' } & CapturedRecord) | ({ kind: 'malformed' } & MalformedCaptureLine);

/** The two files of a baseline, as SageMaker writes them into the baseline job's output folder. */
export interface BaselineFiles {
  statisticsUri: string;
  constraintsUri: string;
}

export interface MonitoringBackend {
  /** A short label for logs and the tree, e.g. `aws:prod@eu-west-1` or `local:/path`. */
  readonly id: string;
  readonly kind: 'aws' | 'local';

  // Endpoints and data capture
  listEndpoints(request?: ListEndpointsRequest): Promise<Page<EndpointSummary>>;
  describeEndpoint(name: string): Promise<Endpoint>;
  describeEndpointConfig(name: string): Promise<EndpointConfig>;
  /** Turns capture on (or changes it) by copying the endpoint's config with the new capture settings. */
  updateDataCapture(endpointName: string, capture: DataCaptureConfig): Promise<Endpoint>;
  disableDataCapture(endpointName: string): Promise<Endpoint>;
  /**
   * Deletes the endpoint, as SageMaker's DeleteEndpoint: refused (InUse) while monitoring schedules
   * still name it. Its endpoint configs, captured data and reports stay.
   */
  deleteEndpoint(name: string): Promise<void>;

  // Job definitions
  createJobDefinition(definition: JobDefinition): Promise<JobDefinition>;
  describeJobDefinition(name: string, type: MonitoringType): Promise<JobDefinition>;
  deleteJobDefinition(name: string, type: MonitoringType): Promise<void>;

  // Schedules
  listSchedules(request?: ListSchedulesRequest): Promise<Page<ScheduleSummary>>;
  describeSchedule(name: string): Promise<Schedule>;
  createSchedule(request: CreateScheduleRequest): Promise<Schedule>;
  updateSchedule(name: string, schedule: ScheduleConfig, jobDefinitionName?: string): Promise<Schedule>;
  startSchedule(name: string): Promise<void>;
  stopSchedule(name: string): Promise<void>;
  deleteSchedule(name: string): Promise<void>;

  // Executions and their reports
  listExecutions(request: ListExecutionsRequest): Promise<Page<ExecutionSummary>>;
  readExecutionReports(execution: ExecutionSummary): Promise<ExecutionReports>;

  // Baselines
  startBaselineJob(request: BaselineJobRequest): Promise<BaselineJob>;
  describeBaselineJob(jobName: string): Promise<BaselineJob>;
  readStatistics(uri: string): Promise<Statistics>;
  readConstraints(uri: string): Promise<Constraints>;
  /** Refuses to overwrite an existing file unless `overwrite` is set. */
  writeConstraints(uri: string, constraints: Constraints, options?: { overwrite?: boolean }): Promise<void>;

  // Captured data and ground truth
  readCapturedRecords(request: CaptureWindowRequest): AsyncIterable<CapturedRecord>;
  /**
   * As readCapturedRecords, for browsing: a line that is not a valid record (bad JSON, a missing field,
   * not UTF-8) in a file of the window's hours is yielded as malformed, and the listing goes on.
   */
  readCapturedLines(request: CaptureWindowRequest): AsyncIterable<CapturedLine>;
  writeGroundTruth(request: GroundTruthWriteRequest): Promise<string>;

  // Raw objects (S3 objects, or files of a local workspace), for opening them in an editor
  /** The object's bytes; NotFound when it does not exist. */
  readObject(uri: string): Promise<Uint8Array>;
  /** The object's stream; NotFound when it does not exist. */
  readObjectStream(uri: string): Promise<Readable>;
  /** Size and time of an object, or undefined when there is none at that URI. */
  statObject(uri: string): Promise<ObjectInfo | undefined>;

  /**
   * Replaces a constraints file after validating the new one: the current object (if any) is first
   * copied beside it as `constraints.json.bak-<UTC time>`, whose URI is returned.
   */
  replaceConstraints(uri: string, constraints: Constraints, options?: { now?: Date }): Promise<{ backupUri?: string }>;
  /**
   * Writes a suggested baseline's `statistics.json` and `constraints.json` into a folder, after checking
   * both read back; refuses (InUse) to replace either unless `overwrite` is set.
   */
  writeBaselineFiles(outputUri: string, files: { statistics: string; constraints: string }, options?: { overwrite?: boolean }): Promise<BaselineFiles>;

  dispose(): void;
}
