/**
 * One monitoring execution in a local workspace, as SageMaker runs it (spec §3.8, §4.5, §6.3–6.4):
 * claim the execution (only one window or process runs a schedule's execution for a given time),
 * select the captured data of the analysis window, run our analyzer, write the reports to
 * `{output}/{endpoint}/{schedule}/yyyy/mm/dd/HH/` of the scheduled hour, and record the outcome:
 * InProgress → Completed | CompletedWithViolations | Failed (with a FailureReason that says what was
 * wrong and where we looked).
 */
import { createHash } from 'node:crypto';
import { executionFromApi, jobDefinitionFromApi } from '../apiShapes';
import { runDataQualityMonitoring, toSageMakerJson } from '../analysis/dataQuality';
import { withScriptFile } from './scriptSource';
import { runModelQualityMonitoring } from '../analysis/modelQuality';
import { MonitoringError } from '../errors';
import { isDataQualityConstraints, type ModelQualityConstraints } from '../formats/constraints';
import { isDataQualityStatistics, serializeStatistics } from '../formats/statistics';
import { serializeViolations } from '../formats/violations';
import type { ExecutionSummary, JobDefinition } from '../model';
import { CONSTRAINTS_FILE, STATISTICS_FILE, VIOLATIONS_FILE } from '../monitoringFiles';
import { hourPath, hoursBetween, joinUri } from '../objectStore';
import { nextScheduledTimes, parseIsoDuration } from '../scheduleExpression';
import { analyseExternalData } from './externalDataExecution';
import type { LocalContext } from './localBackend';
import type { EndpointDocument, ExecutionDocument, JobDefinitionRecord, ProcessingJobDocument, ScheduleDocument } from './localDocuments';
import { asApiShape, iso } from './localDocuments';
import { localArn } from './workspaceLayout';

const HOUR_MS = 3_600_000;
const ANALYZER_IMAGE = 'model-monitor-local-analyzer';
/** Hour data this small is analysed on the calling thread; starting workers would cost more than it saves. */
const IN_THREAD_BYTES = 16 * 1024 * 1024;

/** Why an execution failed, in words for the FailureReason. */
class ExecutionFailure extends Error {}

export interface AnalysisWindow {
  start: Date;
  end: Date;
}

/**
 * The data an execution analyses:
 * - NOW: [run + DataAnalysisStartTime, run + DataAnalysisEndTime);
 * - cron with EndpointInput offsets (model quality: -PT1H / -PT0H): [scheduled + start, scheduled + end);
 * - cron otherwise: the previous schedule interval, [previous fire time, scheduled time) — e.g. the
 *   previous hour for an hourly schedule, the previous 24 hours for a daily one (spec §3.2 start_time/end_time).
 */
export function analysisWindow(
  schedule: { scheduleExpression: string; dataAnalysisStartTime?: string; dataAnalysisEndTime?: string },
  input: { startTimeOffset?: string; endTimeOffset?: string },
  scheduledTime: Date,
): AnalysisWindow {
  const t = scheduledTime.getTime();
  const expr = schedule.scheduleExpression.trim();
  if (expr === 'NOW') {
    return {
      start: new Date(t + parseIsoDuration(schedule.dataAnalysisStartTime ?? '-PT1H')),
      end: new Date(t + parseIsoDuration(schedule.dataAnalysisEndTime ?? '-PT0H')),
    };
  }
  if (input.startTimeOffset) {
    return { start: new Date(t + parseIsoDuration(input.startTimeOffset)), end: new Date(t + parseIsoDuration(input.endTimeOffset ?? '-PT0H')) };
  }
  const previous = nextScheduledTimes(expr, new Date(t - 25 * HOUR_MS), 26).filter((d) => d.getTime() < t).pop();
  return { start: previous ?? new Date(t - HOUR_MS), end: new Date(t) };
}

