/**
 * The MonitoringBackend over SageMaker and S3. SageMaker calls go through SageMakerApi (typed, mapped
 * errors, paging, bounded fan-out); SageMaker's files (reports, baselines, capture, ground truth) are
 * read and written by MonitoringFiles over an S3ObjectStore, exactly as the local backend does over a
 * folder. Requests SageMaker would refuse (bad schedule expressions, names, percentages) are refused
 * here first, with the rule in the message.
 */
import type { CreateEndpointConfigCommandInput, DataCaptureConfig as ApiDataCaptureConfig, MonitoringScheduleConfig } from '@aws-sdk/client-sagemaker';
import {
  dataCaptureConfigToApi,
  endpointConfigFromApi,
  endpointFromApi,
  endpointSummaryFromApi,
  executionFromApi,
  jobDefinitionFromApi,
  jobDefinitionToApi,
  scheduleFromApi,
  scheduleSummaryFromApi,
} from '../apiShapes';
import type { MonitoringBackend } from '../backend';
import { MonitoringError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type {
  BaselineJob,
  BaselineJobRequest,
  BaselineJobStatus,
  CreateScheduleRequest,
  DataCaptureConfig,
  Endpoint,
  EndpointConfig,
  EndpointSummary,
  ExecutionSummary,
  JobDefinition,
  ListEndpointsRequest,
  ListExecutionsRequest,
  ListSchedulesRequest,
  MonitoringType,
  Page,
  Schedule,
  ScheduleConfig,
  ScheduleSummary,
} from '../model';
import { MonitoringFiles } from '../monitoringFiles';
import { parseS3Uri } from '../objectStore';
import { ObjectStoreBackend } from '../objectStoreBackend';
import { validateScheduleConfig } from '../scheduleExpression';
import { analyzerImageUri } from './analyzerImage';
import { baselineProcessingJobInput, createScheduleInput, scheduleConfigToApi } from './requestBodies';
import { AwsClientFactory, type AwsClientFactoryOptions, type AwsTarget } from './clientFactory';
import type { AwsProfileKind } from './credentials';
import { S3ObjectStore } from './s3ObjectStore';
import { DEFAULT_CONCURRENCY, SageMakerApi, type MonitoringOverview } from './sageMakerApi';

export interface AwsBackendOptions {
  region: string;
  /** A profile of the shared AWS files; without one, credentials come from the environment. */
  profile?: string;
  /** The profile's kind, so that an expired SSO session is answered with `aws sso login --profile …`. */
  profileKind?: AwsProfileKind;
  /** URLs replacing AWS's endpoints (tests, VPC endpoints). */
  endpointOverrides?: AwsTarget['endpointOverrides'];
  /** A factory shared with other backends (not disposed by this backend), or the options to make one of our own. */
  clients: AwsClientFactory | AwsClientFactoryOptions;
  logger?: Logger;
  /** Calls in flight at once when fanning out (default 8). */
  concurrency?: number;
  /** The clock used for new endpoint-config names (tests pin it). */
  now?: () => Date;
}

/** SageMaker's resource-name rule (endpoints, configs, schedules, job definitions, processing jobs). */
const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const CONFIG_SUFFIX = /-capture-\d{14}-[0-9a-f]{4}$/;


/** Kept here for the callers that import it from the backend. */
export { baselineEnvironment } from './requestBodies';

export class AwsBackend extends ObjectStoreBackend implements MonitoringBackend {
  readonly kind = 'aws' as const;
  readonly id: string;
  /** The SageMaker calls, exposed for views that need more than the backend interface (the overview). */
  readonly api: SageMakerApi;
  private readonly factory: AwsClientFactory;
  private readonly ownsFactory: boolean;
  private readonly logger: Logger;
  private readonly now: () => Date;

  /** The region every request goes to (the analyzer image is per region). */
  get region(): string {
    return this.options.region;
  }

  constructor(private readonly options: AwsBackendOptions) {
    const factory = options.clients instanceof AwsClientFactory ? options.clients : new AwsClientFactory(options.clients);
    const target: AwsTarget = { region: options.region, profile: options.profile, endpointOverrides: options.endpointOverrides };
    const context = { region: options.region, profile: options.profile, profileKind: options.profileKind };
    super(new MonitoringFiles(new S3ObjectStore(factory.s3(target), { ...context, endpoint: options.endpointOverrides?.s3 })));
    this.id = `aws:${options.profile ?? 'env'}@${options.region}`;
    this.ownsFactory = !(options.clients instanceof AwsClientFactory);
    this.factory = factory;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.api = new SageMakerApi(
      factory.sageMaker(target),
      { ...context, endpoint: options.endpointOverrides?.sagemaker },
      options.concurrency ?? DEFAULT_CONCURRENCY,
    );
  }

  // Endpoints and data capture

  async listEndpoints(request: ListEndpointsRequest = {}): Promise<Page<EndpointSummary>> {
    const page = await this.api.listEndpointsPage({
      SortBy: 'Name',
      SortOrder: 'Ascending',
      ...(request.nameContains ? { NameContains: request.nameContains } : {}),
      ...(request.status ? { StatusEquals: request.status } : {}),
      ...(request.maxResults ? { MaxResults: request.maxResults } : {}),
      ...(request.nextToken ? { NextToken: request.nextToken } : {}),
    });
    return withToken((page.Endpoints ?? []).map(endpointSummaryFromApi), page.NextToken);
  }

  async describeEndpoint(name: string): Promise<Endpoint> {
    return endpointFromApi(await this.api.describeEndpoint(name));
  }

  async describeEndpointConfig(name: string): Promise<EndpointConfig> {
    return endpointConfigFromApi(await this.api.describeEndpointConfig(name));
  }

  async updateDataCapture(endpointName: string, capture: DataCaptureConfig): Promise<Endpoint> {
    const problem = dataCaptureProblem(capture);
    if (problem) throw new MonitoringError('Validation', `Data capture for ${endpointName}: ${problem}`, { operation: 'UpdateDataCapture', resource: endpointName });
    return this.swapEndpointConfig(endpointName, () => dataCaptureConfigToApi(capture));
  }

  async disableDataCapture(endpointName: string): Promise<Endpoint> {
    return this.swapEndpointConfig(endpointName, (current) => (current && current.EnableCapture !== false ? { ...current, EnableCapture: false } : undefined));
  }

  async deleteEndpoint(name: string): Promise<void> {
    // SageMaker's own refusal names no schedule; ours names them, so the user knows what to delete first.
    const schedules = await this.api.listAllSchedules({ EndpointName: name });
    if (schedules.length > 0) throw endpointInUse(name, schedules.map((s) => s.MonitoringScheduleName ?? ''), 'DeleteEndpoint');
    await this.api.deleteEndpoint(name);
  }

  /** The monitoring picture of the whole region in a few list calls (see SageMakerApi.listMonitoringOverview). */
  listMonitoringOverview(): Promise<MonitoringOverview> {
    return this.api.listMonitoringOverview();
  }

  /**
   * Endpoint configs are immutable (spec §1.2): copy the current one under a new name with the new
   * capture settings and point the endpoint at it. The old config stays (the endpoint may roll back
   * to it while updating). `nextCapture` returns undefined when nothing needs to change.
   */
  private async swapEndpointConfig(endpointName: string, nextCapture: (current: ApiDataCaptureConfig | undefined) => ApiDataCaptureConfig | undefined): Promise<Endpoint> {
    const endpoint = await this.api.describeEndpoint(endpointName);
    if (endpoint.EndpointStatus !== 'InService') {
      throw new MonitoringError(
        'InUse',
        `Endpoint ${endpointName} is ${endpoint.EndpointStatus}; its data capture can only be changed when it is InService. Wait for it and try again.`,
        { operation: 'UpdateEndpoint', resource: endpointName },
      );
    }
    const oldName = endpoint.EndpointConfigName ?? '';
    const { EndpointConfigArn: _arn, CreationTime: _created, DataCaptureConfig: current, EndpointConfigName: _name, ...copyable } =
      await this.api.describeEndpointConfig(oldName);
    const capture = nextCapture(current);
    if (!capture) return endpointFromApi(endpoint);
    const newName = derivedConfigName(oldName, this.now());
    const input: CreateEndpointConfigCommandInput = { ...copyable, EndpointConfigName: newName, DataCaptureConfig: capture };
    await this.api.createEndpointConfig(input);
    try {
      await this.api.updateEndpoint(endpointName, newName);
    } catch (e) {
      // The new config is unused; remove it so failed attempts do not pile up, but report the update's failure.
      await this.api.deleteEndpointConfig(newName).catch((cleanup: unknown) => {
        this.logger.warn(`Could not delete unused endpoint config ${newName}: ${(cleanup as Error).message}`);
      });
      throw e;
    }
    this.logger.info(`Endpoint ${endpointName}: config ${oldName} → ${newName} (data capture ${capture.EnableCapture === false ? 'off' : 'on'})`);
    return this.describeEndpoint(endpointName);
  }

  // Job definitions

  async createJobDefinition(definition: JobDefinition): Promise<JobDefinition> {
    checkName(definition.name, 'Job definition name', `Create${definition.type}JobDefinition`);
    const { JobDefinitionArn: _arn, CreationTime: _created, ...body } = jobDefinitionToApi(definition);
    await this.api.createJobDefinition(definition.type, body);
    return this.describeJobDefinition(definition.name, definition.type);
  }

  async describeJobDefinition(name: string, type: MonitoringType): Promise<JobDefinition> {
    return jobDefinitionFromApi(type, await this.api.describeJobDefinition(type, name));
  }

  async deleteJobDefinition(name: string, type: MonitoringType): Promise<void> {
    await this.api.deleteJobDefinition(type, name);
  }

  // Schedules

  async listSchedules(request: ListSchedulesRequest = {}): Promise<Page<ScheduleSummary>> {
    const page = await this.api.listSchedulesPage({
      SortBy: 'Name',
      SortOrder: 'Ascending',
      ...(request.endpointName ? { EndpointName: request.endpointName } : {}),
      ...(request.type ? { MonitoringTypeEquals: request.type } : {}),
      ...(request.maxResults ? { MaxResults: request.maxResults } : {}),
      ...(request.nextToken ? { NextToken: request.nextToken } : {}),
    });
    return withToken((page.MonitoringScheduleSummaries ?? []).map(scheduleSummaryFromApi), page.NextToken);
  }

  async describeSchedule(name: string): Promise<Schedule> {
    return scheduleFromApi(await this.api.describeSchedule(name));
  }

  async createSchedule(request: CreateScheduleRequest): Promise<Schedule> {
    checkName(request.name, 'Schedule name', 'CreateMonitoringSchedule');
    checkScheduleConfig(request.schedule, request.name, 'CreateMonitoringSchedule');
    await this.api.createSchedule(createScheduleInput(request));
    return this.describeSchedule(request.name);
  }

  async updateSchedule(name: string, schedule: ScheduleConfig, jobDefinitionName?: string): Promise<Schedule> {
    checkScheduleConfig(schedule, name, 'UpdateMonitoringSchedule');
    const current = (await this.api.describeSchedule(name)).MonitoringScheduleConfig ?? {};
    const config: MonitoringScheduleConfig = { ...current, ScheduleConfig: scheduleConfigToApi(schedule) };
    if (jobDefinitionName) {
      config.MonitoringJobDefinitionName = jobDefinitionName;
      delete config.MonitoringJobDefinition;
    }
    await this.api.updateSchedule(name, config);
    return this.describeSchedule(name);
  }

  async startSchedule(name: string): Promise<void> {
    await this.api.startSchedule(name);
  }

  async stopSchedule(name: string): Promise<void> {
    await this.api.stopSchedule(name);
  }

  async deleteSchedule(name: string): Promise<void> {
    await this.api.deleteSchedule(name);
  }

  // Executions and their reports

  async listExecutions(request: ListExecutionsRequest): Promise<Page<ExecutionSummary>> {
    const page = await this.api.listExecutionsPage({
      SortBy: 'ScheduledTime',
      SortOrder: request.sortOrder ?? 'Descending',
      ...(request.scheduleName ? { MonitoringScheduleName: request.scheduleName } : {}),
      ...(request.endpointName ? { EndpointName: request.endpointName } : {}),
      ...(request.jobDefinitionName ? { MonitoringJobDefinitionName: request.jobDefinitionName } : {}),
      ...(request.scheduledAfter ? { ScheduledTimeAfter: request.scheduledAfter } : {}),
      ...(request.scheduledBefore ? { ScheduledTimeBefore: request.scheduledBefore } : {}),
      ...(request.status ? { StatusEquals: request.status } : {}),
      ...(request.maxResults ? { MaxResults: request.maxResults } : {}),
      ...(request.nextToken ? { NextToken: request.nextToken } : {}),
    });
    return withToken((page.MonitoringExecutionSummaries ?? []).map(executionFromApi), page.NextToken);
  }

  /**
   * Where an execution's reports are: its processing job's output when it has one (exact), else the
   * layout SageMaker writes under the job definition's output (spec §3.8).
   */
  protected async reportFolder(execution: ExecutionSummary): Promise<string> {
    const jobName = execution.processingJobArn?.split(':processing-job/')[1];
    if (jobName) {
      const job = await this.api.describeProcessingJob(jobName);
      const output = job.ProcessingOutputConfig?.Outputs?.find((o) => o.S3Output?.S3Uri)?.S3Output?.S3Uri;
      if (output) return output;
    }
    const schedule = await this.api.describeSchedule(execution.scheduleName);
    const config = schedule.MonitoringScheduleConfig;
    let outputS3Uri = config?.MonitoringJobDefinition?.MonitoringOutputConfig?.MonitoringOutputs?.[0]?.S3Output?.S3Uri;
    let endpointName = execution.endpointName ?? schedule.EndpointName;
    const type = (execution.type ?? schedule.MonitoringType ?? config?.MonitoringType) as MonitoringType | undefined;
    const definitionName = execution.jobDefinitionName ?? config?.MonitoringJobDefinitionName;
    if (!outputS3Uri && definitionName && type) {
      const definition = await this.describeJobDefinition(definitionName, type);
      outputS3Uri = definition.outputS3Uri;
      if (!endpointName && definition.input.kind === 'Endpoint') endpointName = definition.input.endpointName;
    }
    if (!outputS3Uri || !endpointName) {
      throw new MonitoringError(
        'NotFound',
        `Cannot locate the reports of the ${execution.scheduledTime.toISOString()} execution of ${execution.scheduleName}: it has no processing job and its schedule names no output location.`,
        { operation: 'ReadExecutionReports', resource: execution.scheduleName },
      );
    }
    return this.files.reportFolderUri(outputS3Uri, endpointName, execution.scheduleName, execution.scheduledTime);
  }

  // Baselines

  async startBaselineJob(request: BaselineJobRequest): Promise<BaselineJob> {
    checkName(request.jobName, 'Baseline job name', 'CreateProcessingJob');
    for (const [field, uri] of [
      ['datasetS3Uri', request.datasetS3Uri],
      ['outputS3Uri', request.outputS3Uri],
    ] as const) {
      checkS3Uri(uri, field, request.jobName);
    }
    await this.api.createProcessingJob(baselineProcessingJobInput(request, analyzerImageUri(this.options.region)));
    return this.describeBaselineJob(request.jobName);
  }

  async describeBaselineJob(jobName: string): Promise<BaselineJob> {
    const job = await this.api.describeProcessingJob(jobName);
    return {
      jobName: job.ProcessingJobName ?? jobName,
      status: (job.ProcessingJobStatus ?? 'InProgress') as BaselineJobStatus,
      outputS3Uri: job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri ?? '',
      creationTime: job.CreationTime ?? new Date(0),
      ...(job.ProcessingEndTime ? { endTime: job.ProcessingEndTime } : {}),
      ...(job.FailureReason ? { failureReason: job.FailureReason } : {}),
      ...(job.ExitMessage ? { exitMessage: job.ExitMessage } : {}),
    };
  }

  // Statistics, constraints, captured data and ground truth: ObjectStoreBackend, over S3.

  dispose(): void {
    if (this.ownsFactory) this.factory.dispose();
  }
}

function withToken<T>(items: T[], nextToken: string | undefined): Page<T> {
  return nextToken ? { items, nextToken } : { items };
}

function checkName(name: string, what: string, operation: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new MonitoringError(
      'Validation',
      `${what} "${name}" is not valid: use 1–63 letters, digits and hyphens, starting and ending with a letter or digit.`,
      { operation, resource: name },
    );
  }
}

