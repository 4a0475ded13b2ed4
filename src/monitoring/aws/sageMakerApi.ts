/**
 * A thin typed layer over the SageMaker client: one method per API call the backend makes, every
 * failure mapped to a MonitoringError, list calls paged to the end where a caller needs everything,
 * and fan-out calls run with bounded concurrency. Where one list call can answer for many resources
 * (all schedules of all endpoints), it is used instead of a call per resource.
 */
import {
  CreateDataQualityJobDefinitionCommand,
  CreateEndpointConfigCommand,
  CreateModelBiasJobDefinitionCommand,
  CreateModelExplainabilityJobDefinitionCommand,
  CreateModelQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DeleteDataQualityJobDefinitionCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelBiasJobDefinitionCommand,
  DeleteModelExplainabilityJobDefinitionCommand,
  DeleteModelQualityJobDefinitionCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListEndpointsCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  StartMonitoringScheduleCommand,
  StopMonitoringScheduleCommand,
  UpdateEndpointCommand,
  UpdateMonitoringScheduleCommand,
  type CreateDataQualityJobDefinitionCommandInput,
  type CreateEndpointConfigCommandInput,
  type CreateModelBiasJobDefinitionCommandInput,
  type CreateModelExplainabilityJobDefinitionCommandInput,
  type CreateModelQualityJobDefinitionCommandInput,
  type CreateMonitoringScheduleCommandInput,
  type CreateProcessingJobCommandInput,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  type DescribeMonitoringScheduleResponse,
  type DescribeProcessingJobResponse,
  type EndpointSummary as ApiEndpointSummary,
  type ListEndpointsCommandInput,
  type ListMonitoringExecutionsCommandInput,
  type ListMonitoringSchedulesCommandInput,
  type MonitoringExecutionSummary,
  type MonitoringScheduleConfig,
  type MonitoringScheduleSummary,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { endpointSummaryFromApi, executionFromApi, scheduleSummaryFromApi, type JobDefinitionDocument } from '../apiShapes';
import { mapWithConcurrency } from '../concurrency';
import type { EndpointSummary, ExecutionSummary, MonitoringType, ScheduleSummary } from '../model';
import { toMonitoringError, type AwsCallContext } from './errorMapping';

/** Region, profile and endpoint: how failures are labelled. */
export type SageMakerErrorContext = Omit<AwsCallContext, 'service' | 'operation' | 'resource'>;

/** The largest page SageMaker's list calls return. */
export const MAX_PAGE_SIZE = 100;

/** Calls in flight at once when fanning out (SageMaker's describe/list rate limits are a few per second per account). */
export const DEFAULT_CONCURRENCY = 8;

/** One endpoint with its monitoring schedules and each schedule's latest execution. */
export interface EndpointMonitoringOverview {
  endpoint: EndpointSummary;
  schedules: ScheduleWithLatestExecution[];
}

export interface ScheduleWithLatestExecution {
  schedule: ScheduleSummary;
  latestExecution?: ExecutionSummary;
}

export interface MonitoringOverview {
  endpoints: EndpointMonitoringOverview[];
  /** Schedules whose endpoint is not (or no longer) listed, e.g. batch-transform monitors. */
  otherSchedules: ScheduleWithLatestExecution[];
}

export class SageMakerApi {
  constructor(
    readonly client: SageMakerClient,
    private readonly context: SageMakerErrorContext,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  /** Runs one API call, mapping its failure to a MonitoringError naming the operation and resource. */
  async call<T>(operation: string, resource: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw toMonitoringError(e, { ...this.context, service: 'SageMaker', operation, ...(resource !== undefined ? { resource } : {}) });
    }
  }

  // Endpoints and endpoint configs

  listEndpointsPage(input: ListEndpointsCommandInput) {
    return this.call('ListEndpoints', undefined, () => this.client.send(new ListEndpointsCommand(input)));
  }

  /** Every endpoint, page by page (100 a page). */
  async listAllEndpoints(filter: Omit<ListEndpointsCommandInput, 'NextToken' | 'MaxResults'> = {}): Promise<ApiEndpointSummary[]> {
    const all: ApiEndpointSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.listEndpointsPage({ ...filter, MaxResults: MAX_PAGE_SIZE, NextToken: token });
      all.push(...(page.Endpoints ?? []));
      token = page.NextToken;
    } while (token);
    return all;
  }

  describeEndpoint(name: string): Promise<DescribeEndpointOutput> {
    return this.call('DescribeEndpoint', name, () => this.client.send(new DescribeEndpointCommand({ EndpointName: name })));
  }

  /** Several endpoints described with bounded concurrency, in the order given. */
  describeEndpoints(names: readonly string[]): Promise<DescribeEndpointOutput[]> {
    return mapWithConcurrency(names, this.concurrency, (name) => this.describeEndpoint(name));
  }

  /** The config as the API describes it (without response metadata, so it can be copied into a create call). */
  async describeEndpointConfig(name: string): Promise<DescribeEndpointConfigOutput> {
    const { $metadata: _metadata, ...config } = await this.call('DescribeEndpointConfig', name, () =>
      this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })),
    );
    return config;
  }

  createEndpointConfig(input: CreateEndpointConfigCommandInput) {
    return this.call('CreateEndpointConfig', input.EndpointConfigName, () => this.client.send(new CreateEndpointConfigCommand(input)));
  }

  deleteEndpoint(name: string) {
    return this.call('DeleteEndpoint', name, () => this.client.send(new DeleteEndpointCommand({ EndpointName: name })));
  }

  deleteEndpointConfig(name: string) {
    return this.call('DeleteEndpointConfig', name, () => this.client.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name })));
  }

  updateEndpoint(endpointName: string, endpointConfigName: string) {
    return this.call('UpdateEndpoint', endpointName, () =>
      this.client.send(new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: endpointConfigName })),
    );
  }

  // Job definitions: four APIs with the same pattern, one per monitoring type

  async createJobDefinition(type: MonitoringType, body: JobDefinitionDocument): Promise<void> {
    const name = body.JobDefinitionName;
    const send = () => {
      switch (type) {
        case 'DataQuality':
          return this.client.send(new CreateDataQualityJobDefinitionCommand(body as unknown as CreateDataQualityJobDefinitionCommandInput));
        case 'ModelQuality':
          return this.client.send(new CreateModelQualityJobDefinitionCommand(body as unknown as CreateModelQualityJobDefinitionCommandInput));
        case 'ModelBias':
          return this.client.send(new CreateModelBiasJobDefinitionCommand(body as unknown as CreateModelBiasJobDefinitionCommandInput));
        case 'ModelExplainability':
          return this.client.send(
            new CreateModelExplainabilityJobDefinitionCommand(body as unknown as CreateModelExplainabilityJobDefinitionCommandInput),
          );
      }
    };
    await this.call(`Create${type}JobDefinition`, name, send);
  }

  /** The `Describe{Type}JobDefinition` response (its fields are prefixed by the type). */
  async describeJobDefinition(type: MonitoringType, name: string): Promise<JobDefinitionDocument> {
    const input = { JobDefinitionName: name };
    const send = async (): Promise<object> => {
      switch (type) {
        case 'DataQuality':
          return this.client.send(new DescribeDataQualityJobDefinitionCommand(input));
        case 'ModelQuality':
          return this.client.send(new DescribeModelQualityJobDefinitionCommand(input));
        case 'ModelBias':
          return this.client.send(new DescribeModelBiasJobDefinitionCommand(input));
        case 'ModelExplainability':
          return this.client.send(new DescribeModelExplainabilityJobDefinitionCommand(input));
      }
    };
    const { $metadata: _metadata, ...document } = (await this.call(`Describe${type}JobDefinition`, name, send)) as { $metadata?: unknown };
    return document as JobDefinitionDocument;
  }

  async deleteJobDefinition(type: MonitoringType, name: string): Promise<void> {
    const input = { JobDefinitionName: name };
    const send = async (): Promise<unknown> => {
      switch (type) {
        case 'DataQuality':
          return this.client.send(new DeleteDataQualityJobDefinitionCommand(input));
        case 'ModelQuality':
          return this.client.send(new DeleteModelQualityJobDefinitionCommand(input));
        case 'ModelBias':
          return this.client.send(new DeleteModelBiasJobDefinitionCommand(input));
        case 'ModelExplainability':
          return this.client.send(new DeleteModelExplainabilityJobDefinitionCommand(input));
      }
    };
    await this.call(`Delete${type}JobDefinition`, name, send);
  }

  // Schedules

  listSchedulesPage(input: ListMonitoringSchedulesCommandInput) {
    return this.call('ListMonitoringSchedules', input.EndpointName, () => this.client.send(new ListMonitoringSchedulesCommand(input)));
  }

  /** Every schedule (of one endpoint, or of all of them when no filter is given), page by page. */
  async listAllSchedules(filter: Omit<ListMonitoringSchedulesCommandInput, 'NextToken' | 'MaxResults'> = {}): Promise<MonitoringScheduleSummary[]> {
    const all: MonitoringScheduleSummary[] = [];
    let token: string | undefined;
    do {
      const page = await this.listSchedulesPage({ ...filter, MaxResults: MAX_PAGE_SIZE, NextToken: token });
      all.push(...(page.MonitoringScheduleSummaries ?? []));
      token = page.NextToken;
    } while (token);
    return all;
  }

  describeSchedule(name: string): Promise<DescribeMonitoringScheduleResponse> {
    return this.call('DescribeMonitoringSchedule', name, () => this.client.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name })));
  }

  createSchedule(input: CreateMonitoringScheduleCommandInput) {
    return this.call('CreateMonitoringSchedule', input.MonitoringScheduleName, () => this.client.send(new CreateMonitoringScheduleCommand(input)));
  }

  updateSchedule(name: string, config: MonitoringScheduleConfig) {
    return this.call('UpdateMonitoringSchedule', name, () =>
      this.client.send(new UpdateMonitoringScheduleCommand({ MonitoringScheduleName: name, MonitoringScheduleConfig: config })),
    );
  }

  startSchedule(name: string) {
    return this.call('StartMonitoringSchedule', name, () => this.client.send(new StartMonitoringScheduleCommand({ MonitoringScheduleName: name })));
  }

  stopSchedule(name: string) {
    return this.call('StopMonitoringSchedule', name, () => this.client.send(new StopMonitoringScheduleCommand({ MonitoringScheduleName: name })));
  }

  deleteSchedule(name: string) {
    return this.call('DeleteMonitoringSchedule', name, () => this.client.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: name })));
  }

  // Executions and processing jobs

  listExecutionsPage(input: ListMonitoringExecutionsCommandInput) {
    return this.call('ListMonitoringExecutions', input.MonitoringScheduleName ?? input.EndpointName, () =>
      this.client.send(new ListMonitoringExecutionsCommand(input)),
    );
  }

  /** The most recently scheduled execution of a schedule: one call, sorted on the service side. */
  async latestExecution(scheduleName: string): Promise<MonitoringExecutionSummary | undefined> {
    const page = await this.listExecutionsPage({ MonitoringScheduleName: scheduleName, SortBy: 'ScheduledTime', SortOrder: 'Descending', MaxResults: 1 });
    return page.MonitoringExecutionSummaries?.[0];
  }

  createProcessingJob(input: CreateProcessingJobCommandInput) {
    return this.call('CreateProcessingJob', input.ProcessingJobName, () => this.client.send(new CreateProcessingJobCommand(input)));
  }

  describeProcessingJob(name: string): Promise<DescribeProcessingJobResponse> {
    return this.call('DescribeProcessingJob', name, () => this.client.send(new DescribeProcessingJobCommand({ ProcessingJobName: name })));
  }

  /**
   * Every endpoint with its schedules and each schedule's latest execution, in
   * ⌈endpoints/100⌉ + ⌈schedules/100⌉ + schedules calls: the endpoint and schedule listings run side
   * by side, one unfiltered schedule listing serves all endpoints, and the latest executions are
   * fetched with bounded concurrency.
   */
  async listMonitoringOverview(): Promise<MonitoringOverview> {
    const schedulesWithLatest = (async () => {
      const schedules = (await this.listAllSchedules()).map(scheduleSummaryFromApi);
      return mapWithConcurrency(schedules, this.concurrency, async (schedule): Promise<ScheduleWithLatestExecution> => {
        const latest = await this.latestExecution(schedule.name);
        return latest ? { schedule, latestExecution: executionFromApi(latest) } : { schedule };
      });
    })();
    const [endpoints, schedules] = await Promise.all([this.listAllEndpoints({ SortBy: 'Name', SortOrder: 'Ascending' }), schedulesWithLatest]);
    const byEndpoint = new Map<string, ScheduleWithLatestExecution[]>();
    for (const s of schedules) {
      const key = s.schedule.endpointName ?? '';
      byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), s]);
    }
    const overview: EndpointMonitoringOverview[] = endpoints.map((e) => {
      const endpoint = endpointSummaryFromApi(e);
      const mine = byEndpoint.get(endpoint.name) ?? [];
      byEndpoint.delete(endpoint.name);
      return { endpoint, schedules: mine };
    });
    return { endpoints: overview, otherSchedules: [...byEndpoint.values()].flat() };
  }
}
