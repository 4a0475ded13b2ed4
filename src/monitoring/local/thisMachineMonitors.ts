/**
 * Monitors that run on this machine for an AWS endpoint: the job definitions, schedules and executions
 * live in a local folder (the extension's storage, or a workspace the user picks) as a local
 * workspace does, but the data is the AWS account's: capture and ground truth are read from S3, the
 * baselines too, and the reports are written in Model Monitor's layout to S3 (or kept on this machine
 * under `s3://this-machine/…`). Our scheduler runs them while VS Code or `model-monitor serve --aws`
 * runs, and catches up the hours it missed, each once.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MonitoringError } from '../errors';
import { writeFileAtomic } from '../fsAtomic';
import type { Logger } from '../logger';
import type { Endpoint, ExecutionSummary, JobDefinition, MonitoringType, ProblemType, Schedule } from '../model';
import { joinUri, type ObjectStore } from '../objectStore';
import { LocalBackend } from './localBackend';
import type { EndpointDocument } from './localDocuments';
import { LocalObjectStore } from './localObjectStore';
import { RoutedObjectStore, THIS_MACHINE_BUCKET } from './routedObjectStore';
import { LocalScheduler } from './scheduler';
import { WORKSPACE_FORMAT_VERSION, WORKSPACE_MARKER_FILE } from './workspaceLayout';

/** A week of missed hours is caught up at most; older ones are SageMaker's "missed" too. */
export const CATCH_UP_HOURS = 24 * 7;
export const HOURLY = 'cron(0 * ? * * *)';
/** Where reports go when the user keeps them off S3. */
export const THIS_MACHINE_REPORTS = `s3://${THIS_MACHINE_BUCKET}/reports`;

/** What a this-machine monitor needs from the AWS connection. */
export interface AwsEndpointSource {
  describeEndpoint(name: string): Promise<Endpoint>;
  readonly objects: ObjectStore;
}

export interface ThisMachineMonitorSpec {
  name: string;
  endpointName: string;
  type: Extract<MonitoringType, 'DataQuality' | 'ModelQuality'>;
  statisticsS3Uri?: string;
  constraintsS3Uri: string;
  /** Where reports are written: an s3:// prefix, or THIS_MACHINE_REPORTS. */
  outputS3Uri: string;
  scheduleExpression?: string;
  problemType?: ProblemType;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThresholdAttribute?: number;
  groundTruthS3Uri?: string;
  /** Data quality: SageMaker's record_preprocessor_script, an s3:// object or (this machine only) a local path. */
  recordPreprocessorSourceUri?: string;
}

/** Names the service accepts: letters, digits, hyphens, at most 63. */
export function resourceName(...parts: string[]): string {
  const name = parts
    .join('-')
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return name.slice(0, 63).replace(/-+$/, '');
}