/** `model-monitoring-{yyyyMMddHHmm}-{24 hex}` like the service's names; stable for a schedule and time. */
export function executionJobName(scheduleName: string, scheduledTime: Date): string {
  const stamp = scheduledTime.toISOString().slice(0, 16).replace(/[-T:]/g, '');
  const hash = createHash('sha1').update(`${scheduleName}@${scheduledTime.toISOString()}`).digest('hex').slice(0, 24);
  return `model-monitoring-${stamp}-${hash}`;
}

export async function runMonitoringExecution(ctx: LocalContext, scheduleName: string, scheduledTimeIn: Date): Promise<ExecutionSummary | undefined> {
  const scheduledTime = new Date(Math.floor(scheduledTimeIn.getTime() / 1000) * 1000);
  const schedule = await ctx.store.read<ScheduleDocument>('monitoring-schedules', scheduleName);
  if (!schedule) throw new MonitoringError('NotFound', `Monitoring schedule "${scheduleName}" does not exist.`, { resource: scheduleName });
  const config = schedule.MonitoringScheduleConfig;
  const definitionName = config?.MonitoringJobDefinitionName ?? '';
  const type = schedule.MonitoringType ?? config?.MonitoringType;
  const jobName = executionJobName(scheduleName, scheduledTime);
  const created = iso(ctx.now());
  const execution: ExecutionDocument = {
    MonitoringScheduleName: scheduleName,
    ScheduledTime: iso(scheduledTime),
    CreationTime: created,
    LastModifiedTime: created,
    MonitoringExecutionStatus: 'InProgress',
    ProcessingJobArn: localArn('processing-job', jobName),
    ...(schedule.EndpointName ? { EndpointName: schedule.EndpointName } : {}),
    MonitoringJobDefinitionName: definitionName,
    ...(type ? { MonitoringType: type } : {}),
  };
  if (!(await ctx.store.createExecution(scheduleName, scheduledTime, execution))) return undefined;

  // From the claim on, every failure must end in a Failed execution: one left InProgress is never retried.
  let job: ProcessingJobDocument | undefined;
  let outcome: { status: 'Completed' | 'CompletedWithViolations'; exitMessage: string } | { status: 'Failed'; reason: string };
  try {
    await recordLastExecution(ctx, scheduleName, execution);
    const record = await ctx.store.read<JobDefinitionRecord>('job-definitions', definitionName);
    if (!record) throw new ExecutionFailure(`The job definition "${definitionName}" of schedule "${scheduleName}" no longer exists.`);
    const definition = jobDefinitionFromApi(record.MonitoringType, asApiShape(record));
    if (definition.input.kind !== 'Endpoint') throw new ExecutionFailure('The local backend monitors endpoints only.');
    const window = analysisWindow(
      {
        scheduleExpression: config?.ScheduleConfig?.ScheduleExpression ?? '',
        dataAnalysisStartTime: config?.ScheduleConfig?.DataAnalysisStartTime,
        dataAnalysisEndTime: config?.ScheduleConfig?.DataAnalysisEndTime,
      },
      definition.input,
      scheduledTime,
    );
    const endpointName = definition.input.endpointName;
    const reportUri = ctx.files.reportFolderUri(definition.outputS3Uri, endpointName, scheduleName, scheduledTime);
    job = processingJob(ctx, jobName, schedule, definition, window, reportUri);
    await ctx.store.put('processing-jobs', jobName, job);
    const violations = await analyse(ctx, definition, endpointName, window, scheduledTime, reportUri);
    outcome =
      violations > 0
        ? { status: 'CompletedWithViolations', exitMessage: `CompletedWithViolations: Job completed successfully with ${violations} violations.` }
        : { status: 'Completed', exitMessage: 'Completed: Job completed successfully with no violations.' };
  } catch (e) {
    const reason = e instanceof ExecutionFailure || e instanceof MonitoringError ? e.message : `The analysis failed: ${(e as Error).message ?? String(e)}`;
    if (!(e instanceof ExecutionFailure)) ctx.logger.error(`Execution of ${scheduleName} for ${iso(scheduledTime)} failed: ${(e as Error).stack ?? String(e)}`);
    outcome = { status: 'Failed', reason: reason.length > 1024 ? `${reason.slice(0, 1021)}...` : reason };
  }

  const finished = iso(ctx.now());
  if (job) {
    await ctx.store
      .put<ProcessingJobDocument>('processing-jobs', jobName, {
        ...job,
        ProcessingJobStatus: outcome.status === 'Failed' ? 'Failed' : 'Completed',
        LastModifiedTime: finished,
        ProcessingEndTime: finished,
        ...(outcome.status === 'Failed' ? { FailureReason: outcome.reason } : { ExitMessage: outcome.exitMessage }),
      })
      .catch((e: unknown) => ctx.logger.error(`Could not record the end of processing job ${jobName}: ${e instanceof Error ? e.message : String(e)}`));
  }
  const final = await ctx.store.updateExecution<ExecutionDocument>(scheduleName, scheduledTime, (doc) => ({
    ...doc,
    MonitoringExecutionStatus: outcome.status,
    LastModifiedTime: finished,
    ...(outcome.status === 'Failed' ? { FailureReason: outcome.reason } : {}),
  }));
  await recordLastExecution(ctx, scheduleName, final ?? execution);
  return executionFromApi(asApiShape(final ?? execution));
}

