/**
 * The domain model shared by the explorer, the commands, the webviews and both backends. Field names
 * follow the SageMaker API (in camelCase) so that what a user sees maps one-to-one onto the console
 * and the SDK; times are `Date`s.
 */
import type { ProblemType } from './formats/statistics';

export type { ProblemType };

export type MonitoringType = 'DataQuality' | 'ModelQuality' | 'ModelBias' | 'ModelExplainability';
export const MONITORING_TYPES: readonly MonitoringType[] = ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'];

export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  nextToken?: string;
  maxResults?: number;
}

export interface EndpointSummary {
  name: string;
  arn: string;
  status: EndpointStatus;
  creationTime: Date;
  lastModifiedTime: Date;
}

/** What `DescribeEndpoint` says about capture. */
export interface DataCaptureStatus {
  enableCapture: boolean;
  captureStatus: 'Started' | 'Stopped';
  currentSamplingPercentage: number;
  destinationS3Uri: string;
  kmsKeyId?: string;
}

export interface VariantSummary {
  variantName: string;
  currentInstanceCount?: number;
  currentWeight?: number;
}

export interface Endpoint extends EndpointSummary {
  endpointConfigName: string;
  variants: VariantSummary[];
  dataCapture?: DataCaptureStatus;
  failureReason?: string;
}

export type CaptureMode = 'Input' | 'Output' | 'InputAndOutput';

/** The full `DataCaptureConfig` of an endpoint config. */
export interface DataCaptureConfig {
  enableCapture: boolean;
  initialSamplingPercentage: number;
  destinationS3Uri: string;
  kmsKeyId?: string;
  captureModes: CaptureMode[];
  csvContentTypes?: string[];
  jsonContentTypes?: string[];
}

export interface ProductionVariant {
  variantName: string;
  modelName?: string;
  initialInstanceCount?: number;
  instanceType?: string;
  initialVariantWeight?: number;
  /** Fields of the API's variant we do not model are carried over unchanged when a config is copied. */
  extra?: Record<string, unknown>;
}

export interface EndpointConfig {
  name: string;
  arn: string;
  creationTime: Date;
  variants: ProductionVariant[];
  dataCapture?: DataCaptureConfig;
  kmsKeyId?: string;
}

/** Where a monitor reads its data: a live endpoint's capture, or a batch transform's. */
export interface EndpointInputSpec {
  kind: 'Endpoint';
  endpointName: string;
  localPath: string;
  startTimeOffset?: string;
  endTimeOffset?: string;
  featuresAttribute?: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThresholdAttribute?: number;
  excludeFeaturesAttribute?: string;
}

export interface BatchTransformInputSpec {
  kind: 'BatchTransform';
  dataCapturedDestinationS3Uri: string;
  datasetFormat: { csv?: { header: boolean }; json?: { line: boolean }; parquet?: Record<string, never> };
  localPath: string;
  startTimeOffset?: string;
  endTimeOffset?: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThresholdAttribute?: number;
}

export type MonitoringInputSpec = EndpointInputSpec | BatchTransformInputSpec;

export interface ClusterResources {
  instanceCount: number;
  instanceType: string;
  volumeSizeInGB: number;
  /** KMS key encrypting the processing instance's storage volume. */
  volumeKmsKeyId?: string;
}

/** A job definition's `NetworkConfig`. */
export interface MonitoringNetworkConfig {
  enableNetworkIsolation?: boolean;
  enableInterContainerTrafficEncryption?: boolean;
  vpcConfig?: { subnets: string[]; securityGroupIds: string[] };
}

export interface JobDefinition {
  name: string;
  type: MonitoringType;
  arn?: string;
  creationTime?: Date;
  input: MonitoringInputSpec;
  baseline?: { baseliningJobName?: string; constraintsS3Uri?: string; statisticsS3Uri?: string };
  outputS3Uri: string;
  /** KMS key encrypting the reports written to `outputS3Uri`. */
  outputKmsKeyId?: string;
  imageUri: string;
  environment?: Record<string, string>;
  roleArn: string;
  resources: ClusterResources;
  networkConfig?: MonitoringNetworkConfig;
  maxRuntimeInSeconds?: number;
  /** Model quality. */
  problemType?: ProblemType;
  /** Model quality and bias. */
  groundTruthS3Uri?: string;
  /** Bias and explainability: the Clarify analysis config. */
  configUri?: string;
  recordPreprocessorSourceUri?: string;
  postAnalyticsProcessorSourceUri?: string;
}