function stamp(t: Date): string {
  return t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export class ThisMachineMonitors {
  readonly backend: LocalBackend;
  /** S3, with `s3://this-machine/…` kept in the local folder. */
  readonly objects: ObjectStore;
  private scheduler: LocalScheduler | undefined;

  constructor(
    readonly root: string,
    private readonly aws: AwsEndpointSource,
    private readonly options: { logger?: Logger; now?: () => Date; onExecution?: (execution: ExecutionSummary) => void } = {},
  ) {
    const objects = new RoutedObjectStore(new LocalObjectStore(root), aws.objects);
    this.objects = objects;
    this.backend = new LocalBackend(root, { objects, ...(options.logger ? { logger: options.logger } : {}), ...(options.now ? { now: options.now } : {}) });
  }

  /** Creates the folder's marker the first time (a this-machine store is a local workspace without endpoints of its own). */
  async ensureCreated(): Promise<void> {
    const marker = join(this.root, WORKSPACE_MARKER_FILE);
    if (existsSync(marker)) return;
    await writeFileAtomic(marker, `${JSON.stringify({ version: WORKSPACE_FORMAT_VERSION, name: 'this-machine-monitors', thisMachine: true }, null, 2)}\n`);
  }

  /** Copies what the executions need of the AWS endpoint (name, status, capture destination) into the store. */
  async mirrorEndpoint(endpointName: string): Promise<Endpoint> {
    await this.ensureCreated();
    const endpoint = await this.aws.describeEndpoint(endpointName);
    const capture = endpoint.dataCapture;
    if (!capture?.destinationS3Uri) {
      throw new MonitoringError('Validation', `Endpoint "${endpointName}" has no data capture, so there is nothing to analyse. Turn on data capture first (Enable Data Capture… on the endpoint).`, {
        resource: endpointName,
      });
    }
    const doc: EndpointDocument = {
      EndpointName: endpoint.name,
      EndpointArn: endpoint.arn,
      EndpointConfigName: endpoint.endpointConfigName,
      EndpointStatus: endpoint.status,
      CreationTime: endpoint.creationTime.toISOString(),
      LastModifiedTime: endpoint.lastModifiedTime.toISOString(),
      DataCaptureConfig: {
        EnableCapture: capture.enableCapture,
        CaptureStatus: capture.captureStatus,
        CurrentSamplingPercentage: capture.currentSamplingPercentage,
        DestinationS3Uri: capture.destinationS3Uri,
      },
    };
    await this.backend.store.put('endpoints', endpoint.name, doc);
    return endpoint;
  }

  /** Mirrors again every endpoint that has a monitor here (capture may have moved); failures are logged. */
  async refreshEndpoints(): Promise<void> {
    const schedules = await this.backend.store.list<{ EndpointName?: string }>('monitoring-schedules');
    const names = [...new Set(schedules.map((s) => s.EndpointName).filter((n): n is string => !!n))];
    for (const name of names) {
      await this.mirrorEndpoint(name).catch((e: unknown) => this.options.logger?.warn(`Could not describe ${name} for its this-machine monitors: ${(e as Error).message}`));
    }
  }

  private jobDefinition(spec: ThisMachineMonitorSpec, name: string): JobDefinition {
    return monitorJobDefinition(spec, name, {
      imageUri: 'model-monitor-local-analyzer',
      roleArn: 'arn:aws:iam::000000000000:role/this-machine',
      resources: { instanceCount: 1, instanceType: 'this-machine', volumeSizeInGB: 1 },
    });
  }

  /** Creates the job definition and the (hourly by default) schedule of a this-machine monitor. */
  async createMonitor(spec: ThisMachineMonitorSpec): Promise<Schedule> {
    await this.mirrorEndpoint(spec.endpointName);
    const definitionName = resourceName(spec.name, 'definition');
    await this.backend.createJobDefinition(this.jobDefinition(spec, definitionName));
    try {
      return await this.backend.createSchedule({
        name: spec.name,
        type: spec.type,
        jobDefinitionName: definitionName,
        schedule: { scheduleExpression: spec.scheduleExpression ?? HOURLY },
      });
    } catch (e) {
      // Leave nothing half-made behind: the definition without its schedule would block the name.
      await this.backend.deleteJobDefinition(definitionName, spec.type).catch(() => undefined);
      throw e;
    }
  }

  /** Deletes a monitor and its job definition; its reports stay where they were written. */
  async deleteMonitor(name: string): Promise<void> {
    const schedule = await this.backend.describeSchedule(name);
    await this.backend.deleteSchedule(name);
    if (schedule.jobDefinitionName && schedule.type) {
      await this.backend.deleteJobDefinition(schedule.jobDefinitionName, schedule.type).catch((e: unknown) => this.options.logger?.warn(`Job definition ${schedule.jobDefinitionName} was kept: ${(e as Error).message}`));
    }
  }

  /**
   * One analysis of [start, end) (at most 24 hours, as SageMaker's one-time runs): a one-time NOW
   * monitor over that window, run at once. Resolves to its execution.
   */
  async analyzeOnce(spec: Omit<ThisMachineMonitorSpec, 'name' | 'scheduleExpression'>, window: { start: Date; end: Date }): Promise<ExecutionSummary> {
    const now = this.options.now?.() ?? new Date();
    // Two analyses in the same second get different names.
    const name = resourceName('local-analysis', spec.endpointName.slice(0, 26), stamp(now), randomBytes(2).toString('hex'));
    await this.mirrorEndpoint(spec.endpointName);
    const definitionName = resourceName(name, 'definition');
    const definition = this.jobDefinition({ ...spec, name }, definitionName);
    // The window is the run's own, not the hour before it.
    if (definition.input.kind === 'Endpoint') {
      delete definition.input.startTimeOffset;
      delete definition.input.endTimeOffset;
    }
    await this.backend.createJobDefinition(definition);
    const end = new Date(Math.floor(window.end.getTime() / 1000) * 1000);
    const seconds = Math.max(1, Math.round((end.getTime() - window.start.getTime()) / 1000));
    await this.backend.createSchedule({
      name,
      type: spec.type,
      jobDefinitionName: definitionName,
      schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: `-PT${seconds}S`, dataAnalysisEndTime: '-PT0S' },
    });
    const execution = await this.backend.runScheduledExecution(name, end);
    if (execution) return execution;
    // The scheduler claimed it first: read what it recorded.
    const page = await this.backend.listExecutions({ scheduleName: name, maxResults: 1, sortOrder: 'Descending' });
    if (!page.items[0]) throw new MonitoringError('Unknown', `The analysis ${name} did not record an execution.`);
    return page.items[0];
  }

  /** Runs the monitors from now on, catching up missed hours (each once); idempotent. */
  start(): void {
    if (this.scheduler) return;
    this.scheduler = this.newScheduler();
    void this.refreshEndpoints().finally(() => this.scheduler?.start());
  }

  async stop(): Promise<void> {
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    await scheduler?.stop();
  }

  /** Runs what is due now (a new NOW run, missed hours) at once. */
  async runDue(): Promise<ExecutionSummary[]> {
    return (this.scheduler ?? this.newScheduler()).tick();
  }

  get running(): boolean {
    return this.scheduler !== undefined;
  }

  private newScheduler(): LocalScheduler {
    return new LocalScheduler(this.backend, {
      catchUpHours: CATCH_UP_HOURS,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(this.options.now ? { now: this.options.now } : {}),
      ...(this.options.onExecution ? { onExecution: this.options.onExecution } : {}),
    });
  }
}

