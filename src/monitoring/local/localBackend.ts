/**
 * The embedded backend: the whole Model Monitor loop in a folder, no AWS account needed. Resources are
 * API-shaped JSON documents (localStore.ts), objects live in a folder laid out like S3
 * (localObjectStore.ts), analyses run our re-implementation of SageMaker's analyzer. Semantics and
 * errors follow the SageMaker API: ResourceNotFound → NotFound, ResourceInUse → InUse,
 * ValidationException → Validation, with messages that say what to do.
 */
import { MonitoringError } from '../errors';
import type { MonitoringBackend } from '../backend';
import {
  dataCaptureConfigToApi,
  endpointConfigFromApi,
  endpointFromApi,
  endpointSummaryFromApi,
  executionFromApi,
  jobDefinitionFromApi,
  jobDefinitionToApi,
  productionVariantToApi,
  scheduleFromApi,
  scheduleSummaryFromApi,
} from '../apiShapes';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type {
  BaselineJob,
  BaselineJobRequest,
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
  PageRequest,
  ProductionVariant,
  Schedule,
  ScheduleConfig,
  ScheduleSummary,
} from '../model';
import { MonitoringFiles } from '../monitoringFiles';
import { parseS3Uri } from '../objectStore';
import { ObjectStoreBackend } from '../objectStoreBackend';
import { validateScheduleConfig } from '../scheduleExpression';
import { describeBaselineJob, startBaselineJob } from './baselineJob';
import type {
  CaptureSummaryDocument,
  EndpointConfigDocument,
  EndpointDocument,
  ExecutionDocument,
  JobDefinitionRecord,
  ModelDocument,
  ProcessingJobDocument,
  ScheduleDocument,
} from './localDocuments';
import { asApiShape, iso } from './localDocuments';
import { LocalObjectStore } from './localObjectStore';
import type { LocalStoreOptions } from './localStore';
import { LocalStore } from './localStore';
import { runMonitoringExecution } from './monitoringExecution';
import type { GradientBoostedTreesJson } from './regressionModel';
import { GradientBoostedTrees } from './regressionModel';
import type { LocalResourceType } from './workspaceLayout';
import { RESOURCE_NAME, WorkspaceLayout, localArn } from './workspaceLayout';

export interface LocalBackendOptions {
  now?: () => Date;
  logger?: Logger;
  store?: LocalStoreOptions;
}

/** What the execution and baseline runners get from the backend. */
export interface LocalContext {
  readonly root: string;
  readonly store: LocalStore;
  readonly objects: LocalObjectStore;
  readonly files: MonitoringFiles;
  readonly now: () => Date;
  readonly logger: Logger;
}

const JOB_DEFINITION_ARN_TYPE: Record<MonitoringType, LocalResourceType> = {
  DataQuality: 'data-quality-job-definition',
  ModelQuality: 'model-quality-job-definition',
  ModelBias: 'model-bias-job-definition',
  ModelExplainability: 'model-explainability-job-definition',
};

/** The monitoring types our analyzer runs; bias and explainability need SageMaker Clarify. */
const LOCAL_MONITORING_TYPES: readonly MonitoringType[] = ['DataQuality', 'ModelQuality'];

export class LocalBackend extends ObjectStoreBackend implements MonitoringBackend, LocalContext {
  readonly kind = 'local' as const;
  readonly id: string;
  readonly store: LocalStore;
  readonly objects: LocalObjectStore;
  readonly layout: WorkspaceLayout;
  readonly now: () => Date;
  readonly logger: Logger;
  private readonly runningBaselines = new Map<string, Promise<BaselineJob>>();

  constructor(
    readonly root: string,
    options: LocalBackendOptions = {},
  ) {
    const objects = new LocalObjectStore(root);
    super(new MonitoringFiles(objects));
    this.objects = objects;
    this.id = `local:${root}`;
    this.layout = new WorkspaceLayout(root);
    this.store = new LocalStore(root, options.store);
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
  }