export type ScheduleStatus = 'Pending' | 'Failed' | 'Scheduled' | 'Stopped';

export interface ScheduleSummary {
  name: string;
  arn: string;
  status: ScheduleStatus;
  type?: MonitoringType;
  endpointName?: string;
  jobDefinitionName?: string;
  creationTime: Date;
  lastModifiedTime: Date;
}

export interface ScheduleConfig {
  /** `cron(...)` or `NOW`. */
  scheduleExpression: string;
  /** ISO-8601 negative durations, required for `NOW`. */
  dataAnalysisStartTime?: string;
  dataAnalysisEndTime?: string;
}

export interface Schedule extends ScheduleSummary {
  schedule: ScheduleConfig;
  failureReason?: string;
  lastExecution?: ExecutionSummary;
}

export interface CreateScheduleRequest {
  name: string;
  type: MonitoringType;
  jobDefinitionName: string;
  schedule: ScheduleConfig;
  tags?: Record<string, string>;
}

export type ExecutionStatus =
  | 'Pending'
  | 'Completed'
  | 'CompletedWithViolations'
  | 'InProgress'
  | 'Failed'
  | 'Stopping'
  | 'Stopped';

export interface ExecutionSummary {
  scheduleName: string;
  scheduledTime: Date;
  creationTime: Date;
  lastModifiedTime: Date;
  status: ExecutionStatus;
  processingJobArn?: string;
  endpointName?: string;
  failureReason?: string;
  jobDefinitionName?: string;
  type?: MonitoringType;
}

export interface ListExecutionsRequest extends PageRequest {
  scheduleName?: string;
  /** The executions of every schedule that ran this job definition (a monitor and its one-time runs), deleted schedules included. */
  jobDefinitionName?: string;
  endpointName?: string;
  scheduledAfter?: Date;
  scheduledBefore?: Date;
  status?: ExecutionStatus;
  sortOrder?: 'Ascending' | 'Descending';
}

export interface ListEndpointsRequest extends PageRequest {
  nameContains?: string;
  status?: EndpointStatus;
}

export interface ListSchedulesRequest extends PageRequest {
  endpointName?: string;
  type?: MonitoringType;
}

/** A baseline (suggest-baseline) processing job. */
export type BaselineJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface BaselineJobRequest {
  jobName: string;
  type: 'DataQuality' | 'ModelQuality';
  datasetS3Uri: string;
  datasetFormat: { csv: { header: boolean } } | { json: { lines: boolean } };
  outputS3Uri: string;
  roleArn: string;
  resources?: ClusterResources;
  maxRuntimeInSeconds?: number;
  /** Model quality. */
  problemType?: ProblemType;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  groundTruthAttribute?: string;
  probabilityThresholdAttribute?: number;
  /** Data quality. */
  categoricalDriftMethod?: 'LInfinity' | 'ChiSquared';
  /** KMS key for the baseline's output files. */
  outputKmsKeyId?: string;
  networkConfig?: MonitoringNetworkConfig;
}

export interface BaselineJob {
  jobName: string;
  status: BaselineJobStatus;
  outputS3Uri: string;
  creationTime: Date;
  endTime?: Date;
  failureReason?: string;
  exitMessage?: string;
}

export interface CaptureWindowRequest {
  /** The endpoint's capture root (`DataCaptureConfig.DestinationS3Uri`). */
  destinationS3Uri: string;
  endpointName: string;
  /** Default: every variant found under the endpoint's prefix. */
  variantName?: string;
  start: Date;
  end: Date;
}

export interface GroundTruthWriteRequest {
  groundTruthS3Uri: string;
  /** The collection time: selects the hour folder. */
  time: Date;
  records: import('./formats/groundTruth').GroundTruthRecord[];
}
