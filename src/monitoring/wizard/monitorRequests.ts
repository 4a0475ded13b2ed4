/**
 * A valid wizard form → the exact requests that create the monitor, in order: the baseline job (when
 * the baseline is computed), the job definition, the schedule. The same objects feed the backend and
 * the review page (as the API bodies the AWS backend sends, via the pure builders it uses), so what
 * the user reviews is what is sent.
 */
import { jobDefinitionToApi } from '../apiShapes';
import { baselineProcessingJobInput, createScheduleInput } from '../aws/requestBodies';
import type { BaselineJobRequest, CreateScheduleRequest, JobDefinition, MonitoringNetworkConfig } from '../model';
import { joinUri } from '../objectStore';
import { blockers, splitIds, validateForm, type ValidationContext } from './formValidation';
import type { MonitorForm } from './monitorForm';
import { fieldUsed } from './monitorForm';
import { scheduleConfigOf } from './scheduleChoice';

/** The analyzer a local workspace's jobs name (the local backend runs our own). */
export const LOCAL_ANALYZER_IMAGE = 'model-monitor-local-analyzer';
/** The role local jobs record: a local workspace has no IAM. */
export const LOCAL_ROLE_ARN = 'arn:aws:iam::000000000000:role/model-monitor-local';
export const DATA_QUALITY_INPUT_PATH = '/opt/ml/processing/input/endpoint';
export const MODEL_QUALITY_INPUT_PATH = '/opt/ml/processing/input_data';

export interface MonitorPlan {
  /** A file of this machine to upload to `baseline.datasetS3Uri` before the baseline job starts. */
  upload?: { file: string; s3Uri: string };
  baseline?: BaselineJobRequest;
  jobDefinition: JobDefinition;
  schedule: CreateScheduleRequest;
}

export interface PlanContext extends ValidationContext {
  /** The analyzer image of the connection's region (AWS), from analyzerImageUri. */
  imageUri: string;
}

export class FormInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`The form is not complete: ${problems.join(' ')}`);
  }
}

const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

function isLocalFile(location: string): boolean {
  return !location.trim().startsWith('s3://');
}

/** Where a local dataset file is uploaded: beside the baseline's output, under its own name. */
export function uploadUriFor(form: MonitorForm): string {
  const name = form.datasetLocation.trim().split(/[\\/]/).pop() ?? 'dataset';
  return joinUri(form.baselineOutputS3Uri.trim(), 'input', name);
}