function checkS3Uri(uri: string, field: string, resource: string): void {
  try {
    parseS3Uri(uri);
  } catch {
    throw new MonitoringError('Validation', `${field} "${uri}" is not an S3 URI (expected s3://bucket/prefix).`, { operation: 'CreateProcessingJob', resource });
  }
}

function checkScheduleConfig(schedule: ScheduleConfig, name: string, operation: string): void {
  const problem = validateScheduleConfig(schedule);
  if (problem) throw new MonitoringError('Validation', `Schedule ${name}: ${problem}`, { operation, resource: name });
}

function dataCaptureProblem(c: DataCaptureConfig): string | undefined {
  if (!Number.isInteger(c.initialSamplingPercentage) || c.initialSamplingPercentage < 0 || c.initialSamplingPercentage > 100) {
    return `the sampling percentage must be a whole number 0–100, got ${c.initialSamplingPercentage}.`;
  }
  if (!/^s3:\/\/[^/]+/.test(c.destinationS3Uri)) return `the destination "${c.destinationS3Uri}" is not an S3 URI (s3://bucket/prefix).`;
  if (c.captureModes.length === 0) return 'choose what to capture: Input, Output or both.';
  return undefined;
}

/**
 * A new config name derived from the old one: `<old>-capture-<yyyyMMddHHmmss>-<4 hex>`, with an
 * earlier such suffix replaced (so repeated changes do not grow the name) and trimmed to 63 characters.
 */
export function derivedConfigName(oldName: string, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const random = Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  const suffix = `-capture-${stamp}-${random}`;
  const base = oldName.replace(CONFIG_SUFFIX, '').slice(0, 63 - suffix.length).replace(/-+$/, '');
  return `${base}${suffix}`;
}

function endpointInUse(endpointName: string, scheduleNames: readonly string[], operation: string): MonitoringError {
  return new MonitoringError(
    'InUse',
    `Endpoint ${endpointName} still has monitoring schedule${scheduleNames.length === 1 ? '' : 's'} ${scheduleNames.join(', ')}; delete ${scheduleNames.length === 1 ? 'it' : 'them'} first.`,
    { operation, resource: endpointName },
  );
}