/** The report prefix a monitor writes to in S3 by default: beside the endpoint's capture, as SageMaker's examples lay it out. */
export function defaultReportsUri(captureDestination: string): string {
  return joinUri(captureDestination.replace(/\/[^/]*\/?$/, ''), 'this-machine-reports');
}

/** The job definition of a monitor spec, run by `runner`: SageMaker's processing job or this machine. */
export function monitorJobDefinition(spec: ThisMachineMonitorSpec, name: string, runner: Pick<JobDefinition, 'imageUri' | 'roleArn' | 'resources'>): JobDefinition {
  return {
    name,
    type: spec.type,
    input: {
      kind: 'Endpoint',
      endpointName: spec.endpointName,
      localPath: '/opt/ml/processing/input/endpoint',
      ...(spec.type === 'ModelQuality' ? { startTimeOffset: '-PT1H', endTimeOffset: '-PT0H' } : {}),
      ...(spec.inferenceAttribute ? { inferenceAttribute: spec.inferenceAttribute } : {}),
      ...(spec.probabilityAttribute ? { probabilityAttribute: spec.probabilityAttribute } : {}),
      ...(spec.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: spec.probabilityThresholdAttribute } : {}),
    },
    baseline: { constraintsS3Uri: spec.constraintsS3Uri, ...(spec.statisticsS3Uri ? { statisticsS3Uri: spec.statisticsS3Uri } : {}) },
    outputS3Uri: spec.outputS3Uri,
    imageUri: runner.imageUri,
    roleArn: runner.roleArn,
    resources: runner.resources,
    ...(spec.problemType ? { problemType: spec.problemType } : {}),
    ...(spec.groundTruthS3Uri ? { groundTruthS3Uri: spec.groundTruthS3Uri } : {}),
    ...(spec.type === 'DataQuality' && spec.recordPreprocessorSourceUri ? { recordPreprocessorSourceUri: spec.recordPreprocessorSourceUri } : {}),
  };
}
