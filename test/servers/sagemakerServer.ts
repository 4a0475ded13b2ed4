/**
 * A SageMaker-protocol server for tests and benchmarks: the awsJson1_1 wire format the SDK speaks
 * (POST /, `x-amz-target: SageMaker.<Op>`, epoch-second timestamps, errors as `x-amzn-errortype` +
 * `{"__type","message"}`), with state — endpoints and their configs, the four job-definition types,
 * schedules, executions, processing jobs — and SageMaker's validation: required fields, name pattern,
 * schedule expressions, duplicate names, unknown resources, MaxResults 1–100 and NextToken paging.
 * Transitions (Creating/Updating → InService, Deleting → gone, Pending → Scheduled) happen on `settle()` or, when
 * `transitionMs` is set, that long after they start. Faults (throttling, 5xx, access denied, closed to
 * new customers, expired token) and latency can be injected; an in-process admin API seeds thousands
 * of resources without going through the wire.
 *
 * moto has no monitoring-schedule APIs (notes/testing-offline.md), hence a server of our own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { hourPath, joinUri } from '../../src/monitoring/objectStore';
import { validateScheduleConfig } from '../../src/monitoring/scheduleExpression';

type Json = Record<string, unknown>;
/** Epoch seconds, as the protocol carries timestamps. */
type Epoch = number;

export interface SageMakerServerOptions {
  /** Delay before each response (default 0). */
  latencyMs?: number;
  /** Transitions complete this long after they start; without it, only `settle()` completes them. */
  transitionMs?: number;
  region?: string;
  account?: string;
}

export type FaultKind = 'Throttling' | 'ServerError' | 'ServiceUnavailable' | 'AccessDenied' | 'ClosedToNewCustomers' | 'ExpiredToken';

export interface Fault {
  kind: FaultKind;
  /** How many matching calls fail (default: every one until cleared). */
  times?: number;
  /** Operations affected (default: all). */
  operations?: string[];
}

export const CLOSED_TO_NEW_CUSTOMERS_MESSAGE =
  'Amazon SageMaker Model Monitor is no longer available to new customers. Existing customers can continue to use the service as normal.';

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const MONITORING_TYPES = ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'] as const;
type MonitoringTypeName = (typeof MONITORING_TYPES)[number];
const EXECUTION_STATUSES = ['Pending', 'Completed', 'CompletedWithViolations', 'InProgress', 'Failed', 'Stopping', 'Stopped'];
const DEFAULT_PAGE = 10;

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const validation = (message: string) => new ApiError('ValidationException', message);
const notNull = (path: string) => validation(`1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`);

interface EndpointState {
  name: string;
  configName: string;
  pendingConfigName?: string;
  status: string;
  creationTime: Epoch;
  lastModifiedTime: Epoch;
  transitionAt?: number;
}

interface ScheduleState {
  name: string;
  config: Json;
  status: 'Pending' | 'Scheduled' | 'Stopped' | 'Failed';
  endpointName?: string;
  type?: MonitoringTypeName;
  jobDefinitionName?: string;
  creationTime: Epoch;
  lastModifiedTime: Epoch;
  transitionAt?: number;
}

interface ExecutionState {
  MonitoringScheduleName: string;
  ScheduledTime: Epoch;
  CreationTime: Epoch;
  LastModifiedTime: Epoch;
  MonitoringExecutionStatus: string;
  ProcessingJobArn?: string;
  EndpointName?: string;
  FailureReason?: string;
  MonitoringJobDefinitionName?: string;
  MonitoringType?: string;
}

interface ProcessingJobState {
  request: Json;
  status: string;
  creationTime: Epoch;
  lastModifiedTime: Epoch;
  endTime?: Epoch;
  exitMessage?: string;
  failureReason?: string;
  monitoringScheduleArn?: string;
}

export interface AddEndpointSpec {
  name: string;
  variantNames?: string[];
  /** The config's full `DataCaptureConfig` (API shape). */
  dataCapture?: Json;
  status?: 'InService' | 'Creating';
}

export interface AddExecutionSpec {
  scheduleName: string;
  scheduledTime: Date;
  status: string;
  failureReason?: string;
  /** Default true: a processing job whose output is the report folder SageMaker would use (spec §3.8). */
  withProcessingJob?: boolean;
  /** Where the processing job wrote its reports, when not the usual folder. */
  outputS3Uri?: string;
}

const now = (): Epoch => Date.now() / 1000;
const epoch = (d: Date): Epoch => d.getTime() / 1000;

export class SageMakerTestServer {
  latencyMs: number;
  /** Transitions complete this long after they start; undefined: only on `settle()`. */
  transitionMs: number | undefined;
  /** The user agent of the last request. */
  lastUserAgent = '';
  readonly region: string;
  readonly account: string;
  /** Every call received, in order (operation names). */
  readonly calls: string[] = [];
  /** Every call received with its parsed body, in order (for asserting exact request bodies). */
  readonly requests: { operation: string; body: Json }[] = [];

  private readonly endpoints = new Map<string, EndpointState>();
  private readonly endpointConfigs = new Map<string, { body: Json; creationTime: Epoch }>();
  private readonly jobDefinitions = new Map<string, { type: MonitoringTypeName; body: Json; creationTime: Epoch }>();
  private readonly schedules = new Map<string, ScheduleState>();
  private readonly executions: ExecutionState[] = [];
  private readonly processingJobs = new Map<string, ProcessingJobState>();
  private faults: (Fault & { left: number })[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: SageMakerServerOptions,
  ) {
    this.latencyMs = options.latencyMs ?? 0;
    this.transitionMs = options.transitionMs;
    this.region = options.region ?? 'us-east-1';
    this.account = options.account ?? '123456789012';
  }