/** The requests of a form; throws FormInvalidError listing what blocks it. */
export function planMonitor(form: MonitorForm, ctx: PlanContext): MonitorPlan {
  const problems = blockers(validateForm(form, ctx));
  if (problems.length) throw new FormInvalidError(problems);
  const schedule = scheduleConfigOf(form);
  if (!schedule) throw new FormInvalidError(['Schedule › Frequency: incomplete.']);
  const managed = fieldUsed(form, 'roleArn');
  const mq = form.type === 'ModelQuality';
  const resources = managed
    ? {
        instanceCount: Number(form.instanceCount),
        instanceType: form.instanceType.trim(),
        volumeSizeInGB: Number(form.volumeSizeInGB),
        ...(text(form.volumeKmsKeyId) ? { volumeKmsKeyId: text(form.volumeKmsKeyId) } : {}),
      }
    : { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 30 };
  const roleArn = managed ? form.roleArn.trim() : LOCAL_ROLE_ARN;
  const networkConfig = managed ? networkConfigOf(form) : undefined;
  const outputKmsKeyId = managed ? text(form.outputKmsKeyId) : undefined;
  const maxRuntimeInSeconds = Number(form.maxRuntimeInSeconds);
  const binary = form.problemType === 'BinaryClassification';
  const classification = form.problemType !== 'Regression';

  let baseline: BaselineJobRequest | undefined;
  let upload: MonitorPlan['upload'];
  let baselineFiles: JobDefinition['baseline'];
  if (form.baselineSource === 'compute') {
    const output = form.baselineOutputS3Uri.trim().replace(/\/+$/, '');
    let datasetS3Uri = form.datasetLocation.trim();
    if (isLocalFile(datasetS3Uri)) {
      upload = { file: datasetS3Uri, s3Uri: uploadUriFor(form) };
      datasetS3Uri = upload.s3Uri;
    }
    baseline = {
      jobName: form.baselineJobName.trim(),
      type: form.type,
      datasetS3Uri,
      datasetFormat: form.datasetFormat === 'jsonLines' ? { json: { lines: true } } : { csv: { header: form.datasetFormat === 'csvHeader' } },
      outputS3Uri: output,
      roleArn,
      resources,
      maxRuntimeInSeconds,
      ...(mq
        ? {
            problemType: form.problemType,
            inferenceAttribute: form.datasetPredictionColumn.trim(),
            groundTruthAttribute: form.datasetLabelColumn.trim(),
            ...(classification && text(form.datasetProbabilityColumn) ? { probabilityAttribute: text(form.datasetProbabilityColumn) } : {}),
            ...(binary && text(form.probabilityThreshold) ? { probabilityThresholdAttribute: Number(form.probabilityThreshold) } : {}),
          }
        : {}),
      ...(outputKmsKeyId ? { outputKmsKeyId } : {}),
      ...(networkConfig ? { networkConfig } : {}),
    };
    baselineFiles = mq ? { constraintsS3Uri: `${output}/constraints.json` } : { constraintsS3Uri: `${output}/constraints.json`, statisticsS3Uri: `${output}/statistics.json` };
  } else {
    baselineFiles = mq
      ? { constraintsS3Uri: form.constraintsS3Uri.trim() }
      : { constraintsS3Uri: form.constraintsS3Uri.trim(), statisticsS3Uri: form.statisticsS3Uri.trim() };
  }

  const jobDefinition: JobDefinition = {
    name: form.scheduleName.trim(),
    type: form.type,
    input: {
      kind: 'Endpoint',
      endpointName: form.endpointName.trim(),
      localPath: mq ? MODEL_QUALITY_INPUT_PATH : DATA_QUALITY_INPUT_PATH,
      ...(mq
        ? {
            ...(text(form.startTimeOffset) ? { startTimeOffset: text(form.startTimeOffset), endTimeOffset: text(form.endTimeOffset) } : {}),
            inferenceAttribute: form.inferenceAttribute.trim(),
            ...(classification && text(form.probabilityAttribute) ? { probabilityAttribute: text(form.probabilityAttribute) } : {}),
            ...(binary && text(form.probabilityThreshold) ? { probabilityThresholdAttribute: Number(form.probabilityThreshold) } : {}),
          }
        : {}),
    },
    baseline: baselineFiles,
    outputS3Uri: form.outputS3Uri.trim(),
    ...(outputKmsKeyId ? { outputKmsKeyId } : {}),
    imageUri: managed ? ctx.imageUri : LOCAL_ANALYZER_IMAGE,
    ...(managed ? { environment: { publish_cloudwatch_metrics: form.publishCloudWatchMetrics ? 'Enabled' : 'Disabled' } } : {}),
    roleArn,
    resources,
    ...(networkConfig ? { networkConfig } : {}),
    maxRuntimeInSeconds,
    ...(mq ? { problemType: form.problemType, groundTruthS3Uri: form.groundTruthS3Uri.trim() } : {}),
    ...(fieldUsed(form, 'recordPreprocessorSourceUri') && text(form.recordPreprocessorSourceUri) ? { recordPreprocessorSourceUri: text(form.recordPreprocessorSourceUri) } : {}),
    ...(managed && text(form.postAnalyticsProcessorSourceUri) ? { postAnalyticsProcessorSourceUri: text(form.postAnalyticsProcessorSourceUri) } : {}),
  };
  return {
    ...(upload ? { upload } : {}),
    ...(baseline ? { baseline } : {}),
    jobDefinition,
    schedule: { name: form.scheduleName.trim(), type: form.type, jobDefinitionName: jobDefinition.name, schedule },
  };
}

function networkConfigOf(form: MonitorForm): MonitoringNetworkConfig | undefined {
  const subnets = splitIds(form.subnets);
  const securityGroupIds = splitIds(form.securityGroupIds);
  if (!form.enableNetworkIsolation && !form.enableInterContainerTrafficEncryption && subnets.length === 0) return undefined;
  return {
    enableInterContainerTrafficEncryption: form.enableInterContainerTrafficEncryption,
    enableNetworkIsolation: form.enableNetworkIsolation,
    ...(subnets.length ? { vpcConfig: { subnets, securityGroupIds } } : {}),
  };
}

export interface ApiRequest {
  operation: string;
  body: object;
}

/** The plan as the SageMaker API calls that carry it, with their exact bodies. */
export function apiRequestsOf(plan: MonitorPlan): ApiRequest[] {
  const out: ApiRequest[] = [];
  if (plan.baseline) {
    out.push({ operation: 'CreateProcessingJob', body: baselineProcessingJobInput(plan.baseline, plan.jobDefinition.imageUri) });
  }
  const { JobDefinitionArn: _arn, CreationTime: _created, ...definition } = jobDefinitionToApi(plan.jobDefinition);
  out.push({ operation: `Create${plan.jobDefinition.type}JobDefinition`, body: definition });
  out.push({ operation: 'CreateMonitoringSchedule', body: createScheduleInput(plan.schedule) });
  return out;
}
