/**
 * Baseline ("suggest baseline") processing jobs in a local workspace: like `CreateProcessingJob` with
 * the analyzer image, the job is recorded InProgress at once and runs in the background; when done it
 * has written `{output}/statistics.json` and `{output}/constraints.json` (spec §3.8) and is Completed,
 * or Failed with a reason. A job that was running when its window closed stays InProgress: there is no
 * process left to finish it (start a new job).
 */
import { suggestDataQualityBaseline, toSageMakerJson } from '../analysis/dataQuality';
import { suggestModelQualityBaseline } from '../analysis/modelQuality';
import { MonitoringError } from '../errors';
import { serializeConstraints } from '../formats/constraints';
import { serializeStatistics } from '../formats/statistics';
import type { BaselineJob, BaselineJobRequest } from '../model';
import { CONSTRAINTS_FILE, STATISTICS_FILE } from '../monitoringFiles';
import { joinUri, parseS3Uri } from '../objectStore';
import type { LocalContext } from './localBackend';
import type { ProcessingJobDocument } from './localDocuments';
import { iso } from './localDocuments';
import { localArn } from './workspaceLayout';

const DATASET_INPUT_PATH = '/opt/ml/processing/input/baseline_dataset_input';

export async function startBaselineJob(ctx: LocalContext, request: BaselineJobRequest): Promise<{ job: BaselineJob; done: Promise<BaselineJob> }> {
  checkRequest(request);
  const now = iso(ctx.now());
  const doc: ProcessingJobDocument = {
    ProcessingJobName: request.jobName,
    ProcessingJobArn: localArn('processing-job', request.jobName),
    ProcessingJobStatus: 'InProgress',
    CreationTime: now,
    LastModifiedTime: now,
    ProcessingStartTime: now,
    AppSpecification: { ImageUri: 'model-monitor-local-analyzer' },
    Environment: environmentOf(request),
    ProcessingInputs: [{ InputName: 'baseline_dataset_input', S3Input: { S3Uri: request.datasetS3Uri, LocalPath: DATASET_INPUT_PATH } }],
    ProcessingOutputConfig: {
      Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: request.outputS3Uri, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }],
    },
    RoleArn: request.roleArn,
    ProcessingResources: {
      ClusterConfig: {
        InstanceCount: request.resources?.instanceCount ?? 1,
        InstanceType: request.resources?.instanceType ?? 'ml.m5.xlarge',
        VolumeSizeInGB: request.resources?.volumeSizeInGB ?? 30,
      },
    },
    StoppingCondition: { MaxRuntimeInSeconds: request.maxRuntimeInSeconds ?? 3600 },
  };
  if (!(await ctx.store.create('processing-jobs', request.jobName, doc))) {
    throw new MonitoringError('InUse', `A processing job named "${request.jobName}" already exists; job names must be unique.`, { resource: request.jobName });
  }
  const done = run(ctx, request, doc);
  return { job: baselineJobFromDocument(doc), done };
}

export async function describeBaselineJob(ctx: LocalContext, jobName: string): Promise<BaselineJob> {
  const doc = await ctx.store.read<ProcessingJobDocument>('processing-jobs', jobName);
  if (!doc) throw new MonitoringError('NotFound', `Processing job "${jobName}" does not exist.`, { resource: jobName });
  return baselineJobFromDocument(doc);
}

export function baselineJobFromDocument(doc: ProcessingJobDocument): BaselineJob {
  return {
    jobName: doc.ProcessingJobName,
    status: doc.ProcessingJobStatus,
    outputS3Uri: doc.ProcessingOutputConfig.Outputs[0]?.S3Output.S3Uri ?? '',
    creationTime: new Date(doc.CreationTime),
    ...(doc.ProcessingEndTime ? { endTime: new Date(doc.ProcessingEndTime) } : {}),
    ...(doc.FailureReason ? { failureReason: doc.FailureReason } : {}),
    ...(doc.ExitMessage ? { exitMessage: doc.ExitMessage } : {}),
  };
}