  static async start(options: SageMakerServerOptions = {}): Promise<SageMakerTestServer> {
    // The handler needs the instance, which needs the listening server's port: bind it once known.
    const bound: { instance?: SageMakerTestServer } = {};
    const server = createServer((req, res) => void bound.instance?.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    bound.instance = new SageMakerTestServer(server, `http://127.0.0.1:${port}`, options);
    return bound.instance;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- admin API (in-process) ----

  callCount(operation?: string): number {
    return operation ? this.calls.filter((c) => c === operation).length : this.calls.length;
  }

  resetCalls(): void {
    this.calls.length = 0;
    this.requests.length = 0;
  }

  /**
   * The admin API over HTTP, for tests running in another process (the extension host):
   * `GET /_admin/requests` → `{requests}`; `POST /_admin/finish-processing-job` with
   * `{name, status, failureReason?}` ends a processing job as SageMaker would.
   */
  private handleAdmin(req: IncomingMessage, body: string, res: ServerResponse): void {
    const reply = (status: number, out: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    };
    try {
      if (req.method === 'GET' && req.url === '/_admin/requests') return reply(200, { requests: this.requests });
      if (req.method === 'POST' && req.url === '/_admin/finish-processing-job') {
        const b = JSON.parse(body) as { name: string; status: 'Completed' | 'Failed' | 'Stopped'; failureReason?: string };
        this.finishProcessingJob(b.name, { status: b.status, ...(b.failureReason ? { failureReason: b.failureReason } : {}) });
        return reply(200, {});
      }
      reply(404, { message: `No admin route ${req.method} ${req.url}` });
    } catch (e) {
      reply(400, { message: (e as Error).message });
    }
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Completes every transition in progress: endpoints → InService (or gone when Deleting), schedules Pending → Scheduled. */
  settle(): void {
    for (const e of this.endpoints.values()) this.completeEndpoint(e);
    for (const s of this.schedules.values()) if (s.status === 'Pending') this.completeSchedule(s);
  }

  addEndpoint(spec: AddEndpointSpec): void {
    const configName = `${spec.name}-config`;
    const t = now();
    this.endpointConfigs.set(configName, {
      body: {
        EndpointConfigName: configName,
        ProductionVariants: (spec.variantNames ?? ['AllTraffic']).map((VariantName) => ({
          VariantName,
          ModelName: `${spec.name}-model`,
          InitialInstanceCount: 1,
          InstanceType: 'ml.m5.large',
          InitialVariantWeight: 1,
        })),
        ...(spec.dataCapture ? { DataCaptureConfig: spec.dataCapture } : {}),
      },
      creationTime: t,
    });
    this.endpoints.set(spec.name, { name: spec.name, configName, status: spec.status ?? 'InService', creationTime: t, lastModifiedTime: t });
  }

  /** `count` InService endpoints named `<prefix>-00001`… */
  seedEndpoints(count: number, prefix = 'endpoint'): string[] {
    const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);
    for (const name of names) this.addEndpoint({ name });
    return names;
  }

  /** A Scheduled hourly data-quality schedule (and its job definition) for an existing endpoint. */
  addSchedule(spec: { name: string; endpointName: string; outputS3Uri?: string }): void {
    const definitionName = `${spec.name}-definition`;
    const t = now();
    this.jobDefinitions.set(`DataQuality:${definitionName}`, {
      type: 'DataQuality',
      body: {
        JobDefinitionName: definitionName,
        DataQualityAppSpecification: { ImageUri: 'analyzer' },
        DataQualityJobInput: { EndpointInput: { EndpointName: spec.endpointName, LocalPath: '/opt/ml/processing/input/endpoint' } },
        DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: spec.outputS3Uri ?? 's3://bucket/reports', LocalPath: '/opt/ml/processing/output' } }] },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20 } },
        RoleArn: `arn:aws:iam::${this.account}:role/monitor`,
      },
      creationTime: t,
    });
    this.schedules.set(spec.name, {
      name: spec.name,
      config: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: definitionName, MonitoringType: 'DataQuality' },
      status: 'Scheduled',
      endpointName: spec.endpointName,
      type: 'DataQuality',
      jobDefinitionName: definitionName,
      creationTime: t,
      lastModifiedTime: t,
    });
  }

  /** Records an execution of an existing schedule, with a processing job whose output is its report folder. */
  addExecution(spec: AddExecutionSpec): ExecutionState {
    const schedule = this.schedules.get(spec.scheduleName);
    if (!schedule) throw new Error(`addExecution: no schedule ${spec.scheduleName}`);
    if (!EXECUTION_STATUSES.includes(spec.status)) throw new Error(`addExecution: unknown status ${spec.status}`);
    const t = now();
    const execution: ExecutionState = {
      MonitoringScheduleName: schedule.name,
      ScheduledTime: epoch(spec.scheduledTime),
      CreationTime: epoch(spec.scheduledTime) + 60,
      LastModifiedTime: t,
      MonitoringExecutionStatus: spec.status,
      ...(schedule.endpointName ? { EndpointName: schedule.endpointName } : {}),
      ...(spec.failureReason ? { FailureReason: spec.failureReason } : {}),
      ...(schedule.jobDefinitionName ? { MonitoringJobDefinitionName: schedule.jobDefinitionName } : {}),
      ...(schedule.type ? { MonitoringType: schedule.type } : {}),
    };
    if (spec.withProcessingJob !== false) {
      const jobName = `model-monitoring-${spec.scheduledTime.toISOString().replace(/\D/g, '').slice(0, 12)}-${randomUUID().slice(0, 8)}`;
      const output = spec.outputS3Uri ?? this.reportFolderOf(schedule, spec.scheduledTime);
      this.processingJobs.set(jobName, {
        request: {
          ProcessingJobName: jobName,
          ProcessingOutputConfig: { Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: output, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'Continuous' } }] },
        },
        status: spec.status === 'CompletedWithViolations' ? 'Completed' : spec.status === 'Pending' ? 'InProgress' : spec.status,
        creationTime: execution.CreationTime,
        lastModifiedTime: t,
        ...(spec.status === 'CompletedWithViolations' ? { exitMessage: 'CompletedWithViolations: Job completed successfully with violations.' } : {}),
        monitoringScheduleArn: this.arn('monitoring-schedule', schedule.name),
      });
      execution.ProcessingJobArn = this.arn('processing-job', jobName);
    }
    this.executions.push(execution);
    return execution;
  }

  /** The request a processing job was created with (for asserting a baseline job's environment). */
  processingJobRequest(name: string): Json | undefined {
    return this.processingJobs.get(name)?.request;
  }

  finishProcessingJob(name: string, outcome: { status: 'Completed' | 'Failed' | 'Stopped'; exitMessage?: string; failureReason?: string }): void {
    const job = this.processingJobs.get(name);
    if (!job) throw new Error(`finishProcessingJob: no job ${name}`);
    Object.assign(job, { status: outcome.status, endTime: now(), lastModifiedTime: now(), exitMessage: outcome.exitMessage, failureReason: outcome.failureReason });
  }

  endpointConfigNames(): string[] {
    return [...this.endpointConfigs.keys()].sort();
  }

  // ---- wire ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if ((req.url ?? '').startsWith('/_admin/')) return this.handleAdmin(req, Buffer.concat(chunks).toString('utf8'), res);
    const requestId = randomUUID();
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('SageMaker.') ? target.slice('SageMaker.'.length) : '';
    this.calls.push(operation || target);
    this.lastUserAgent = String(req.headers['user-agent'] ?? '') + ' ' + String(req.headers['x-amz-user-agent'] ?? '');
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    try {
      if (req.method !== 'POST' || (req.url ?? '/') !== '/') throw new ApiError('UnknownOperationException', `${req.method} ${req.url} is not a SageMaker call`);
      if (!operation) throw new ApiError('UnknownOperationException', `Missing or foreign x-amz-target "${target}"`);
      let body: Json;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        body = text ? (JSON.parse(text) as Json) : {};
      } catch {
        throw new ApiError('SerializationException', 'The request body is not valid JSON');
      }
      this.requests.push({ operation, body });
      this.injectedFault(operation, body);
      this.advanceTime();
      const handler = this.handlers[operation];
      if (!handler) throw new ApiError('UnknownOperationException', `Operation ${operation} is not supported by this test server`);
      const out = handler(body);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId });
      res.end(JSON.stringify(out));
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('InternalFailure', `Test server bug: ${(e as Error).stack}`, 500);
      res.writeHead(err.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.type });
      res.end(JSON.stringify({ __type: err.type, message: err.message }));
    }
  }

  private injectedFault(operation: string, body: Json): void {
    const fault = this.faults.find((f) => f.left > 0 && (!f.operations || f.operations.includes(operation)));
    if (!fault) return;
    fault.left--;
    switch (fault.kind) {
      case 'Throttling':
        throw new ApiError('ThrottlingException', 'Rate exceeded');
      case 'ServerError':
        throw new ApiError('InternalFailure', 'An internal error occurred. Try again.', 500);
      case 'ServiceUnavailable':
        throw new ApiError('ServiceUnavailable', 'Service is unavailable. Try again later.', 503);
      case 'ExpiredToken':
        throw new ApiError('ExpiredTokenException', 'The security token included in the request is expired');
      case 'ClosedToNewCustomers':
        throw new ApiError('AccessDeniedException', CLOSED_TO_NEW_CUSTOMERS_MESSAGE);
      case 'AccessDenied': {
        const name = Object.entries(body).find(([k, v]) => k.endsWith('Name') && typeof v === 'string')?.[1] as string | undefined;
        const resource = this.arn(resourceTypeOf(operation), name ?? '*');
        throw new ApiError(
          'AccessDeniedException',
          `User: arn:aws:iam::${this.account}:user/tester is not authorized to perform: sagemaker:${operation} on resource: ${resource} because no identity-based policy allows the sagemaker:${operation} action`,
        );
      }
    }
  }

  private advanceTime(): void {
    if (this.transitionMs === undefined) return;
    const t = Date.now();
    for (const e of this.endpoints.values()) if (e.transitionAt !== undefined && e.transitionAt <= t) this.completeEndpoint(e);
    for (const s of this.schedules.values()) if (s.transitionAt !== undefined && s.transitionAt <= t) this.completeSchedule(s);
  }

  private startTransition(): number | undefined {
    return this.transitionMs === undefined ? undefined : Date.now() + this.transitionMs;
  }

  private completeEndpoint(e: EndpointState): void {
    if (e.status === 'Deleting') {
      this.endpoints.delete(e.name);
      return;
    }
    if (e.status === 'Creating' || e.status === 'Updating') {
      e.status = 'InService';
      if (e.pendingConfigName) e.configName = e.pendingConfigName;
      e.pendingConfigName = undefined;
      e.lastModifiedTime = now();
    }
    e.transitionAt = undefined;
  }

  private completeSchedule(s: ScheduleState): void {
    if (s.status === 'Pending') {
      s.status = 'Scheduled';
      s.lastModifiedTime = now();
    }
    s.transitionAt = undefined;
  }

  private arn(type: string, name: string): string {
    return `arn:aws:sagemaker:${this.region}:${this.account}:${type}/${name.toLowerCase()}`;
  }

  private reportFolderOf(schedule: ScheduleState, scheduledTime: Date): string {
    const definition = schedule.jobDefinitionName && schedule.type ? this.jobDefinitions.get(`${schedule.type}:${schedule.jobDefinitionName}`) : undefined;
    const outputs = definition?.body[`${definition.type}JobOutputConfig`] as { MonitoringOutputs?: { S3Output?: { S3Uri?: string } }[] } | undefined;
    const output = outputs?.MonitoringOutputs?.[0]?.S3Output?.S3Uri ?? 's3://unknown';
    return joinUri(output, schedule.endpointName ?? 'batch', schedule.name, hourPath(scheduledTime));
  }

  // ---- operations ----

  private readonly handlers: Record<string, (body: Json) => Json> = {
    CreateEndpoint: (b) => {
      const name = requireName(b, 'EndpointName');
      const configName = requireName(b, 'EndpointConfigName');
      if (this.endpoints.has(name)) throw validation(`Cannot create already existing endpoint "${this.arn('endpoint', name)}".`);
      this.configOrFail(configName);
      const t = now();
      this.endpoints.set(name, { name, configName, status: 'Creating', creationTime: t, lastModifiedTime: t, transitionAt: this.startTransition() });
      return { EndpointArn: this.arn('endpoint', name) };
    },
    ListEndpoints: (b) => {
      const items = [...this.endpoints.values()]
        .filter((e) => !b.NameContains || e.name.includes(String(b.NameContains)))
        .filter((e) => !b.StatusEquals || e.status === b.StatusEquals);
      const page = paginate(items, b, { Name: (e) => e.name, CreationTime: (e) => e.creationTime, Status: (e) => e.status }, 'CreationTime');
      return {
        Endpoints: page.items.map((e) => ({
          EndpointName: e.name,
          EndpointArn: this.arn('endpoint', e.name),
          CreationTime: e.creationTime,
          LastModifiedTime: e.lastModifiedTime,
          EndpointStatus: e.status,
        })),
        ...page.token,
      };
    },
    DescribeEndpoint: (b) => {
      const e = this.endpointOrFail(requireString(b, 'EndpointName'));
      const config = this.endpointConfigs.get(e.configName)?.body ?? {};
      const capture = config.DataCaptureConfig as Json | undefined;
      const variants = (config.ProductionVariants as Json[] | undefined) ?? [];
      return {
        EndpointName: e.name,
        EndpointArn: this.arn('endpoint', e.name),
        EndpointConfigName: e.configName,
        EndpointStatus: e.status,
        CreationTime: e.creationTime,
        LastModifiedTime: e.lastModifiedTime,
        ProductionVariants: variants.map((v) => ({ VariantName: v.VariantName, CurrentWeight: 1, DesiredWeight: 1, CurrentInstanceCount: 1, DesiredInstanceCount: 1 })),
        ...(capture
          ? {
              DataCaptureConfig: {
                EnableCapture: capture.EnableCapture !== false,
                CaptureStatus: capture.EnableCapture !== false && e.status !== 'Creating' ? 'Started' : 'Stopped',
                CurrentSamplingPercentage: capture.InitialSamplingPercentage,
                DestinationS3Uri: capture.DestinationS3Uri,
                ...(capture.KmsKeyId ? { KmsKeyId: capture.KmsKeyId } : {}),
              },
            }
          : {}),
        ...(e.pendingConfigName ? { PendingDeploymentSummary: { EndpointConfigName: e.pendingConfigName, StartTime: e.lastModifiedTime } } : {}),
      };
    },
    UpdateEndpoint: (b) => {
      const name = requireString(b, 'EndpointName');
      const configName = requireName(b, 'EndpointConfigName');
      const e = this.endpointOrFail(name);
      this.configOrFail(configName);
      if (e.status !== 'InService') throw validation(`Cannot update in-progress endpoint "${this.arn('endpoint', name)}".`);
      e.status = 'Updating';
      e.pendingConfigName = configName;
      e.lastModifiedTime = now();
      e.transitionAt = this.startTransition();
      return { EndpointArn: this.arn('endpoint', name) };
    },
    DeleteEndpoint: (b) => {
      const e = this.endpointOrFail(requireString(b, 'EndpointName'));
      const users = [...this.schedules.values()].filter((s) => s.endpointName === e.name);
      if (users.length) throw validation(`Cannot delete endpoint "${this.arn('endpoint', e.name)}" while monitoring schedules use it: ${users.map((s) => s.name).join(', ')}.`);
      if (e.status === 'Creating' || e.status === 'Updating') throw validation(`Cannot delete in-progress endpoint "${this.arn('endpoint', e.name)}".`);
      // Deleting is a transition like the others: the endpoint shows as Deleting until it completes.
      Object.assign(e, { status: 'Deleting', pendingConfigName: undefined, lastModifiedTime: now(), transitionAt: this.startTransition() });
      return {};
    },
    CreateEndpointConfig: (b) => {
      const name = requireName(b, 'EndpointConfigName');
      const variants = b.ProductionVariants;
      if (!Array.isArray(variants)) throw notNull('productionVariants');
      if (variants.length < 1 || variants.length > 10) throw validation(`1 validation error detected: Value at 'productionVariants' failed to satisfy constraint: Member must have length between 1 and 10`);
      variants.forEach((v: Json, i) => {
        if (typeof v.VariantName !== 'string' || !NAME.test(v.VariantName)) throw validation(`1 validation error detected: Value '${String(v.VariantName)}' at 'productionVariants.${i + 1}.member.variantName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME.source}`);
      });
      if (b.DataCaptureConfig) validateCapture(b.DataCaptureConfig as Json);
      if (this.endpointConfigs.has(name)) throw validation(`Cannot create already existing endpoint configuration "${this.arn('endpoint-config', name)}".`);
      const { Tags: _tags, ...body } = b;
      this.endpointConfigs.set(name, { body, creationTime: now() });
      return { EndpointConfigArn: this.arn('endpoint-config', name) };
    },
    DescribeEndpointConfig: (b) => {
      const name = requireString(b, 'EndpointConfigName');
      const c = this.configOrFail(name);
      return { ...c.body, EndpointConfigArn: this.arn('endpoint-config', name), CreationTime: c.creationTime };
    },
    DeleteEndpointConfig: (b) => {
      const name = requireString(b, 'EndpointConfigName');
      this.configOrFail(name);
      this.endpointConfigs.delete(name);
      return {};
    },
    ...Object.fromEntries(MONITORING_TYPES.flatMap((type) => this.jobDefinitionHandlers(type))),
    CreateMonitoringSchedule: (b) => {
      const name = requireName(b, 'MonitoringScheduleName');
      const config = b.MonitoringScheduleConfig as Json | undefined;
      if (!config) throw notNull('monitoringScheduleConfig');
      if (this.schedules.has(name)) throw new ApiError('ResourceInUse', `Monitoring schedule "${name}" already exists.`);
      const resolved = this.resolveScheduleConfig(config);
      const t = now();
      this.schedules.set(name, { name, config, status: 'Pending', ...resolved, creationTime: t, lastModifiedTime: t, transitionAt: this.startTransition() });
      return { MonitoringScheduleArn: this.arn('monitoring-schedule', name) };
    },
    UpdateMonitoringSchedule: (b) => {
      const s = this.scheduleOrFail(requireString(b, 'MonitoringScheduleName'));
      const config = b.MonitoringScheduleConfig as Json | undefined;
      if (!config) throw notNull('monitoringScheduleConfig');
      Object.assign(s, { config, ...this.resolveScheduleConfig(config), status: 'Pending', lastModifiedTime: now(), transitionAt: this.startTransition() });
      return { MonitoringScheduleArn: this.arn('monitoring-schedule', s.name) };
    },
    DescribeMonitoringSchedule: (b) => {
      const s = this.scheduleOrFail(requireString(b, 'MonitoringScheduleName'));
      const last = this.executions
        .filter((x) => x.MonitoringScheduleName === s.name)
        .sort((x, y) => y.ScheduledTime - x.ScheduledTime)[0];
      return {
        MonitoringScheduleArn: this.arn('monitoring-schedule', s.name),
        MonitoringScheduleName: s.name,
        MonitoringScheduleStatus: s.status,
        ...(s.type ? { MonitoringType: s.type } : {}),
        CreationTime: s.creationTime,
        LastModifiedTime: s.lastModifiedTime,
        MonitoringScheduleConfig: s.config,
        ...(s.endpointName ? { EndpointName: s.endpointName } : {}),
        ...(last ? { LastMonitoringExecutionSummary: last } : {}),
      };
    },
    ListMonitoringSchedules: (b) => {
      const items = [...this.schedules.values()]
        .filter((s) => !b.EndpointName || s.endpointName === b.EndpointName)
        .filter((s) => !b.NameContains || s.name.includes(String(b.NameContains)))
        .filter((s) => !b.StatusEquals || s.status === b.StatusEquals)
        .filter((s) => !b.MonitoringJobDefinitionName || s.jobDefinitionName === b.MonitoringJobDefinitionName)
        .filter((s) => !b.MonitoringTypeEquals || s.type === b.MonitoringTypeEquals);
      const page = paginate(items, b, { Name: (s) => s.name, CreationTime: (s) => s.creationTime, Status: (s) => s.status }, 'CreationTime');
      return {
        MonitoringScheduleSummaries: page.items.map((s) => ({
          MonitoringScheduleName: s.name,
          MonitoringScheduleArn: this.arn('monitoring-schedule', s.name),
          CreationTime: s.creationTime,
          LastModifiedTime: s.lastModifiedTime,
          MonitoringScheduleStatus: s.status,
          ...(s.endpointName ? { EndpointName: s.endpointName } : {}),
          ...(s.jobDefinitionName ? { MonitoringJobDefinitionName: s.jobDefinitionName } : {}),
          ...(s.type ? { MonitoringType: s.type } : {}),
        })),
        ...page.token,
      };
    },
    StartMonitoringSchedule: (b) => {
      const s = this.scheduleOrFail(requireString(b, 'MonitoringScheduleName'));
      if (s.status !== 'Stopped') throw validation(`Monitoring schedule "${s.name}" is ${s.status}; only a Stopped schedule can be started.`);
      Object.assign(s, { status: 'Pending', lastModifiedTime: now(), transitionAt: this.startTransition() });
      return {};
    },
    StopMonitoringSchedule: (b) => {
      const s = this.scheduleOrFail(requireString(b, 'MonitoringScheduleName'));
      if (s.status === 'Stopped') throw validation(`Monitoring schedule "${s.name}" is already Stopped.`);
      Object.assign(s, { status: 'Stopped', lastModifiedTime: now(), transitionAt: undefined });
      return {};
    },
    DeleteMonitoringSchedule: (b) => {
      const s = this.scheduleOrFail(requireString(b, 'MonitoringScheduleName'));
      this.schedules.delete(s.name);
      return {};
    },
    ListMonitoringExecutions: (b) => {
      const after = (field: string) => (typeof b[field] === 'number' ? (b[field] as number) : undefined);
      const items = this.executions
        .filter((x) => !b.MonitoringScheduleName || x.MonitoringScheduleName === b.MonitoringScheduleName)
        .filter((x) => !b.EndpointName || x.EndpointName === b.EndpointName)
        .filter((x) => after('ScheduledTimeAfter') === undefined || x.ScheduledTime > after('ScheduledTimeAfter')!)
        .filter((x) => after('ScheduledTimeBefore') === undefined || x.ScheduledTime < after('ScheduledTimeBefore')!)
        .filter((x) => after('CreationTimeAfter') === undefined || x.CreationTime > after('CreationTimeAfter')!)
        .filter((x) => after('CreationTimeBefore') === undefined || x.CreationTime < after('CreationTimeBefore')!)
        .filter((x) => !b.StatusEquals || x.MonitoringExecutionStatus === b.StatusEquals)
        .filter((x) => !b.MonitoringJobDefinitionName || x.MonitoringJobDefinitionName === b.MonitoringJobDefinitionName)
        .filter((x) => !b.MonitoringTypeEquals || x.MonitoringType === b.MonitoringTypeEquals);
      if (b.StatusEquals && !EXECUTION_STATUSES.includes(String(b.StatusEquals))) {
        throw validation(`1 validation error detected: Value '${String(b.StatusEquals)}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [${EXECUTION_STATUSES.join(', ')}]`);
      }
      const page = paginate(
        items,
        b,
        { CreationTime: (x) => x.CreationTime, ScheduledTime: (x) => x.ScheduledTime, Status: (x) => x.MonitoringExecutionStatus },
        'CreationTime',
        (x) => x.MonitoringScheduleName,
      );
      return { MonitoringExecutionSummaries: page.items, ...page.token };
    },
    CreateProcessingJob: (b) => {
      const name = requireName(b, 'ProcessingJobName');
      if (!b.RoleArn) throw notNull('roleArn');
      const app = b.AppSpecification as Json | undefined;
      if (!app?.ImageUri) throw notNull('appSpecification.imageUri');
      const cluster = (b.ProcessingResources as Json | undefined)?.ClusterConfig as Json | undefined;
      if (!cluster) throw notNull('processingResources.clusterConfig');
      if (this.processingJobs.has(name)) throw new ApiError('ResourceInUse', `Processing job "${name}" already exists.`);
      const env = (b.Environment ?? {}) as Json;
      if (Object.keys(env).length > 100) throw validation(`1 validation error detected: Value at 'environment' failed to satisfy constraint: Member must have length less than or equal to 100`);
      const t = now();
      this.processingJobs.set(name, { request: b, status: 'InProgress', creationTime: t, lastModifiedTime: t });
      return { ProcessingJobArn: this.arn('processing-job', name) };
    },
    DescribeProcessingJob: (b) => {
      const name = requireString(b, 'ProcessingJobName');
      const job = this.processingJobs.get(name);
      if (!job) throw new ApiError('ResourceNotFound', `Processing job "${name}" does not exist.`);
      return {
        ...job.request,
        ProcessingJobArn: this.arn('processing-job', name),
        ProcessingJobStatus: job.status,
        CreationTime: job.creationTime,
        LastModifiedTime: job.lastModifiedTime,
        ...(job.endTime !== undefined ? { ProcessingEndTime: job.endTime } : {}),
        ...(job.exitMessage ? { ExitMessage: job.exitMessage } : {}),
        ...(job.failureReason ? { FailureReason: job.failureReason } : {}),
        ...(job.monitoringScheduleArn ? { MonitoringScheduleArn: job.monitoringScheduleArn } : {}),
      };
    },
  };

  private jobDefinitionHandlers(type: MonitoringTypeName): [string, (b: Json) => Json][] {
    const key = (name: string) => `${type}:${name}`;
    const lower = type[0].toLowerCase() + type.slice(1);
    const orFail = (name: string) => {
      const d = this.jobDefinitions.get(key(name));
      if (!d) throw new ApiError('ResourceNotFound', `Job definition "${name}" (${type}) does not exist.`);
      return d;
    };
    return [
      [
        `Create${type}JobDefinition`,
        (b) => {
          const name = requireName(b, 'JobDefinitionName');
          if (!b.RoleArn) throw notNull('roleArn');
          const app = b[`${type}AppSpecification`] as Json | undefined;
          if (!app?.ImageUri) throw notNull(`${lower}AppSpecification.imageUri`);
          if ((type === 'ModelBias' || type === 'ModelExplainability') && !app.ConfigUri) throw notNull(`${lower}AppSpecification.configUri`);
          const input = b[`${type}JobInput`] as Json | undefined;
          if (!input) throw notNull(`${lower}JobInput`);
          if (!input.EndpointInput && !input.BatchTransformInput) throw validation(`${type}JobInput needs an EndpointInput or a BatchTransformInput.`);
          const endpointInput = input.EndpointInput as Json | undefined;
          if (endpointInput && (!endpointInput.EndpointName || !endpointInput.LocalPath)) throw notNull(`${lower}JobInput.endpointInput.${endpointInput.EndpointName ? 'localPath' : 'endpointName'}`);
          if ((type === 'ModelQuality' || type === 'ModelBias') && !(input.GroundTruthS3Input as Json | undefined)?.S3Uri) throw notNull(`${lower}JobInput.groundTruthS3Input.s3Uri`);
          for (const field of ['StartTimeOffset', 'EndTimeOffset']) {
            const v = endpointInput?.[field];
            if (v !== undefined && (typeof v !== 'string' || !/^.?P.*$/.test(v) || v.length > 15)) {
              throw validation(`1 validation error detected: Value '${String(v)}' at '${lower}JobInput.endpointInput.${field[0].toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: .?P.*`);
            }
          }
          const outputs = (b[`${type}JobOutputConfig`] as Json | undefined)?.MonitoringOutputs;
          if (!Array.isArray(outputs) || outputs.length !== 1 || !(outputs[0] as { S3Output?: Json }).S3Output?.S3Uri) {
            throw validation(`1 validation error detected: Value at '${lower}JobOutputConfig.monitoringOutputs' failed to satisfy constraint: Member must have length 1 with an S3Output`);
          }
          const cluster = (b.JobResources as Json | undefined)?.ClusterConfig as Json | undefined;
          if (!cluster?.InstanceCount || !cluster.InstanceType || !cluster.VolumeSizeInGB) throw notNull('jobResources.clusterConfig');
          const runtime = (b.StoppingCondition as Json | undefined)?.MaxRuntimeInSeconds;
          if (runtime !== undefined && (typeof runtime !== 'number' || runtime < 1 || runtime > 86400)) {
            throw validation(`1 validation error detected: Value '${String(runtime)}' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value between 1 and 86400`);
          }
          if (this.jobDefinitions.has(key(name))) throw new ApiError('ResourceInUse', `Job definition "${name}" already exists.`);
          const { Tags: _tags, ...body } = b;
          this.jobDefinitions.set(key(name), { type, body, creationTime: now() });
          return { JobDefinitionArn: this.arn(`${lower.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-job-definition`, name) };
        },
      ],
      [
        `Describe${type}JobDefinition`,
        (b) => {
          const name = requireString(b, 'JobDefinitionName');
          const d = orFail(name);
          return { ...d.body, JobDefinitionArn: this.arn(`${type.toLowerCase()}-job-definition`, name), CreationTime: d.creationTime };
        },
      ],
      [
        `Delete${type}JobDefinition`,
        (b) => {
          const name = requireString(b, 'JobDefinitionName');
          orFail(name);
          const user = [...this.schedules.values()].find((s) => s.type === type && s.jobDefinitionName === name);
          if (user) throw new ApiError('ResourceInUse', `Job definition "${name}" is used by monitoring schedule "${user.name}".`);
          this.jobDefinitions.delete(key(name));
          return {};
        },
      ],
      [
        `List${type}JobDefinitions`,
        (b) => {
          const items = [...this.jobDefinitions.values()]
            .filter((d) => d.type === type)
            .filter((d) => !b.NameContains || String(d.body.JobDefinitionName).includes(String(b.NameContains)))
            .filter((d) => !b.EndpointName || endpointOf(d.type, d.body) === b.EndpointName);
          const page = paginate(items, b, { Name: (d) => String(d.body.JobDefinitionName), CreationTime: (d) => d.creationTime }, 'CreationTime');
          return {
            JobDefinitionSummaries: page.items.map((d) => ({
              MonitoringJobDefinitionName: d.body.JobDefinitionName,
              MonitoringJobDefinitionArn: this.arn(`${type.toLowerCase()}-job-definition`, String(d.body.JobDefinitionName)),
              CreationTime: d.creationTime,
              EndpointName: endpointOf(d.type, d.body),
            })),
            ...page.token,
          };
        },
      ],
    ];
  }

  private resolveScheduleConfig(config: Json): Pick<ScheduleState, 'endpointName' | 'type' | 'jobDefinitionName'> {
    const schedule = config.ScheduleConfig as Json | undefined;
    if (schedule) {
      if (typeof schedule.ScheduleExpression !== 'string') throw notNull('monitoringScheduleConfig.scheduleConfig.scheduleExpression');
      const problem = validateScheduleConfig({
        scheduleExpression: schedule.ScheduleExpression,
        dataAnalysisStartTime: schedule.DataAnalysisStartTime as string | undefined,
        dataAnalysisEndTime: schedule.DataAnalysisEndTime as string | undefined,
      });
      if (problem) throw validation(`Invalid ScheduleConfig: ${problem}`);
    }
    const definitionName = config.MonitoringJobDefinitionName as string | undefined;
    if (definitionName) {
      const type = config.MonitoringType as MonitoringTypeName | undefined;
      if (!type || !MONITORING_TYPES.includes(type)) throw validation(`1 validation error detected: Value '${String(type)}' at 'monitoringScheduleConfig.monitoringType' failed to satisfy constraint: Member must satisfy enum value set: [${MONITORING_TYPES.join(', ')}]`);
      const d = this.jobDefinitions.get(`${type}:${definitionName}`);
      if (!d) throw new ApiError('ResourceNotFound', `Job definition "${definitionName}" (${type}) does not exist.`);
      const endpointName = endpointOf(type, d.body);
      if (endpointName) this.endpointOrFail(endpointName);
      return { type, jobDefinitionName: definitionName, ...(endpointName ? { endpointName } : {}) };
    }
    const inline = config.MonitoringJobDefinition as Json | undefined;
    if (!inline) throw validation('MonitoringScheduleConfig needs a MonitoringJobDefinitionName or a MonitoringJobDefinition.');
    const inputs = inline.MonitoringInputs as { EndpointInput?: { EndpointName?: string } }[] | undefined;
    const endpointName = inputs?.[0]?.EndpointInput?.EndpointName;
    return { type: (config.MonitoringType as MonitoringTypeName | undefined) ?? 'DataQuality', ...(endpointName ? { endpointName } : {}) };
  }

  private endpointOrFail(name: string): EndpointState {
    const e = this.endpoints.get(name);
    if (!e) throw validation(`Could not find endpoint "${name}".`);
    return e;
  }

  private configOrFail(name: string) {
    const c = this.endpointConfigs.get(name);
    if (!c) throw validation(`Could not find endpoint configuration "${name}".`);
    return c;
  }

  private scheduleOrFail(name: string): ScheduleState {
    const s = this.schedules.get(name);
    if (!s) throw new ApiError('ResourceNotFound', `Monitoring schedule "${name}" does not exist.`);
    return s;
  }
}

