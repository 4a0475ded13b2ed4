/**
 * The JSON documents a local workspace stores under `api/`: SageMaker's `Describe*` response shapes,
 * with times as ISO-8601 strings (what JSON can hold). Conversions to the domain model go through
 * apiShapes.ts, exactly as the AWS backend's responses do.
 */
import type {
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  DescribeMonitoringScheduleResponse,
  MonitoringExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import type { JobDefinitionDocument } from '../apiShapes';
import type { MonitoringType } from '../model';
import type { GradientBoostedTreesJson } from './regressionModel';

type WithIsoTimes<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

/** `DataCaptureConfigSummary` (the SDK types KmsKeyId as required; SageMaker omits it when unset). */
export interface CaptureSummaryDocument {
  EnableCapture: boolean;
  CaptureStatus: 'Started' | 'Stopped';
  CurrentSamplingPercentage: number;
  DestinationS3Uri: string;
  KmsKeyId?: string;
}

export type EndpointDocument = WithIsoTimes<Omit<DescribeEndpointOutput, 'DataCaptureConfig'>, 'CreationTime' | 'LastModifiedTime'> & {
  EndpointName: string;
  DataCaptureConfig?: CaptureSummaryDocument;
};
export type EndpointConfigDocument = WithIsoTimes<DescribeEndpointConfigOutput, 'CreationTime'> & { EndpointConfigName: string };
export type ScheduleDocument = WithIsoTimes<Omit<DescribeMonitoringScheduleResponse, 'LastMonitoringExecutionSummary'>, 'CreationTime' | 'LastModifiedTime'> & {
  MonitoringScheduleName: string;
  LastMonitoringExecutionSummary?: ExecutionDocument;
  Tags?: { Key: string; Value: string }[];
};
export type ExecutionDocument = WithIsoTimes<MonitoringExecutionSummary, 'ScheduledTime' | 'CreationTime' | 'LastModifiedTime'> & {
  MonitoringScheduleName: string;
};
export type JobDefinitionRecord = Omit<JobDefinitionDocument, 'CreationTime'> & { CreationTime: string; MonitoringType: MonitoringType };

export type ProcessingJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/** A `DescribeProcessingJob`-like record of a baseline job or of the job behind a monitoring execution. */
export interface ProcessingJobDocument {
  ProcessingJobName: string;
  ProcessingJobArn: string;
  ProcessingJobStatus: ProcessingJobStatus;
  CreationTime: string;
  LastModifiedTime: string;
  ProcessingStartTime?: string;
  ProcessingEndTime?: string;
  ExitMessage?: string;
  FailureReason?: string;
  MonitoringScheduleArn?: string;
  AppSpecification: { ImageUri: string };
  Environment: Record<string, string>;
  ProcessingInputs: { InputName: string; S3Input: { S3Uri: string; LocalPath: string } }[];
  ProcessingOutputConfig: { Outputs: { OutputName: string; S3Output: { S3Uri: string; LocalPath: string; S3UploadMode: 'EndOfJob' | 'Continuous' } }[] };
  RoleArn: string;
  ProcessingResources: { ClusterConfig: { InstanceCount: number; InstanceType: string; VolumeSizeInGB: number } };
  StoppingCondition: { MaxRuntimeInSeconds: number };
}

/** The model a local endpoint serves (our own format, not SageMaker's `DescribeModel`). */
export interface ModelDocument {
  ModelName: string;
  ModelArn: string;
  CreationTime: string;
  /** What the model computes, for people reading the file. */
  Description?: string;
  LocalModel: GradientBoostedTreesJson;
}

/** Documents hold ISO strings where the SDK types say Date; apiShapes' converters accept both. */
export function asApiShape<T>(doc: object): T {
  return doc as T;
}

export const iso = (t: Date): string => t.toISOString();