async function run(ctx: LocalContext, request: BaselineJobRequest, doc: ProcessingJobDocument): Promise<BaselineJob> {
  let result: Partial<ProcessingJobDocument>;
  try {
    const path = await datasetFile(ctx, request.datasetS3Uri);
    const input = 'csv' in request.datasetFormat ? { kind: 'csv' as const, path, header: request.datasetFormat.csv.header } : { kind: 'jsonl' as const, path };
    if (request.type === 'DataQuality') {
      const baseline = await suggestDataQualityBaseline(input, request.categoricalDriftMethod ? { categoricalDriftMethod: request.categoricalDriftMethod } : {});
      await ctx.objects.put(joinUri(request.outputS3Uri, STATISTICS_FILE), toSageMakerJson(baseline.statistics));
      await ctx.objects.put(joinUri(request.outputS3Uri, CONSTRAINTS_FILE), toSageMakerJson(baseline.constraints));
    } else {
      const baseline = await suggestModelQualityBaseline(
        input,
        {
          problemType: request.problemType!,
          inferenceAttribute: request.inferenceAttribute!,
          groundTruthAttribute: request.groundTruthAttribute!,
          ...(request.probabilityAttribute ? { probabilityAttribute: request.probabilityAttribute } : {}),
          ...(request.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: request.probabilityThresholdAttribute } : {}),
        },
        { evaluationTime: ctx.now() },
      );
      await ctx.objects.put(joinUri(request.outputS3Uri, STATISTICS_FILE), serializeStatistics(baseline.statistics));
      await ctx.objects.put(joinUri(request.outputS3Uri, CONSTRAINTS_FILE), serializeConstraints(baseline.constraints));
    }
    result = { ProcessingJobStatus: 'Completed', ExitMessage: 'Completed: Job completed successfully with no violations.' };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!(e instanceof MonitoringError)) ctx.logger.error(`Baseline job ${request.jobName} failed: ${(e as Error).stack ?? message}`);
    result = { ProcessingJobStatus: 'Failed', FailureReason: message.length > 1024 ? `${message.slice(0, 1021)}...` : message };
  }
  const finished = iso(ctx.now());
  const final = await ctx.store.update<ProcessingJobDocument>('processing-jobs', request.jobName, (current) => ({
    ...current,
    ...result,
    LastModifiedTime: finished,
    ProcessingEndTime: finished,
  }));
  return baselineJobFromDocument(final ?? { ...doc, ...result });
}

/** The dataset is an object, or a prefix holding exactly one object (the analyzer reads one file). */
async function datasetFile(ctx: LocalContext, uri: string): Promise<string> {
  if ((await ctx.objects.get(uri)) !== undefined) return ctx.objects.localPath(uri);
  const objects: string[] = [];
  for await (const o of ctx.objects.list(uri.endsWith('/') ? uri : `${uri}/`)) objects.push(o.uri);
  if (objects.length === 1) return ctx.objects.localPath(objects[0]);
  if (objects.length === 0) throw new MonitoringError('NotFound', `No S3 objects found under ${uri}: upload the baseline dataset there first.`, { resource: uri });
  throw new MonitoringError('Validation', `${uri} holds ${objects.length} objects; the local analyzer baselines one dataset file — point it at the file.`, { resource: uri });
}

function environmentOf(request: BaselineJobRequest): Record<string, string> {
  const format = 'csv' in request.datasetFormat ? { csv: { header: request.datasetFormat.csv.header, output_columns_position: 'START' } } : { json: { lines: request.datasetFormat.json.lines } };
  return {
    dataset_format: JSON.stringify(format),
    dataset_source: DATASET_INPUT_PATH,
    output_path: '/opt/ml/processing/output',
    publish_cloudwatch_metrics: 'Disabled',
    ...(request.type === 'ModelQuality'
      ? {
          analysis_type: 'MODEL_QUALITY',
          problem_type: request.problemType ?? '',
          inference_attribute: request.inferenceAttribute ?? '',
          ground_truth_attribute: request.groundTruthAttribute ?? '',
          ...(request.probabilityAttribute ? { probability_attribute: request.probabilityAttribute } : {}),
          ...(request.probabilityThresholdAttribute !== undefined ? { probability_threshold_attribute: String(request.probabilityThresholdAttribute) } : {}),
        }
      : request.categoricalDriftMethod
        ? { categorical_drift_method: request.categoricalDriftMethod }
        : {}),
  };
}

function checkRequest(request: BaselineJobRequest): void {
  const fail = (message: string): never => {
    throw new MonitoringError('Validation', message, { resource: request.jobName });
  };
  for (const [what, uri] of [
    ['dataset', request.datasetS3Uri],
    ['output', request.outputS3Uri],
  ] as const) {
    let bucket = '';
    try {
      bucket = parseS3Uri(uri).bucket;
    } catch {
      // reported below
    }
    if (!bucket) fail(`The baseline ${what} location "${uri}" is not an S3 URI (expected s3://bucket/key).`);
  }
  if (request.type !== 'DataQuality' && request.type !== 'ModelQuality') fail(`Baseline jobs are DataQuality or ModelQuality, not ${String(request.type)}.`);
  if (request.type === 'ModelQuality') {
    if (!request.problemType) fail('A model-quality baseline needs a problem type (Regression, BinaryClassification or MulticlassClassification).');
    if (!request.inferenceAttribute) fail('A model-quality baseline needs the inference attribute: the column holding the prediction.');
    if (!request.groundTruthAttribute) fail('A model-quality baseline needs the ground truth attribute: the column holding the actual label.');
  }
}
