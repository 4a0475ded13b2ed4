/**
 * The one interface the explorer, the commands and the webviews use. Two implementations: AWS
 * (SageMaker + S3) and local (a folder laid out like S3, analysed by our own analyzer). Every method
 * reports failure as a MonitoringError.
 */
import type { ConstraintViolations } from './formats/violations';
import type { Constraints } from './formats/constraints';
import type { Statistics } from './formats/statistics';
import type { CaptureRecord } from './formats/capture';
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
  writeGroundTruth(request: GroundTruthWriteRequest): Promise<string>;

  dispose(): void;
}
