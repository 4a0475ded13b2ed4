import { strict as assert } from 'node:assert';
import { ListEndpointsCommand, ListMonitoringExecutionsCommand, ListMonitoringSchedulesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { SageMakerApi } from '../../../src/monitoring/aws/sageMakerApi';

const t = new Date('2024-01-01T00:00:00Z');
const endpoint = (name: string) => ({ EndpointName: name, EndpointArn: `arn:${name}`, CreationTime: t, LastModifiedTime: t, EndpointStatus: 'InService' as const });
const schedule = (name: string, endpointName?: string) => ({
  MonitoringScheduleName: name,
  MonitoringScheduleArn: `arn:${name}`,
  CreationTime: t,
  LastModifiedTime: t,
  MonitoringScheduleStatus: 'Scheduled' as const,
  ...(endpointName ? { EndpointName: endpointName } : {}),
});

describe('SageMakerApi', () => {
  // mockClient stubs every SageMakerClient's send: install it for this suite only, and remove it after.
  const mockSageMaker = () => mockClient(SageMakerClient);
  let sm: ReturnType<typeof mockSageMaker>;
  let api: SageMakerApi;

  before(() => {
    sm = mockSageMaker();
  });
  after(() => {
    sm.restore();
  });
  beforeEach(() => {
    sm.reset();
    api = new SageMakerApi(new SageMakerClient({ region: 'us-east-1' }), { region: 'us-east-1' }, 2);
  });

  it('follows NextToken to the last page, asking for full pages', async () => {
    sm.on(ListEndpointsCommand)
      .resolvesOnce({ Endpoints: [endpoint('a'), endpoint('b')], NextToken: 't1' })
      .resolvesOnce({ Endpoints: [endpoint('c')], NextToken: 't2' })
      .resolvesOnce({ Endpoints: [endpoint('d')] });
    const all = await api.listAllEndpoints({ NameContains: 'x' });
    assert.deepEqual(all.map((e) => e.EndpointName), ['a', 'b', 'c', 'd']);
    const inputs = sm.commandCalls(ListEndpointsCommand).map((c) => c.args[0].input);
    assert.deepEqual(inputs, [
      { NameContains: 'x', MaxResults: 100, NextToken: undefined },
      { NameContains: 'x', MaxResults: 100, NextToken: 't1' },
      { NameContains: 'x', MaxResults: 100, NextToken: 't2' },
    ]);
  });

  it('asks for the latest execution with one sorted call', async () => {
    sm.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [] });
    assert.equal(await api.latestExecution('s1'), undefined);
    assert.deepEqual(sm.commandCalls(ListMonitoringExecutionsCommand)[0].args[0].input, {
      MonitoringScheduleName: 's1',
      SortBy: 'ScheduledTime',
      SortOrder: 'Descending',
      MaxResults: 1,
    });
  });

  it('builds the overview from one schedule listing for all endpoints', async () => {
    sm.on(ListEndpointsCommand).resolves({ Endpoints: [endpoint('ep-1'), endpoint('ep-2')] });
    sm.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: [schedule('s-a', 'ep-1'), schedule('s-b', 'ep-1'), schedule('s-batch'), schedule('s-gone', 'deleted-ep')] });
    sm.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [] });
    sm.on(ListMonitoringExecutionsCommand, { MonitoringScheduleName: 's-a' }).resolves({
      MonitoringExecutionSummaries: [{ MonitoringScheduleName: 's-a', ScheduledTime: t, CreationTime: t, LastModifiedTime: t, MonitoringExecutionStatus: 'CompletedWithViolations' }],
    });

    const overview = await api.listMonitoringOverview();
    assert.deepEqual(
      overview.endpoints.map((e) => [e.endpoint.name, e.schedules.map((s) => `${s.schedule.name}:${s.latestExecution?.status ?? '-'}`)]),
      [
        ['ep-1', ['s-a:CompletedWithViolations', 's-b:-']],
        ['ep-2', []],
      ],
    );
    assert.deepEqual(overview.otherSchedules.map((s) => s.schedule.name).sort(), ['s-batch', 's-gone']);
    assert.equal(sm.commandCalls(ListMonitoringSchedulesCommand).length, 1);
    assert.equal(sm.commandCalls(ListMonitoringSchedulesCommand)[0].args[0].input.EndpointName, undefined);
  });

  it('maps a failure to a MonitoringError naming the operation', async () => {
    sm.on(ListEndpointsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { attempts: 3 } }));
    await assert.rejects(api.listAllEndpoints(), (e: Error & { kind?: string; details?: { operation?: string } }) => e.kind === 'Throttled' && e.details?.operation === 'ListEndpoints');
  });
});