/** Runs the analysis, writes the reports and returns the number of violations. */
async function analyse(ctx: LocalContext, definition: JobDefinition, endpointName: string, window: AnalysisWindow, scheduledTime: Date, reportUri: string): Promise<number> {
  if (ctx.external) return analyseExternalData(ctx, ctx.external, definition, endpointName, window, scheduledTime, reportUri);
  const endpoint = await ctx.store.read<EndpointDocument>('endpoints', endpointName);
  if (!endpoint) throw new ExecutionFailure(`Endpoint "${endpointName}" does not exist (any more).`);
  const destination = endpoint.DataCaptureConfig?.DestinationS3Uri;
  if (!destination) throw new ExecutionFailure(`Endpoint "${endpointName}" has no data capture configured, so there is nothing to monitor. Enable data capture first.`);
  const captures = await captureFiles(ctx, destination, endpointName, window);
  const where = `${joinUri(destination, endpointName)}/ between ${iso(window.start)} and ${iso(window.end)}`;
  if (captures.paths.length === 0) {
    throw new ExecutionFailure(`Job inputs had no data: no captured records for endpoint "${endpointName}" under ${where}. Send traffic to the endpoint (with capture on) in that window.`);
  }
  const baseline = definition.baseline ?? {};
  if (definition.type === 'DataQuality') {
    if (!baseline.constraintsS3Uri || !baseline.statisticsS3Uri) {
      throw new ExecutionFailure(`The job definition "${definition.name}" has no baseline statistics and constraints; run a baseline job and add both to DataQualityBaselineConfig.`);
    }
    const [statistics, constraints] = await Promise.all([ctx.files.readStatistics(baseline.statisticsS3Uri), ctx.files.readConstraints(baseline.constraintsS3Uri)]);
    if (!isDataQualityStatistics(statistics) || !isDataQualityConstraints(constraints)) {
      throw new ExecutionFailure(`The baseline files of "${definition.name}" are not data-quality statistics and constraints.`);
    }
    let result;
    const run = (recordPreprocessorScript?: string) =>
      runDataQualityMonitoring(
        { kind: 'capture', paths: captures.paths, start: window.start, end: window.end },
        { statistics, constraints },
        {
          workers: captures.bytes <= IN_THREAD_BYTES ? 1 : undefined,
          ...(recordPreprocessorScript ? { recordPreprocessorScript, onScriptLog: (text: string) => ctx.logger.info(`record preprocessor: ${text.trimEnd()}`) } : {}),
        },
      );
    try {
      const script = definition.recordPreprocessorSourceUri;
      result = script ? await withScriptFile(ctx.objects, script, run) : await run();
    } catch (e) {
      if (e instanceof MonitoringError && e.message.startsWith('Job inputs had no data')) {
        throw new ExecutionFailure(`Job inputs had no data: the ${captures.paths.length} capture file(s) of endpoint "${endpointName}" hold no records inside ${where}.`);
      }
      throw e;
    }
    await Promise.all([
      ctx.objects.put(joinUri(reportUri, STATISTICS_FILE), toSageMakerJson(result.statistics)),
      ctx.objects.put(joinUri(reportUri, CONSTRAINTS_FILE), toSageMakerJson(result.constraints)),
      ctx.objects.put(joinUri(reportUri, VIOLATIONS_FILE), toSageMakerJson(result.violations)),
    ]);
    return result.violations.violations.length;
  }

  if (!baseline.constraintsS3Uri) {
    throw new ExecutionFailure(`The job definition "${definition.name}" has no baseline constraints; run a model-quality baseline job and add its constraints.json to ModelQualityBaselineConfig.`);
  }
  const constraints = await ctx.files.readConstraints(baseline.constraintsS3Uri);
  if (isDataQualityConstraints(constraints)) throw new ExecutionFailure(`The baseline constraints of "${definition.name}" are data-quality constraints, not model-quality ones.`);
  if (!definition.input.inferenceAttribute) {
    throw new ExecutionFailure(`The job definition "${definition.name}" has no EndpointInput.InferenceAttribute: say where the prediction is in the endpoint output (e.g. "0").`);
  }
  // Labels arrive after the inference: look in the collection hours from the window's start up to the
  // scheduled hour itself (SageMaker does not document its exact look-back).
  const groundTruthUri = definition.groundTruthS3Uri ?? '';
  const groundTruth = await filesInHours(ctx, groundTruthUri, hoursBetween(window.start, new Date(scheduledTime.getTime() + HOUR_MS)));
  const result = await runModelQualityMonitoring(
    { paths: captures.paths, start: window.start, end: window.end },
    { paths: groundTruth.paths },
    {
      problemType: definition.problemType ?? 'Regression',
      inferenceAttribute: definition.input.inferenceAttribute,
      ...(definition.input.probabilityAttribute ? { probabilityAttribute: definition.input.probabilityAttribute } : {}),
      ...(definition.input.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: definition.input.probabilityThresholdAttribute } : {}),
    },
    constraints as ModelQualityConstraints,
    { evaluationTime: ctx.now() },
  );
  await Promise.all([
    ctx.objects.put(joinUri(reportUri, STATISTICS_FILE), serializeStatistics(result.statistics)),
    ctx.objects.put(joinUri(reportUri, VIOLATIONS_FILE), serializeViolations(result.violations)),
  ]);
  return result.violations.violations.length;
}

