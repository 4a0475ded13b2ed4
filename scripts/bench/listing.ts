/**
 * Benchmark: list every endpoint with its monitoring schedules and each schedule's latest execution
 * status — the explorer's region view — against the SageMaker test server with per-call latency.
 * Our implementation (AwsBackend.listMonitoringOverview: paged lists side by side, one unfiltered
 * schedule listing, latest executions with bounded concurrency) is measured beside a naive one
 * (describe each endpoint, list schedules per endpoint, list executions per schedule, one call at a
 * time) in the same run, on the same server state.
 *
 *   npx tsx scripts/bench/listing.ts [--endpoints 2000] [--schedules 200] [--latency 50] [--concurrency 8]
 */
import { DescribeEndpointCommand, ListEndpointsCommand, ListMonitoringExecutionsCommand, ListMonitoringSchedulesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { AwsBackend } from '../../src/monitoring/aws/awsBackend';
import { SageMakerTestServer } from '../../test/servers/sagemakerServer';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number, got ${process.argv[i + 1]}`);
  return value;
}

const ENDPOINTS = option('endpoints', 2000);
const SCHEDULES = option('schedules', 200);
const LATENCY_MS = option('latency', 50);
const CONCURRENCY = option('concurrency', 8);
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

/** endpoint name → "schedule:latest status" lines, the same shape for both implementations. */
type Picture = Map<string, string[]>;

async function naive(client: SageMakerClient): Promise<Picture> {
  const picture: Picture = new Map();
  let token: string | undefined;
  const names: string[] = [];
  do {
    const page = await client.send(new ListEndpointsCommand({ MaxResults: 100, NextToken: token, SortBy: 'Name', SortOrder: 'Ascending' }));
    names.push(...(page.Endpoints ?? []).map((e) => e.EndpointName ?? ''));
    token = page.NextToken;
  } while (token);
  for (const name of names) {
    await client.send(new DescribeEndpointCommand({ EndpointName: name }));
    const lines: string[] = [];
    let scheduleToken: string | undefined;
    do {
      const schedules = await client.send(new ListMonitoringSchedulesCommand({ EndpointName: name, NextToken: scheduleToken }));
      for (const s of schedules.MonitoringScheduleSummaries ?? []) {
        const executions = await client.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: s.MonitoringScheduleName, SortBy: 'ScheduledTime', SortOrder: 'Descending', MaxResults: 1 }));
        lines.push(`${s.MonitoringScheduleName}:${executions.MonitoringExecutionSummaries?.[0]?.MonitoringExecutionStatus ?? '-'}`);
      }
      scheduleToken = schedules.NextToken;
    } while (scheduleToken);
    picture.set(name, lines.sort());
  }
  return picture;
}

async function ours(backend: AwsBackend): Promise<Picture> {
  const overview = await backend.listMonitoringOverview();
  return new Map(overview.endpoints.map((e) => [e.endpoint.name, e.schedules.map((s) => `${s.schedule.name}:${s.latestExecution?.status ?? '-'}`).sort()]));
}

async function measure<T>(server: SageMakerTestServer, run: () => Promise<T>): Promise<{ result: T; calls: number; ms: number; byOperation: Record<string, number> }> {
  server.resetCalls();
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  const byOperation: Record<string, number> = {};
  for (const op of server.calls) byOperation[op] = (byOperation[op] ?? 0) + 1;
  return { result, calls: server.calls.length, ms, byOperation };
}

async function main(): Promise<void> {
  const server = await SageMakerTestServer.start({ region: REGION });
  const endpointNames = server.seedEndpoints(ENDPOINTS, 'bench');
  const statuses = ['Completed', 'CompletedWithViolations', 'Failed'];
  for (let i = 0; i < SCHEDULES; i++) {
    const endpointName = endpointNames[(i * Math.max(1, Math.floor(ENDPOINTS / SCHEDULES))) % ENDPOINTS];
    const scheduleName = `bench-schedule-${String(i + 1).padStart(4, '0')}`;
    server.addSchedule({ name: scheduleName, endpointName });
    for (let h = 0; h < 3; h++) {
      server.addExecution({ scheduleName, scheduledTime: new Date(Date.UTC(2024, 0, 1, h)), status: statuses[(i + h) % statuses.length], withProcessingJob: false });
    }
  }
  server.latencyMs = LATENCY_MS;

  const backend = new AwsBackend({
    region: REGION,
    endpointOverrides: { sagemaker: server.url, s3: server.url },
    clients: { extensionVersion: 'bench', credentials: () => async () => credentials },
    concurrency: CONCURRENCY,
  });
  const client = new SageMakerClient({ region: REGION, endpoint: server.url, credentials });

  // Warm both clients (credential resolution, lazily loaded SDK modules) so that only the listing is timed.
  await backend.listEndpoints({ maxResults: 1 });
  await client.send(new ListEndpointsCommand({ MaxResults: 1 }));

  console.log(`${ENDPOINTS} endpoints, ${SCHEDULES} schedules (3 executions each), ${LATENCY_MS} ms per call, concurrency ${CONCURRENCY}`);
  const fast = await measure(server, () => ours(backend));
  console.log(`ours:  ${fast.calls} calls in ${(fast.ms / 1000).toFixed(2)} s  ${JSON.stringify(fast.byOperation)}`);
  const slow = await measure(server, () => naive(client));
  console.log(`naive: ${slow.calls} calls in ${(slow.ms / 1000).toFixed(2)} s  ${JSON.stringify(slow.byOperation)}`);

  const same =
    fast.result.size === slow.result.size && [...fast.result].every(([name, lines]) => JSON.stringify(slow.result.get(name)) === JSON.stringify(lines));
  console.log(`same picture: ${same ? 'yes' : 'NO'} (${fast.result.size} endpoints, ${[...fast.result.values()].reduce((n, l) => n + l.length, 0)} schedules)`);
  console.log(`ratio naive/ours: ${(slow.calls / fast.calls).toFixed(1)}× calls, ${(slow.ms / fast.ms).toFixed(1)}× wall time`);

  backend.dispose();
  client.destroy();
  await server.close();
  if (!same) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