  // ---- models, endpoint configs and endpoints (local-only creation; AWS creates these elsewhere) ----

  async createModel(name: string, model: GradientBoostedTreesJson, description?: string): Promise<void> {
    checkName(name, 'ModelName');
    GradientBoostedTrees.fromJSON(model, `model ${name}`);
    const doc: ModelDocument = { ModelName: name, ModelArn: localArn('model', name), CreationTime: iso(this.now()), ...(description ? { Description: description } : {}), LocalModel: model };
    if (!(await this.store.create('models', name, doc))) throw inUse(`Cannot create already existing model "${localArn('model', name)}".`, name);
  }

  /** The model an endpoint serves (its first variant's). */
  async loadEndpointModel(endpointName: string): Promise<{ model: GradientBoostedTrees; variantName: string; modelName: string }> {
    const endpoint = await this.describeEndpoint(endpointName);
    const config = await this.describeEndpointConfig(endpoint.endpointConfigName);
    const variant = config.variants[0];
    if (!variant?.modelName) throw new MonitoringError('Validation', `Endpoint config ${config.name} has no production variant with a model.`, { resource: config.name });
    const doc = await this.store.read<ModelDocument>('models', variant.modelName);
    if (!doc) throw notFound(`Could not find model "${localArn('model', variant.modelName)}".`, variant.modelName);
    return { model: GradientBoostedTrees.fromJSON(doc.LocalModel, this.layout.documentFile('models', variant.modelName)), variantName: variant.variantName, modelName: variant.modelName };
  }

  async createEndpointConfig(config: { name: string; variants: ProductionVariant[]; dataCapture?: DataCaptureConfig }): Promise<EndpointConfig> {
    checkName(config.name, 'EndpointConfigName');
    if (config.variants.length < 1 || config.variants.length > 10) throw validation('ProductionVariants must hold 1 to 10 variants.');
    for (const v of config.variants) {
      checkName(v.variantName, 'VariantName');
      if (v.modelName && !(await this.store.read('models', v.modelName))) throw validation(`Could not find model "${localArn('model', v.modelName)}".`);
    }
    if (config.dataCapture) checkCaptureConfig(config.dataCapture);
    const doc: EndpointConfigDocument = {
      EndpointConfigName: config.name,
      EndpointConfigArn: localArn('endpoint-config', config.name),
      ProductionVariants: config.variants.map(productionVariantToApi),
      ...(config.dataCapture ? { DataCaptureConfig: dataCaptureConfigToApi(config.dataCapture) } : {}),
      CreationTime: iso(this.now()),
    };
    if (!(await this.store.create('endpoint-configs', config.name, doc))) {
      throw validation(`Cannot create already existing endpoint configuration "${localArn('endpoint-config', config.name)}".`);
    }
    return endpointConfigFromApi(asApiShape(doc));
  }

  async createEndpoint(name: string, endpointConfigName: string): Promise<Endpoint> {
    checkName(name, 'EndpointName');
    const config = await this.readEndpointConfigDoc(endpointConfigName);
    const now = iso(this.now());
    const doc: EndpointDocument = {
      EndpointName: name,
      EndpointArn: localArn('endpoint', name),
      EndpointConfigName: endpointConfigName,
      ProductionVariants: (config.ProductionVariants ?? []).map((v) => ({
        VariantName: v.VariantName,
        CurrentWeight: v.InitialVariantWeight ?? 1,
        DesiredWeight: v.InitialVariantWeight ?? 1,
        CurrentInstanceCount: v.InitialInstanceCount ?? 1,
        DesiredInstanceCount: v.InitialInstanceCount ?? 1,
      })),
      ...(config.DataCaptureConfig ? { DataCaptureConfig: captureSummary(config.DataCaptureConfig) } : {}),
      // A local endpoint is ready at once: there is no instance to provision.
      EndpointStatus: 'InService',
      CreationTime: now,
      LastModifiedTime: now,
    };
    if (!(await this.store.create('endpoints', name, doc))) throw validation(`Cannot create already existing endpoint "${localArn('endpoint', name)}".`);
    return endpointFromApi(asApiShape(doc));
  }

