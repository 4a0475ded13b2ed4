/**
 * The exact bodies the AWS backend sends for a baseline processing job and a monitoring schedule, as
 * pure functions: the backend sends them, and the schedule wizard shows the same objects on its review
 * page, so what the user reviews is what goes on the wire. Type-only SDK imports keep this file light
 * enough for a webview bundle.
 */
import type { CreateMonitoringScheduleCommandInput, CreateProcessingJobCommandInput } from '@aws-sdk/client-sagemaker';
import { MonitoringError } from '../errors';
import type { BaselineJobRequest, ClusterResources, CreateScheduleRequest, ScheduleConfig } from '../model';

export const BASELINE_INPUT = '/opt/ml/processing/input/baseline_dataset_input';
export const PROCESSING_OUTPUT = '/opt/ml/processing/output';

/** What SageMaker's SDK uses when a baseline job names no cluster. */
export const DEFAULT_BASELINE_RESOURCES: ClusterResources = { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 20 };

/** The `CreateProcessingJob` body of a baseline (suggest-baseline) job run by the analyzer image `imageUri` (spec §6.6). */
export function baselineProcessingJobInput(request: BaselineJobRequest, imageUri: string): CreateProcessingJobCommandInput {
  const resources = request.resources ?? DEFAULT_BASELINE_RESOURCES;
  return {
    ProcessingJobName: request.jobName,
    RoleArn: request.roleArn,
    AppSpecification: { ImageUri: imageUri },
    ProcessingResources: {
      ClusterConfig: {
        InstanceCount: resources.instanceCount,
        InstanceType: resources.instanceType as 'ml.m5.xlarge',
        VolumeSizeInGB: resources.volumeSizeInGB,
        ...(resources.volumeKmsKeyId ? { VolumeKmsKeyId: resources.volumeKmsKeyId } : {}),
      },
    },
    StoppingCondition: { MaxRuntimeInSeconds: request.maxRuntimeInSeconds ?? 3600 },
    Environment: baselineEnvironment(request),
    ProcessingInputs: [
      {
        InputName: 'baseline_dataset_input',
        AppManaged: false,
        S3Input: {
          S3Uri: request.datasetS3Uri,
          LocalPath: BASELINE_INPUT,
          S3DataType: 'S3Prefix',
          S3InputMode: 'File',
          S3DataDistributionType: 'FullyReplicated',
          S3CompressionType: 'None',
        },
      },
    ],
    ProcessingOutputConfig: {
      Outputs: [{ OutputName: 'monitoring_output', AppManaged: false, S3Output: { S3Uri: request.outputS3Uri, LocalPath: PROCESSING_OUTPUT, S3UploadMode: 'EndOfJob' } }],
      ...(request.outputKmsKeyId ? { KmsKeyId: request.outputKmsKeyId } : {}),
    },
    ...(request.networkConfig
      ? {
          NetworkConfig: {
            ...(request.networkConfig.enableInterContainerTrafficEncryption !== undefined
              ? { EnableInterContainerTrafficEncryption: request.networkConfig.enableInterContainerTrafficEncryption }
              : {}),
            ...(request.networkConfig.enableNetworkIsolation !== undefined ? { EnableNetworkIsolation: request.networkConfig.enableNetworkIsolation } : {}),
            ...(request.networkConfig.vpcConfig
              ? { VpcConfig: { SecurityGroupIds: request.networkConfig.vpcConfig.securityGroupIds, Subnets: request.networkConfig.vpcConfig.subnets } }
              : {}),
          },
        }
      : {}),
  };
}

/** The analyzer's environment for a baseline job (spec §3.2, §6.6), formatted as the Python SDK writes it. */
export function baselineEnvironment(request: BaselineJobRequest): Record<string, string> {
  const format =
    'csv' in request.datasetFormat
      ? `{"csv": {"header": ${request.datasetFormat.csv.header}, "output_columns_position": "START"}}`
      : `{"json": {"lines": ${request.datasetFormat.json.lines}}}`;
  const env: Record<string, string> = {
    dataset_format: format,
    dataset_source: BASELINE_INPUT,
    output_path: PROCESSING_OUTPUT,
    publish_cloudwatch_metrics: 'Disabled',
  };
  if (request.type === 'ModelQuality') {
    env.analysis_type = 'MODEL_QUALITY';
    if (!request.problemType) throw new MonitoringError('Validation', `Baseline job ${request.jobName}: a model-quality baseline needs a problem type.`, { resource: request.jobName });
    env.problem_type = request.problemType;
    if (request.inferenceAttribute !== undefined) env.inference_attribute = request.inferenceAttribute;
    if (request.probabilityAttribute !== undefined) env.probability_attribute = request.probabilityAttribute;
    if (request.groundTruthAttribute !== undefined) env.ground_truth_attribute = request.groundTruthAttribute;
    if (request.probabilityThresholdAttribute !== undefined) env.probability_threshold_attribute = String(request.probabilityThresholdAttribute);
  } else if (request.categoricalDriftMethod) {
    env.categorical_drift_method = request.categoricalDriftMethod;
  }
  return env;
}

export function scheduleConfigToApi(schedule: ScheduleConfig): { ScheduleExpression: string; DataAnalysisStartTime?: string; DataAnalysisEndTime?: string } {
  return {
    ScheduleExpression: schedule.scheduleExpression.trim(),
    ...(schedule.dataAnalysisStartTime ? { DataAnalysisStartTime: schedule.dataAnalysisStartTime } : {}),
    ...(schedule.dataAnalysisEndTime ? { DataAnalysisEndTime: schedule.dataAnalysisEndTime } : {}),
  };
}

/** The `CreateMonitoringSchedule` body: the job-definition form the SDK uses for built-in monitors (spec §6.3). */
export function createScheduleInput(request: CreateScheduleRequest): CreateMonitoringScheduleCommandInput {
  return {
    MonitoringScheduleName: request.name,
    MonitoringScheduleConfig: {
      ScheduleConfig: scheduleConfigToApi(request.schedule),
      MonitoringJobDefinitionName: request.jobDefinitionName,
      MonitoringType: request.type,
    },
    ...(request.tags ? { Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
  };
}