function endpointOf(type: string, body: Json): string | undefined {
  const input = body[`${type}JobInput`] as { EndpointInput?: { EndpointName?: string } } | undefined;
  return input?.EndpointInput?.EndpointName;
}

function resourceTypeOf(operation: string): string {
  if (/MonitoringSchedule/.test(operation)) return 'monitoring-schedule';
  if (/EndpointConfig/.test(operation)) return 'endpoint-config';
  if (/Endpoint/.test(operation)) return 'endpoint';
  if (/ProcessingJob/.test(operation)) return 'processing-job';
  if (/JobDefinition/.test(operation)) return 'job-definition';
  return 'resource';
}

function lowerFirst(field: string): string {
  return field[0].toLowerCase() + field.slice(1);
}

function requireString(b: Json, field: string): string {
  const v = b[field];
  if (v === undefined || v === null) throw notNull(lowerFirst(field));
  if (typeof v !== 'string') throw new ApiError('SerializationException', `${field} must be a string`);
  return v;
}

function requireName(b: Json, field: string): string {
  const v = requireString(b, field);
  if (!NAME.test(v)) {
    throw validation(`1 validation error detected: Value '${v}' at '${lowerFirst(field)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^${NAME.source.slice(1, -1)}`);
  }
  return v;
}

function validateCapture(c: Json): void {
  const pct = c.InitialSamplingPercentage;
  if (pct === undefined) throw notNull('dataCaptureConfig.initialSamplingPercentage');
  if (typeof pct !== 'number' || !Number.isInteger(pct) || pct < 0 || pct > 100) {
    throw validation(`1 validation error detected: Value '${String(pct)}' at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy constraint: Member must have value between 0 and 100`);
  }
  if (typeof c.DestinationS3Uri !== 'string') throw notNull('dataCaptureConfig.destinationS3Uri');
  if (!/^(https|s3):\/\/([^/])\/?(.*)$/.test(c.DestinationS3Uri) || c.DestinationS3Uri.length > 512) {
    throw validation(`1 validation error detected: Value '${c.DestinationS3Uri}' at 'dataCaptureConfig.destinationS3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: (https|s3)://([^/])/?(.*)`);
  }
  const options = c.CaptureOptions;
  if (!Array.isArray(options) || options.length < 1 || options.length > 32) {
    throw validation(`1 validation error detected: Value at 'dataCaptureConfig.captureOptions' failed to satisfy constraint: Member must have length between 1 and 32`);
  }
  for (const o of options as Json[]) {
    if (!['Input', 'Output', 'InputAndOutput'].includes(String(o.CaptureMode))) {
      throw validation(`1 validation error detected: Value '${String(o.CaptureMode)}' at 'dataCaptureConfig.captureOptions.member.captureMode' failed to satisfy constraint: Member must satisfy enum value set: [Input, Output, InputAndOutput]`);
    }
  }
}