/** The local paths of the capture files in the window's hour folders, every variant, in S3 key order. */
async function captureFiles(ctx: LocalContext, destination: string, endpointName: string, window: AnalysisWindow): Promise<{ paths: string[]; bytes: number }> {
  const endpointPrefix = `${joinUri(destination, endpointName)}/`;
  const variants = await ctx.objects.listFolders(endpointPrefix);
  const found = { paths: [] as string[], bytes: 0 };
  for (const variantPrefix of variants) {
    const files = await filesInHours(ctx, variantPrefix, hoursBetween(window.start, window.end));
    found.paths.push(...files.paths);
    found.bytes += files.bytes;
  }
  return found;
}

async function filesInHours(ctx: LocalContext, rootUri: string, hours: Date[]): Promise<{ paths: string[]; bytes: number }> {
  const found = { paths: [] as string[], bytes: 0 };
  for (const hour of hours) {
    for await (const object of ctx.objects.list(`${joinUri(rootUri, hourPath(hour))}/`)) {
      if (!object.uri.endsWith('.jsonl')) continue;
      found.paths.push(ctx.objects.localPath(object.uri));
      found.bytes += object.size;
    }
  }
  return found;
}

function processingJob(
  ctx: LocalContext,
  jobName: string,
  schedule: ScheduleDocument,
  definition: JobDefinition,
  window: AnalysisWindow,
  reportUri: string,
): ProcessingJobDocument {
  const now = iso(ctx.now());
  const input = definition.input.kind === 'Endpoint' ? definition.input : undefined;
  const environment: Record<string, string> = {
    dataset_format: JSON.stringify({ sagemakerCaptureJson: { captureIndexNames: ['endpointInput', 'endpointOutput'] } }),
    dataset_source: '/opt/ml/processing/input/endpoint',
    output_path: '/opt/ml/processing/output',
    publish_cloudwatch_metrics: 'Disabled',
    sagemaker_endpoint_name: input?.endpointName ?? '',
    sagemaker_monitoring_schedule_name: schedule.MonitoringScheduleName,
    start_time: iso(window.start).replace(/\.\d{3}Z$/, 'Z'),
    end_time: iso(window.end).replace(/\.\d{3}Z$/, 'Z'),
    ...(definition.baseline?.constraintsS3Uri ? { baseline_constraints: '/opt/ml/processing/baseline/constraints/constraints.json' } : {}),
    ...(definition.baseline?.statisticsS3Uri ? { baseline_statistics: '/opt/ml/processing/baseline/stats/statistics.json' } : {}),
    ...(definition.type === 'ModelQuality'
      ? {
          analysis_type: 'MODEL_QUALITY',
          problem_type: definition.problemType ?? '',
          inference_attribute: input?.inferenceAttribute ?? '',
          ...(input?.probabilityAttribute ? { probability_attribute: input.probabilityAttribute } : {}),
          ...(input?.probabilityThresholdAttribute !== undefined ? { probability_threshold_attribute: String(input.probabilityThresholdAttribute) } : {}),
        }
      : {}),
    ...(definition.environment ?? {}),
  };
  return {
    ProcessingJobName: jobName,
    ProcessingJobArn: localArn('processing-job', jobName),
    ProcessingJobStatus: 'InProgress',
    CreationTime: now,
    LastModifiedTime: now,
    ProcessingStartTime: now,
    ...(schedule.MonitoringScheduleArn ? { MonitoringScheduleArn: schedule.MonitoringScheduleArn } : {}),
    AppSpecification: { ImageUri: definition.imageUri || ANALYZER_IMAGE },
    Environment: environment,
    ProcessingInputs: [
      ...(definition.groundTruthS3Uri ? [{ InputName: 'groundtruth_input', S3Input: { S3Uri: definition.groundTruthS3Uri, LocalPath: '/opt/ml/processing/groundtruth' } }] : []),
      ...(definition.baseline?.constraintsS3Uri ? [{ InputName: 'constraints', S3Input: { S3Uri: definition.baseline.constraintsS3Uri, LocalPath: '/opt/ml/processing/baseline/constraints' } }] : []),
      ...(definition.baseline?.statisticsS3Uri ? [{ InputName: 'baseline', S3Input: { S3Uri: definition.baseline.statisticsS3Uri, LocalPath: '/opt/ml/processing/baseline/stats' } }] : []),
    ],
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: reportUri, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
    RoleArn: definition.roleArn,
    ProcessingResources: { ClusterConfig: { InstanceCount: definition.resources.instanceCount, InstanceType: definition.resources.instanceType, VolumeSizeInGB: definition.resources.volumeSizeInGB } },
    StoppingCondition: { MaxRuntimeInSeconds: definition.maxRuntimeInSeconds ?? 3600 },
  };
}

/** Keeps the schedule's LastMonitoringExecutionSummary on the newest scheduled time. */
async function recordLastExecution(ctx: LocalContext, scheduleName: string, execution: ExecutionDocument): Promise<void> {
  await ctx.store.update<ScheduleDocument>('monitoring-schedules', scheduleName, (doc) => {
    const last = doc.LastMonitoringExecutionSummary;
    if (last && Date.parse(last.ScheduledTime) > Date.parse(execution.ScheduledTime)) return doc;
    return { ...doc, LastMonitoringExecutionSummary: execution };
  });
}