  // ---- endpoints and data capture -------------------------------------------------------------

  async listEndpoints(request: ListEndpointsRequest = {}): Promise<Page<EndpointSummary>> {
    const needle = request.nameContains?.toLowerCase();
    const all = (await this.store.list<EndpointDocument>('endpoints'))
      .filter((d) => !needle || d.EndpointName.toLowerCase().includes(needle))
      .filter((d) => !request.status || d.EndpointStatus === request.status)
      .map((d) => endpointSummaryFromApi(asApiShape(d)))
      .sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime() || a.name.localeCompare(b.name));
    return paginate(all, request);
  }

  async describeEndpoint(name: string): Promise<Endpoint> {
    return endpointFromApi(asApiShape(await this.readEndpointDoc(name)));
  }

  async describeEndpointConfig(name: string): Promise<EndpointConfig> {
    return endpointConfigFromApi(asApiShape(await this.readEndpointConfigDoc(name)));
  }

  /**
   * As SageMaker (and the SDK's `update_data_capture_config`): endpoint configs are immutable, so the
   * current config is copied under a new name with the new capture settings and the endpoint switched to it.
   */
  async updateDataCapture(endpointName: string, capture: DataCaptureConfig): Promise<Endpoint> {
    checkCaptureConfig(capture);
    const endpoint = await this.readEndpointDoc(endpointName);
    if (endpoint.EndpointStatus !== 'InService') {
      throw validation(`Cannot update endpoint "${endpointName}" while it is ${endpoint.EndpointStatus}; wait until it is InService.`);
    }
    const current = await this.readEndpointConfigDoc(endpoint.EndpointConfigName ?? '');
    const newName = await this.uniqueConfigName(endpointName);
    const captureConfig = dataCaptureConfigToApi(capture);
    const copy: EndpointConfigDocument = {
      ...current,
      EndpointConfigName: newName,
      EndpointConfigArn: localArn('endpoint-config', newName),
      DataCaptureConfig: captureConfig,
      CreationTime: iso(this.now()),
    };
    if (!(await this.store.create('endpoint-configs', newName, copy))) throw inUse(`Endpoint config ${newName} was created concurrently; try again.`, newName);
    const updated = await this.store.update<EndpointDocument>('endpoints', endpointName, (doc) => {
      if (doc.EndpointStatus !== 'InService') throw validation(`Cannot update endpoint "${endpointName}" while it is ${doc.EndpointStatus}.`);
      return { ...doc, EndpointConfigName: newName, DataCaptureConfig: captureSummary(captureConfig), LastModifiedTime: iso(this.now()) };
    });
    if (!updated) throw notFound(`Could not find endpoint "${localArn('endpoint', endpointName)}".`, endpointName);
    return endpointFromApi(asApiShape(updated));
  }

  async disableDataCapture(endpointName: string): Promise<Endpoint> {
    const endpoint = await this.readEndpointDoc(endpointName);
    const config = await this.readEndpointConfigDoc(endpoint.EndpointConfigName ?? '');
    const current = endpointConfigFromApi(asApiShape(config)).dataCapture;
    if (!current) throw validation(`Endpoint "${endpointName}" has no data capture configured; there is nothing to disable.`);
    return this.updateDataCapture(endpointName, { ...current, enableCapture: false });
  }

  /** Deletes the endpoint's document only: its configs, model, captured data and reports stay, as on SageMaker. */
  async deleteEndpoint(name: string): Promise<void> {
    await this.readEndpointDoc(name);
    const users = (await this.store.list<ScheduleDocument>('monitoring-schedules')).filter((s) => s.EndpointName === name);
    if (users.length) {
      const names = users.map((s) => s.MonitoringScheduleName);
      throw inUse(`Endpoint ${name} still has monitoring schedule${names.length === 1 ? '' : 's'} ${names.join(', ')}; delete ${names.length === 1 ? 'it' : 'them'} first.`, name);
    }
    if (!(await this.store.delete('endpoints', name))) throw notFound(`Could not find endpoint "${localArn('endpoint', name)}".`, name);
  }

  // ---- job definitions -------------------------------------------------------------------------

  async createJobDefinition(definition: JobDefinition): Promise<JobDefinition> {
    checkName(definition.name, 'JobDefinitionName');
    await this.checkJobDefinition(definition);
    const record: JobDefinitionRecord = {
      ...jobDefinitionToApi({ ...definition, arn: undefined, creationTime: undefined }),
      JobDefinitionArn: localArn(JOB_DEFINITION_ARN_TYPE[definition.type], definition.name),
      CreationTime: iso(this.now()),
      MonitoringType: definition.type,
    };
    if (!(await this.store.create('job-definitions', definition.name, record))) {
      throw inUse(`Job definition "${definition.name}" already exists; job definition names are unique across monitoring types.`, definition.name);
    }
    return jobDefinitionFromApi(definition.type, asApiShape(record));
  }

  async describeJobDefinition(name: string, type: MonitoringType): Promise<JobDefinition> {
    const record = await this.readJobDefinitionRecord(name, type);
    return jobDefinitionFromApi(type, asApiShape(record));
  }

  async deleteJobDefinition(name: string, type: MonitoringType): Promise<void> {
    await this.readJobDefinitionRecord(name, type);
    const users = (await this.store.list<ScheduleDocument>('monitoring-schedules')).filter((s) => s.MonitoringScheduleConfig?.MonitoringJobDefinitionName === name);
    if (users.length) {
      throw inUse(`Job definition "${name}" is used by monitoring schedule ${users.map((s) => `"${s.MonitoringScheduleName}"`).join(', ')}; delete the schedule first.`, name);
    }
    await this.store.delete('job-definitions', name);
  }

  // ---- schedules --------------------------------------------------------------------------------

  async listSchedules(request: ListSchedulesRequest = {}): Promise<Page<ScheduleSummary>> {
    const all = (await this.store.list<ScheduleDocument>('monitoring-schedules'))
      .filter((d) => !request.endpointName || d.EndpointName === request.endpointName)
      .filter((d) => !request.type || (d.MonitoringType ?? d.MonitoringScheduleConfig?.MonitoringType) === request.type)
      .map((d) =>
        scheduleSummaryFromApi(
          asApiShape({
            ...d,
            MonitoringJobDefinitionName: d.MonitoringScheduleConfig?.MonitoringJobDefinitionName,
            MonitoringType: d.MonitoringType ?? d.MonitoringScheduleConfig?.MonitoringType,
          }),
        ),
      )
      .sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime() || a.name.localeCompare(b.name));
    return paginate(all, request);
  }

  async describeSchedule(name: string): Promise<Schedule> {
    return scheduleFromApi(asApiShape(await this.readScheduleDoc(name)));
  }

  async createSchedule(request: CreateScheduleRequest): Promise<Schedule> {
    checkName(request.name, 'MonitoringScheduleName');
    checkScheduleConfig(request.schedule);
    const definition = await this.describeJobDefinition(request.jobDefinitionName, request.type);
    const endpointName = definition.input.kind === 'Endpoint' ? definition.input.endpointName : undefined;
    if (endpointName && !(await this.store.read('endpoints', endpointName))) {
      throw validation(`Endpoint "${endpointName}" of job definition "${definition.name}" does not exist; create the endpoint first.`);
    }
    const now = iso(this.now());
    const doc: ScheduleDocument = {
      MonitoringScheduleArn: localArn('monitoring-schedule', request.name),
      MonitoringScheduleName: request.name,
      // SageMaker shows Pending for a moment; a local schedule is active as soon as it is written.
      MonitoringScheduleStatus: 'Scheduled',
      MonitoringType: request.type,
      CreationTime: now,
      LastModifiedTime: now,
      MonitoringScheduleConfig: {
        ScheduleConfig: scheduleConfigToApi(request.schedule),
        MonitoringJobDefinitionName: request.jobDefinitionName,
        MonitoringType: request.type,
      },
      ...(endpointName ? { EndpointName: endpointName } : {}),
      ...(request.tags ? { Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
    };
    if (!(await this.store.create('monitoring-schedules', request.name, doc))) {
      throw inUse(`Monitoring schedule "${request.name}" already exists.`, request.name);
    }
    return scheduleFromApi(asApiShape(doc));
  }

  async updateSchedule(name: string, schedule: ScheduleConfig, jobDefinitionName?: string): Promise<Schedule> {
    checkScheduleConfig(schedule);
    const current = await this.readScheduleDoc(name);
    const type = (current.MonitoringType ?? current.MonitoringScheduleConfig?.MonitoringType) as MonitoringType;
    if (jobDefinitionName) await this.describeJobDefinition(jobDefinitionName, type);
    const updated = await this.store.update<ScheduleDocument>('monitoring-schedules', name, (doc) => ({
      ...doc,
      LastModifiedTime: iso(this.now()),
      MonitoringScheduleConfig: {
        ...doc.MonitoringScheduleConfig,
        ScheduleConfig: scheduleConfigToApi(schedule),
        ...(jobDefinitionName ? { MonitoringJobDefinitionName: jobDefinitionName } : {}),
      },
    }));
    if (!updated) throw scheduleNotFound(name);
    return scheduleFromApi(asApiShape(updated));
  }

  async startSchedule(name: string): Promise<void> {
    await this.setScheduleStatus(name, 'Scheduled');
  }

  async stopSchedule(name: string): Promise<void> {
    await this.setScheduleStatus(name, 'Stopped');
  }

  /** Deletes the schedule; its executions and reports stay (as on SageMaker). */
  async deleteSchedule(name: string): Promise<void> {
    if (!(await this.store.delete('monitoring-schedules', name))) throw scheduleNotFound(name);
  }

  // ---- executions -------------------------------------------------------------------------------

  async listExecutions(request: ListExecutionsRequest): Promise<Page<ExecutionSummary>> {
    // Like the API, a schedule name is a filter: an unknown one lists nothing rather than failing.
    let scheduleNames = request.scheduleName ? (RESOURCE_NAME.test(request.scheduleName) ? [request.scheduleName] : []) : await this.store.scheduleNamesWithExecutions();
    if (request.jobDefinitionName !== undefined) scheduleNames = await this.schedulesRunning(scheduleNames, request.jobDefinitionName);
    // File names carry the scheduled times, so sorting and time filters need no document.
    const entries: { scheduleName: string; time: Date }[] = [];
    for (const scheduleName of scheduleNames) {
      for (const time of await this.store.executionTimes(scheduleName)) {
        if (request.scheduledAfter && time.getTime() < request.scheduledAfter.getTime()) continue;
        if (request.scheduledBefore && time.getTime() > request.scheduledBefore.getTime()) continue;
        entries.push({ scheduleName, time });
      }
    }
    const direction = request.sortOrder === 'Ascending' ? 1 : -1;
    entries.sort((a, b) => direction * (a.time.getTime() - b.time.getTime()) || a.scheduleName.localeCompare(b.scheduleName));
    const read = async (entries: readonly { scheduleName: string; time: Date }[]): Promise<ExecutionSummary[]> => {
      const executions: ExecutionSummary[] = [];
      for (const { scheduleName, time } of entries) {
        const doc = await this.store.readExecution<ExecutionDocument>(scheduleName, time);
        if (doc) executions.push(executionFromApi(asApiShape(doc)));
      }
      return executions;
    };
    if (request.endpointName === undefined && request.status === undefined) {
      // The tree's case (one schedule, newest first, a page at a time): read only the page's documents,
      // so a workspace with a year of hourly history lists as fast as the demo.
      const page = paginate(entries, request);
      return { ...page, items: await read(page.items) };
    }
    const executions = (await read(entries)).filter(
      (e) => (request.endpointName === undefined || e.endpointName === request.endpointName) && (request.status === undefined || e.status === request.status),
    );
    return paginate(executions, request);
  }

  /**
   * The schedules (of those named) whose executions ran a job definition. A schedule's job definition
   * is fixed per execution but can change with an update, so each schedule's newest execution decides;
   * one document per schedule keeps the listing on its fast path.
   */
  private async schedulesRunning(scheduleNames: readonly string[], jobDefinitionName: string): Promise<string[]> {
    const matching: string[] = [];
    for (const scheduleName of scheduleNames) {
      const times = await this.store.executionTimes(scheduleName);
      const newest = times.reduce<Date | undefined>((a, t) => (!a || t.getTime() > a.getTime() ? t : a), undefined);
      if (!newest) continue;
      const doc = await this.store.readExecution<ExecutionDocument>(scheduleName, newest);
      if (doc?.MonitoringJobDefinitionName === jobDefinitionName) matching.push(scheduleName);
    }
    return matching;
  }

  /**
   * Runs the execution of a schedule for one scheduled time — what the scheduler does when a schedule
   * fires, and what the demo builder does for each past hour. Returns undefined when that execution
   * already exists (another window or process ran it).
   */
  runScheduledExecution(scheduleName: string, scheduledTime: Date): Promise<ExecutionSummary | undefined> {
    return runMonitoringExecution(this, scheduleName, scheduledTime);
  }

  // ---- baselines ----------------------------------------------------------------------------------

  async startBaselineJob(request: BaselineJobRequest): Promise<BaselineJob> {
    checkName(request.jobName, 'ProcessingJobName');
    const { job, done } = await startBaselineJob(this, request);
    this.runningBaselines.set(request.jobName, done);
    // The job records its own failure; only recording it can fail, and that must not be an unhandled rejection.
    void done
      .catch((e: unknown) => this.logger.error(`Baseline job ${request.jobName} could not record its outcome: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.runningBaselines.delete(request.jobName));
    return job;
  }

  describeBaselineJob(jobName: string): Promise<BaselineJob> {
    return describeBaselineJob(this, jobName);
  }

  /** Resolves when a baseline job started by this backend instance has finished (local-only helper). */
  async waitForBaselineJob(jobName: string): Promise<BaselineJob> {
    return (await this.runningBaselines.get(jobName)) ?? this.describeBaselineJob(jobName);
  }

  // Statistics, constraints, captured data and ground truth: ObjectStoreBackend, over the workspace folder.

  dispose(): void {
    // Nothing to release: every operation opens and closes its own files.
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private async readEndpointDoc(name: string): Promise<EndpointDocument> {
    const doc = await this.store.read<EndpointDocument>('endpoints', checkedLookup(name, 'EndpointName'));
    if (!doc) throw notFound(`Could not find endpoint "${localArn('endpoint', name)}".`, name);
    return doc;
  }

  private async readEndpointConfigDoc(name: string): Promise<EndpointConfigDocument> {
    const doc = await this.store.read<EndpointConfigDocument>('endpoint-configs', checkedLookup(name, 'EndpointConfigName'));
    if (!doc) throw notFound(`Could not find endpoint configuration "${localArn('endpoint-config', name)}".`, name);
    return doc;
  }

  private async readScheduleDoc(name: string): Promise<ScheduleDocument> {
    const doc = await this.store.read<ScheduleDocument>('monitoring-schedules', checkedLookup(name, 'MonitoringScheduleName'));
    if (!doc) throw scheduleNotFound(name);
    return doc;
  }

  private async readJobDefinitionRecord(name: string, type: MonitoringType): Promise<JobDefinitionRecord> {
    const record = await this.store.read<JobDefinitionRecord>('job-definitions', checkedLookup(name, 'JobDefinitionName'));
    if (!record || record.MonitoringType !== type) {
      throw notFound(`Could not find ${type} job definition "${name}"${record ? ` (a ${record.MonitoringType} job definition has that name)` : ''}.`, name);
    }
    return record;
  }

  private async setScheduleStatus(name: string, status: 'Scheduled' | 'Stopped'): Promise<void> {
    const updated = await this.store.update<ScheduleDocument>('monitoring-schedules', checkedLookup(name, 'MonitoringScheduleName'), (doc) => ({
      ...doc,
      MonitoringScheduleStatus: status,
      LastModifiedTime: iso(this.now()),
    }));
    if (!updated) throw scheduleNotFound(name);
  }

  private async uniqueConfigName(endpointName: string): Promise<string> {
    // The SDK's name_from_base: the base cut to leave room for a millisecond timestamp.
    for (let bump = 0; ; bump++) {
      const t = new Date(this.now().getTime() + bump);
      const stamp = t.toISOString().replace(/[-:T.]/g, '-').replace(/Z$/, '').replace(/-+/g, '-');
      const name = `${endpointName.slice(0, 63 - stamp.length - 1)}-${stamp}`.replace(/-+$/, '');
      if (!(await this.store.read('endpoint-configs', name))) return name;
    }
  }

  private async checkJobDefinition(definition: JobDefinition): Promise<void> {
    if (!LOCAL_MONITORING_TYPES.includes(definition.type)) {
      throw validation(`The local backend runs DataQuality and ModelQuality monitors; ${definition.type} needs SageMaker Clarify (use an AWS connection).`);
    }
    if (definition.input.kind !== 'Endpoint') throw validation('The local backend monitors endpoints; batch transform inputs need an AWS connection.');
    checkName(definition.input.endpointName, 'EndpointInput.EndpointName');
    checkS3Uri(definition.outputS3Uri, 'the monitoring output S3Uri');
    for (const [field, value] of [
      ['StartTimeOffset', definition.input.startTimeOffset],
      ['EndTimeOffset', definition.input.endTimeOffset],
    ] as const) {
      if (value !== undefined && !/^.?P.*$/.test(value)) throw validation(`EndpointInput.${field} "${value}" must be an ISO-8601 duration such as -PT1H.`);
    }
    if (definition.baseline?.constraintsS3Uri) checkS3Uri(definition.baseline.constraintsS3Uri, 'the baseline constraints S3Uri');
    if (definition.baseline?.statisticsS3Uri) checkS3Uri(definition.baseline.statisticsS3Uri, 'the baseline statistics S3Uri');
    if (definition.type === 'ModelQuality') {
      if (!definition.problemType) throw validation('A ModelQuality job definition needs ModelQualityAppSpecification.ProblemType.');
      if (!definition.groundTruthS3Uri) throw validation('A ModelQuality job definition needs ModelQualityJobInput.GroundTruthS3Input.S3Uri.');
      checkS3Uri(definition.groundTruthS3Uri, 'the ground truth S3Uri');
    }
    const runtime = definition.maxRuntimeInSeconds;
    if (runtime !== undefined && (!Number.isInteger(runtime) || runtime < 1 || runtime > 86_400)) {
      throw validation(`StoppingCondition.MaxRuntimeInSeconds must be 1–86400, got ${runtime}.`);
    }
  }

  protected async reportFolder(execution: ExecutionSummary): Promise<string> {
    const jobName = execution.processingJobArn?.split('processing-job/')[1];
    if (jobName && RESOURCE_NAME.test(jobName)) {
      // ARNs carry the name lower-cased; execution jobs are named in lower case, so the name reads back.
      const job = await this.store.read<ProcessingJobDocument>('processing-jobs', jobName);
      const output = job?.ProcessingOutputConfig.Outputs[0]?.S3Output.S3Uri;
      if (output) return output;
    }
    const schedule = await this.describeSchedule(execution.scheduleName);
    const definition = await this.describeJobDefinition(schedule.jobDefinitionName ?? execution.jobDefinitionName ?? '', schedule.type ?? 'DataQuality');
    return this.files.reportFolderUri(definition.outputS3Uri, execution.endpointName ?? schedule.endpointName ?? '', execution.scheduleName, execution.scheduledTime);
  }
}

// ---- validation and errors ----------------------------------------------------------------------

function scheduleConfigToApi(c: ScheduleConfig): { ScheduleExpression: string; DataAnalysisStartTime?: string; DataAnalysisEndTime?: string } {
  return {
    ScheduleExpression: c.scheduleExpression.trim(),
    ...(c.dataAnalysisStartTime !== undefined ? { DataAnalysisStartTime: c.dataAnalysisStartTime } : {}),
    ...(c.dataAnalysisEndTime !== undefined ? { DataAnalysisEndTime: c.dataAnalysisEndTime } : {}),
  };
}

function captureSummary(c: NonNullable<EndpointConfigDocument['DataCaptureConfig']>): CaptureSummaryDocument {
  const enabled = c.EnableCapture ?? true;
  return {
    EnableCapture: enabled,
    CaptureStatus: enabled ? 'Started' : 'Stopped',
    CurrentSamplingPercentage: c.InitialSamplingPercentage ?? 0,
    DestinationS3Uri: c.DestinationS3Uri ?? '',
    ...(c.KmsKeyId ? { KmsKeyId: c.KmsKeyId } : {}),
  };
}

function checkScheduleConfig(schedule: ScheduleConfig): void {
  const problem = validateScheduleConfig(schedule);
  if (problem) throw validation(problem);
}

function checkCaptureConfig(c: DataCaptureConfig): void {
  const p = c.initialSamplingPercentage;
  if (!Number.isInteger(p) || p < 0 || p > 100) throw validation(`InitialSamplingPercentage must be a whole number 0–100, got ${p}.`);
  checkS3Uri(c.destinationS3Uri, 'DataCaptureConfig.DestinationS3Uri');
  if (c.destinationS3Uri.length > 512) throw validation('DataCaptureConfig.DestinationS3Uri is longer than 512 characters.');
  if (c.captureModes.length < 1) throw validation('DataCaptureConfig.CaptureOptions needs at least one capture mode (Input, Output or InputAndOutput).');
  const type = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*$/;
  for (const t of [...(c.csvContentTypes ?? []), ...(c.jsonContentTypes ?? [])]) {
    if (!type.test(t)) throw validation(`"${t}" is not a content type SageMaker accepts in CaptureContentTypeHeader (e.g. text/csv, application/json).`);
  }
}

function checkS3Uri(uri: string, what: string): void {
  let bucket = '';
  try {
    bucket = parseS3Uri(uri).bucket;
  } catch {
    // reported below
  }
  if (!bucket) throw validation(`${what} "${uri}" is not an S3 URI (expected s3://bucket/prefix).`);
}

function checkName(name: string, field: string): void {
  if (!RESOURCE_NAME.test(name ?? '')) {
    throw validation(`${field} "${name}" is not valid: use 1–63 letters, digits and hyphens, starting and ending with a letter or digit.`);
  }
}

/** A lookup by an invalid name cannot match anything: report NotFound's cousin, Validation, with the rule. */
function checkedLookup(name: string, field: string): string {
  checkName(name, field);
  return name;
}

function paginate<T>(items: T[], request: PageRequest): Page<T> {
  const max = request.maxResults ?? 100;
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validation(`MaxResults must be 1–100, got ${max}.`);
  let start = 0;
  if (request.nextToken) {
    const m = /^o(\d+)$/.exec(Buffer.from(request.nextToken, 'base64url').toString('utf8'));
    if (!m) throw validation('The NextToken is not one this workspace issued; list again from the start.');
    start = Number(m[1]);
  }
  const page = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(`o${start + max}`, 'utf8').toString('base64url') : undefined;
  return next ? { items: page, nextToken: next } : { items: page };
}

const validation = (message: string) => new MonitoringError('Validation', message);
const notFound = (message: string, resource: string) => new MonitoringError('NotFound', message, { resource });
const inUse = (message: string, resource: string) => new MonitoringError('InUse', message, { resource });
const scheduleNotFound = (name: string) => notFound(`Monitoring schedule "${name}" does not exist.`, name);