/** SageMaker's paging: filter, sort (SortBy/SortOrder), then MaxResults (1–100, default 10) from the NextToken's offset. */
function paginate<T>(
  items: T[],
  b: Json,
  sortKeys: Record<string, (item: T) => string | number>,
  defaultSort: string,
  tieBreak?: (item: T) => string,
): { items: T[]; token: { NextToken?: string } } {
  const max = b.MaxResults ?? DEFAULT_PAGE;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) {
    throw validation(`1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  }
  const sortBy = String(b.SortBy ?? defaultSort);
  const key = sortKeys[sortBy];
  if (!key) throw validation(`1 validation error detected: Value '${sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [${Object.keys(sortKeys).join(', ')}]`);
  const order = b.SortOrder ?? 'Descending';
  if (order !== 'Ascending' && order !== 'Descending') throw validation(`1 validation error detected: Value '${String(order)}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]`);
  const sign = order === 'Ascending' ? 1 : -1;
  const sorted = [...items].sort((x, y) => {
    const a = key(x);
    const c = key(y);
    const primary = a < c ? -1 : a > c ? 1 : 0;
    if (primary !== 0) return sign * primary;
    const tx = tieBreak?.(x) ?? '';
    const ty = tieBreak?.(y) ?? '';
    return tx < ty ? -1 : tx > ty ? 1 : 0;
  });
  let offset = 0;
  if (b.NextToken !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(String(b.NextToken), 'base64url').toString('utf8'));
    if (!decoded) throw validation('The NextToken is not valid.');
    offset = Number(decoded[1]);
  }
  const pageItems = sorted.slice(offset, offset + max);
  const next = offset + max < sorted.length ? Buffer.from(`o${offset + max}`).toString('base64url') : undefined;
  return { items: pageItems, token: next ? { NextToken: next } : {} };
}
