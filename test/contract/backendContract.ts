/**
 * The behaviour every MonitoringBackend must show, written against the interface only, so the same
 * suite runs against the AWS backend (SageMaker test server + moto S3) and the local backend. A
 * backend plugs in through a ContractFixture: the backend plus a few backend-neutral hooks to seed
 * state that the interface itself cannot create (endpoints, executions, objects).
 */
import { strict as assert } from 'node:assert';
import type { MonitoringBackend } from '../../src/monitoring/backend';
import { isMonitoringError, type MonitoringErrorKind } from '../../src/monitoring/errors';
import type { Constraints } from '../../src/monitoring/formats/constraints';
import type { GroundTruthRecord } from '../../src/monitoring/formats/groundTruth';
import type { DataCaptureConfig, ExecutionStatus, ExecutionSummary, JobDefinition } from '../../src/monitoring/model';
import { reportFolderUri } from '../../src/monitoring/monitoringFiles';
import { hourPath, joinUri } from '../../src/monitoring/objectStore';
import { cronFor } from '../../src/monitoring/scheduleExpression';

export interface ContractEndpointSpec {
  name: string;
  /** Default `['AllTraffic']`. */
  variantNames?: string[];
  /** Capture settings of the endpoint's initial config; none: capture off. */
  dataCapture?: DataCaptureConfig;
}

export interface ContractExecutionSpec {
  scheduleName: string;
  scheduledTime: Date;
  status: ExecutionStatus;
  failureReason?: string;
}

export interface ContractFixture {
  backend: MonitoringBackend;
  /** An `s3://bucket/prefix` the suite may write under (an existing bucket, or the local store's root). */
  storageRoot: string;
  /** A role ARN job definitions and baseline jobs can name (any well-formed ARN for a local backend). */
  roleArn: string;
  /** True when in-progress states (endpoint Updating, schedule Pending) stay visible until `settle()`. */
  observableTransitions: boolean;
  /** An InService endpoint with one config. */
  createEndpoint(spec: ContractEndpointSpec): Promise<void>;
  /** `count` InService endpoints named `<prefix>-00001`, `<prefix>-00002`, … */
  seedEndpoints(count: number, prefix: string): Promise<void>;
  /** Completes every transition in progress (endpoints → InService, schedules → Scheduled). */
  settle(): Promise<void>;
  putObject(uri: string, body: string): Promise<void>;
  getObject(uri: string): Promise<string | undefined>;
  /** Records one execution of an existing schedule, as the scheduler would. */
  addExecution(spec: ContractExecutionSpec): Promise<ExecutionSummary>;
  dispose(): Promise<void>;
}

async function rejectsWith(kind: MonitoringErrorKind, run: () => Promise<unknown>, message?: RegExp): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(isMonitoringError(e), `expected a MonitoringError, got ${String(e)}`);
    assert.equal(e.kind, kind, `expected kind ${kind}, got ${e.kind}: ${e.message}`);
    if (message) assert.match(e.message, message);
    return true;
  });
}

const at = (iso: string) => new Date(iso);
/** The object without its undefined-valued keys (backends may or may not spell absent fields out). */
const defined = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

function captureLine(eventId: string, inferenceTime: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1.5,2,abc', encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: '0.25', encoding: 'CSV' },
    },
    eventMetadata: { eventId, inferenceTime },
    eventVersion: '0',
  });
}

const STATISTICS = {
  version: 0.0,
  dataset: { item_count: 3 },
  features: [
    {
      name: 'age',
      inferred_type: 'Integral',
      numerical_statistics: { common: { num_present: 3, num_missing: 0 }, mean: 2, sum: 6, std_dev: 0.816496580927726, min: 1, max: 3 },
    },
  ],
};

const CONSTRAINTS: Constraints = {
  version: 0.0,
  features: [{ name: 'age', inferred_type: 'Integral', completeness: 1.0, num_constraints: { is_non_negative: true } }],
  monitoring_config: { evaluate_constraints: 'Enabled', emit_metrics: 'Enabled', distribution_constraints: { perform_comparison: 'Enabled', comparison_threshold: 0.1 } },
};

const VIOLATIONS = {
  violations: [{ feature_name: 'age', constraint_check_type: 'baseline_drift_check', description: 'Baseline drift distance: 0.4 exceeds threshold: 0.1' }],
};

export function describeBackendContract(name: string, setup: () => Promise<ContractFixture>): void {
  describe(`MonitoringBackend contract: ${name}`, function () {
    this.timeout(60_000);
    let f: ContractFixture;
    let b: MonitoringBackend;
    let root: string;

    before(async function () {
      f = await setup();
      b = f.backend;
      root = f.storageRoot;
    });
    after(async () => {
      await f?.dispose();
    });

    function dataQualityDefinition(name: string, endpointName: string, extra: Partial<JobDefinition> = {}): JobDefinition {
      return {
        name,
        type: 'DataQuality',
        input: { kind: 'Endpoint', endpointName, localPath: '/opt/ml/processing/input/endpoint', startTimeOffset: '-PT1H', endTimeOffset: '-PT0H' },
        baseline: { constraintsS3Uri: joinUri(root, 'baseline', 'constraints.json'), statisticsS3Uri: joinUri(root, 'baseline', 'statistics.json') },
        outputS3Uri: joinUri(root, 'reports'),
        imageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer',
        environment: { publish_cloudwatch_metrics: 'Disabled' },
        roleArn: f.roleArn,
        resources: { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 20 },
        maxRuntimeInSeconds: 1800,
        ...extra,
      };
    }

    /** An endpoint with a data-quality job definition and an hourly schedule on it. */
    async function scheduledEndpoint(prefix: string): Promise<{ endpointName: string; definition: JobDefinition; scheduleName: string }> {
      const endpointName = `${prefix}-ep`;
      await f.createEndpoint({ name: endpointName });
      const definition = await b.createJobDefinition(dataQualityDefinition(`${prefix}-def`, endpointName));
      const scheduleName = `${prefix}-schedule`;
      await b.createSchedule({ name: scheduleName, type: 'DataQuality', jobDefinitionName: definition.name, schedule: { scheduleExpression: cronFor.hourly() } });
      await f.settle();
      return { endpointName, definition, scheduleName };
    }

    describe('endpoints', () => {
      it('pages through 2,000 endpoints, each exactly once', async () => {
        await f.seedEndpoints(2000, 'bulk');
        const seen: string[] = [];
        let nextToken: string | undefined;
        let pages = 0;
        do {
          const page = await b.listEndpoints({ nameContains: 'bulk', maxResults: 100, ...(nextToken ? { nextToken } : {}) });
          assert.ok(page.items.length <= 100, `a page of ${page.items.length}`);
          seen.push(...page.items.map((e) => e.name));
          nextToken = page.nextToken;
          pages++;
        } while (nextToken);
        assert.equal(seen.length, 2000);
        assert.equal(new Set(seen).size, 2000);
        assert.ok(seen.includes('bulk-00001') && seen.includes('bulk-02000'));
        assert.ok(pages >= 20, `expected at least 20 pages, got ${pages}`);
      });

      it('describes an endpoint and its config', async () => {
        await f.createEndpoint({ name: 'desc-ep', variantNames: ['AllTraffic', 'Shadow'] });
        const endpoint = await b.describeEndpoint('desc-ep');
        assert.equal(endpoint.name, 'desc-ep');
        assert.equal(endpoint.status, 'InService');
        assert.deepEqual(endpoint.variants.map((v) => v.variantName), ['AllTraffic', 'Shadow']);
        assert.notEqual(endpoint.dataCapture?.enableCapture, true);
        const config = await b.describeEndpointConfig(endpoint.endpointConfigName);
        assert.equal(config.name, endpoint.endpointConfigName);
        assert.deepEqual(config.variants.map((v) => v.variantName), ['AllTraffic', 'Shadow']);
        assert.equal(config.dataCapture, undefined);
      });

      it('enables capture through a new config, leaving the old one in place', async () => {
        await f.createEndpoint({ name: 'cap-on-ep' });
        const before = await b.describeEndpoint('cap-on-ep');
        const capture: DataCaptureConfig = {
          enableCapture: true,
          initialSamplingPercentage: 25,
          destinationS3Uri: joinUri(root, 'datacapture'),
          captureModes: ['Input', 'Output'],
          csvContentTypes: ['text/csv'],
          jsonContentTypes: ['application/json'],
        };
        const updating = await b.updateDataCapture('cap-on-ep', capture);
        if (f.observableTransitions) {
          assert.equal(updating.status, 'Updating');
          await rejectsWith('InUse', () => b.updateDataCapture('cap-on-ep', capture), /Updating/);
        } else {
          assert.ok(['Updating', 'InService'].includes(updating.status));
        }
        await f.settle();
        const after = await b.describeEndpoint('cap-on-ep');
        assert.equal(after.status, 'InService');
        assert.notEqual(after.endpointConfigName, before.endpointConfigName);
        assert.equal(after.dataCapture?.enableCapture, true);
        assert.equal(after.dataCapture?.captureStatus, 'Started');
        assert.equal(after.dataCapture?.currentSamplingPercentage, 25);
        assert.equal(after.dataCapture?.destinationS3Uri, capture.destinationS3Uri);
        const newConfig = await b.describeEndpointConfig(after.endpointConfigName);
        assert.deepEqual(defined(newConfig.dataCapture), defined(capture));
        assert.deepEqual(newConfig.variants.map((v) => v.variantName), ['AllTraffic']);
        const oldConfig = await b.describeEndpointConfig(before.endpointConfigName);
        assert.equal(oldConfig.dataCapture, undefined, 'the old config is left unchanged');
      });

      it('disables capture', async () => {
        const capture: DataCaptureConfig = { enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: joinUri(root, 'dc'), captureModes: ['Input', 'Output'] };
        await f.createEndpoint({ name: 'cap-off-ep', dataCapture: capture });
        assert.equal((await b.describeEndpoint('cap-off-ep')).dataCapture?.enableCapture, true);
        await b.disableDataCapture('cap-off-ep');
        await f.settle();
        const after = await b.describeEndpoint('cap-off-ep');
        assert.equal(after.status, 'InService');
        assert.notEqual(after.dataCapture?.enableCapture, true);
        assert.notEqual(after.dataCapture?.captureStatus, 'Started');
      });

      it('deletes an endpoint only once no schedule names it, keeping its config and captured data', async () => {
        const { endpointName, definition, scheduleName } = await scheduledEndpoint('del');
        const captured = joinUri(root, 'capture', endpointName, 'AllTraffic', '2024', '01', '01', '00', 'kept.jsonl');
        await f.putObject(captured, captureLine('kept', '2024-01-01T00:00:00Z') + '\n');
        await rejectsWith('InUse', () => b.deleteEndpoint(endpointName), new RegExp(scheduleName));
        assert.equal((await b.describeEndpoint(endpointName)).status, 'InService', 'a refused delete leaves the endpoint as it was');
        await b.deleteSchedule(scheduleName);
        await b.deleteJobDefinition(definition.name, 'DataQuality');
        await b.deleteEndpoint(endpointName);
        await f.settle();
        await rejectsWith('NotFound', () => b.describeEndpoint(endpointName));
        assert.ok(!(await b.listEndpoints({ nameContains: endpointName })).items.some((e) => e.name === endpointName));
        assert.equal((await b.describeEndpointConfig(`${endpointName}-config`)).name, `${endpointName}-config`);
        assert.match((await f.getObject(captured)) ?? '', /"kept"/);
        await rejectsWith('NotFound', () => b.deleteEndpoint(endpointName));
      });

      it('refuses impossible capture settings before touching the endpoint', async () => {
        await f.createEndpoint({ name: 'cap-bad-ep' });
        const before = await b.describeEndpoint('cap-bad-ep');
        await rejectsWith('Validation', () =>
          b.updateDataCapture('cap-bad-ep', { enableCapture: true, initialSamplingPercentage: 150, destinationS3Uri: joinUri(root, 'dc'), captureModes: ['Input'] }),
        /0–100/);
        assert.equal((await b.describeEndpoint('cap-bad-ep')).endpointConfigName, before.endpointConfigName);
      });
    });

    describe('job definitions', () => {
      it('creates, describes and deletes data- and model-quality definitions', async () => {
        await f.createEndpoint({ name: 'jd-ep' });
        const dq = dataQualityDefinition('jd-dq', 'jd-ep');
        const created = await b.createJobDefinition(dq);
        const described = await b.describeJobDefinition('jd-dq', 'DataQuality');
        for (const d of [created, described]) {
          assert.equal(d.name, 'jd-dq');
          assert.equal(d.type, 'DataQuality');
          assert.deepEqual(defined(d.input), defined(dq.input));
          assert.deepEqual(defined(d.baseline), defined(dq.baseline));
          assert.equal(d.outputS3Uri, dq.outputS3Uri);
          assert.equal(d.roleArn, dq.roleArn);
          assert.deepEqual(d.resources, dq.resources);
          assert.equal(d.maxRuntimeInSeconds, 1800);
          assert.deepEqual(d.environment, dq.environment);
        }

        const mq: JobDefinition = {
          ...dataQualityDefinition('jd-mq', 'jd-ep'),
          type: 'ModelQuality',
          input: { kind: 'Endpoint', endpointName: 'jd-ep', localPath: '/opt/ml/processing/input/endpoint', inferenceAttribute: '0', probabilityAttribute: '0', probabilityThresholdAttribute: 0.5 },
          baseline: { constraintsS3Uri: joinUri(root, 'mq-baseline', 'constraints.json') },
          problemType: 'BinaryClassification',
          groundTruthS3Uri: joinUri(root, 'ground-truth'),
        };
        await b.createJobDefinition(mq);
        const mqDescribed = await b.describeJobDefinition('jd-mq', 'ModelQuality');
        assert.equal(mqDescribed.problemType, 'BinaryClassification');
        assert.equal(mqDescribed.groundTruthS3Uri, mq.groundTruthS3Uri);
        assert.deepEqual(defined(mqDescribed.input), defined(mq.input));

        await rejectsWith('InUse', () => b.createJobDefinition(dq));
        await b.deleteJobDefinition('jd-dq', 'DataQuality');
        await rejectsWith('NotFound', () => b.describeJobDefinition('jd-dq', 'DataQuality'));
        await b.deleteJobDefinition('jd-mq', 'ModelQuality');
      });

      it('refuses a name SageMaker would refuse', async () => {
        await rejectsWith('Validation', () => b.createJobDefinition(dataQualityDefinition('bad_name', 'jd-ep')), /bad_name/);
      });
    });

    describe('schedules', () => {
      it('creates, describes, stops, starts, updates and deletes a schedule', async () => {
        await f.createEndpoint({ name: 'sch-ep' });
        await b.createJobDefinition(dataQualityDefinition('sch-def', 'sch-ep'));
        const created = await b.createSchedule({ name: 'sch-1', type: 'DataQuality', jobDefinitionName: 'sch-def', schedule: { scheduleExpression: cronFor.hourly() } });
        assert.equal(created.status, f.observableTransitions ? 'Pending' : created.status);
        assert.ok(['Pending', 'Scheduled'].includes(created.status));
        await f.settle();
        const described = await b.describeSchedule('sch-1');
        assert.equal(described.status, 'Scheduled');
        assert.equal(described.type, 'DataQuality');
        assert.equal(described.endpointName, 'sch-ep');
        assert.equal(described.jobDefinitionName, 'sch-def');
        assert.equal(described.schedule.scheduleExpression, 'cron(0 * ? * * *)');

        const listed = await b.listSchedules({ endpointName: 'sch-ep' });
        assert.deepEqual(listed.items.map((s) => s.name), ['sch-1']);

        await b.stopSchedule('sch-1');
        assert.equal((await b.describeSchedule('sch-1')).status, 'Stopped');
        await b.startSchedule('sch-1');
        assert.ok(['Pending', 'Scheduled'].includes((await b.describeSchedule('sch-1')).status));
        await f.settle();
        assert.equal((await b.describeSchedule('sch-1')).status, 'Scheduled');

        const updated = await b.updateSchedule('sch-1', { scheduleExpression: cronFor.daily(5) });
        assert.equal(updated.schedule.scheduleExpression, 'cron(0 5 ? * * *)');
        assert.equal(updated.jobDefinitionName, 'sch-def');

        await rejectsWith('InUse', () => b.createSchedule({ name: 'sch-1', type: 'DataQuality', jobDefinitionName: 'sch-def', schedule: { scheduleExpression: cronFor.hourly() } }));
        await rejectsWith('InUse', () => b.deleteJobDefinition('sch-def', 'DataQuality'));

        await b.deleteSchedule('sch-1');
        await rejectsWith('NotFound', () => b.describeSchedule('sch-1'));
        await b.deleteJobDefinition('sch-def', 'DataQuality');
      });

      it('creates a one-time NOW run with its analysis window', async () => {
        await f.createEndpoint({ name: 'now-ep' });
        await b.createJobDefinition(dataQualityDefinition('now-def', 'now-ep'));
        const schedule = await b.createSchedule({
          name: 'now-run',
          type: 'DataQuality',
          jobDefinitionName: 'now-def',
          schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT3H', dataAnalysisEndTime: '-PT1H' },
        });
        assert.deepEqual(schedule.schedule, { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT3H', dataAnalysisEndTime: '-PT1H' });
        assert.deepEqual((await b.describeSchedule('now-run')).schedule, schedule.schedule);
      });

      it('refuses schedule expressions and windows SageMaker refuses', async () => {
        const request = (scheduleExpression: string, start?: string, end?: string) =>
          b.createSchedule({ name: 'bad-schedule', type: 'DataQuality', jobDefinitionName: 'now-def', schedule: { scheduleExpression, dataAnalysisStartTime: start, dataAnalysisEndTime: end } });
        await rejectsWith('Validation', () => request('cron(30 * ? * * *)'), /minute/);
        await rejectsWith('Validation', () => request('rate(5 minutes)'));
        await rejectsWith('Validation', () => request('NOW'), /DataAnalysisStartTime/);
        await rejectsWith('Validation', () => request('NOW', '-PT26H', '-PT1H'), /24 hours/);
        await rejectsWith('Validation', () => request('NOW', '-PT1H', '-PT2H'), /after/);
        await rejectsWith('NotFound', () => b.describeSchedule('bad-schedule'));
      });
    });

    describe('executions and reports', () => {
      it('lists executions by schedule, time range and status, newest first, page by page', async () => {
        const { scheduleName } = await scheduledEndpoint('ex');
        await f.createEndpoint({ name: 'ex2-ep' });
        await b.createJobDefinition(dataQualityDefinition('ex2-def', 'ex2-ep'));
        await b.createSchedule({ name: 'ex2-schedule', type: 'DataQuality', jobDefinitionName: 'ex2-def', schedule: { scheduleExpression: cronFor.hourly() } });
        await f.settle();
        const statuses: [string, ExecutionStatus][] = [
          ['2024-03-01T01:00:00Z', 'Completed'],
          ['2024-03-01T02:00:00Z', 'CompletedWithViolations'],
          ['2024-03-01T03:00:00Z', 'Failed'],
          ['2024-03-01T04:00:00Z', 'Completed'],
        ];
        for (const [time, status] of statuses) {
          await f.addExecution({ scheduleName, scheduledTime: at(time), status, ...(status === 'Failed' ? { failureReason: 'Job inputs had no data' } : {}) });
        }
        await f.addExecution({ scheduleName: 'ex2-schedule', scheduledTime: at('2024-03-01T02:00:00Z'), status: 'Completed' });

        const times = (items: ExecutionSummary[]) => items.map((e) => e.scheduledTime.toISOString().slice(11, 13));
        const all = await b.listExecutions({ scheduleName });
        assert.deepEqual(times(all.items), ['04', '03', '02', '01']);
        assert.ok(all.items.every((e) => e.scheduleName === scheduleName));
        assert.deepEqual(times((await b.listExecutions({ scheduleName, sortOrder: 'Ascending' })).items), ['01', '02', '03', '04']);

        const window = await b.listExecutions({ scheduleName, scheduledAfter: at('2024-03-01T01:30:00Z'), scheduledBefore: at('2024-03-01T03:30:00Z') });
        assert.deepEqual(times(window.items), ['03', '02']);

        const failed = await b.listExecutions({ scheduleName, status: 'Failed' });
        assert.equal(failed.items.length, 1);
        assert.equal(failed.items[0].failureReason, 'Job inputs had no data');

        const first = await b.listExecutions({ scheduleName, maxResults: 3 });
        assert.equal(first.items.length, 3);
        assert.ok(first.nextToken, 'a second page is announced');
        const second = await b.listExecutions({ scheduleName, maxResults: 3, nextToken: first.nextToken });
        assert.deepEqual(times([...first.items, ...second.items]), ['04', '03', '02', '01']);
        assert.equal(second.nextToken, undefined);

        const other = await b.listExecutions({ scheduleName: 'ex2-schedule' });
        assert.deepEqual(times(other.items), ['02']);
      });

      it('lists the executions of a job definition: its monitor and one-time runs, also after the run was deleted', async () => {
        const { scheduleName, definition } = await scheduledEndpoint('jd');
        await f.createEndpoint({ name: 'jd-other-ep' });
        await b.createJobDefinition(dataQualityDefinition('jd-other-def', 'jd-other-ep'));
        await b.createSchedule({ name: 'jd-other', type: 'DataQuality', jobDefinitionName: 'jd-other-def', schedule: { scheduleExpression: cronFor.hourly() } });
        const oneTime = `${scheduleName}-now-20240401103000`;
        await b.createSchedule({ name: oneTime, type: 'DataQuality', jobDefinitionName: definition.name, schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT1H', dataAnalysisEndTime: '-PT0H' } });
        await f.settle();
        await f.addExecution({ scheduleName, scheduledTime: at('2024-04-01T10:00:00Z'), status: 'Completed' });
        await f.addExecution({ scheduleName: oneTime, scheduledTime: at('2024-04-01T10:30:00Z'), status: 'CompletedWithViolations' });
        await f.addExecution({ scheduleName: 'jd-other', scheduledTime: at('2024-04-01T10:00:00Z'), status: 'Completed' });
        const names = async () => (await b.listExecutions({ jobDefinitionName: definition.name, sortOrder: 'Descending' })).items.map((e) => e.scheduleName);
        assert.deepEqual(await names(), [oneTime, scheduleName]);
        await b.deleteSchedule(oneTime);
        assert.deepEqual(await names(), [oneTime, scheduleName], "a deleted schedule's executions stay listed");
      });

      it("reads an execution's reports from SageMaker's S3 layout", async () => {
        const { endpointName, definition, scheduleName } = await scheduledEndpoint('rep');
        const scheduledTime = at('2024-01-02T05:00:00Z');
        const execution = await f.addExecution({ scheduleName, scheduledTime, status: 'CompletedWithViolations' });
        const folder = reportFolderUri(definition.outputS3Uri, endpointName, scheduleName, scheduledTime);
        assert.ok(folder.endsWith(`/${endpointName}/${scheduleName}/2024/01/02/05`));
        await f.putObject(joinUri(folder, 'statistics.json'), JSON.stringify(STATISTICS));
        await f.putObject(joinUri(folder, 'constraints.json'), JSON.stringify(CONSTRAINTS));
        await f.putObject(joinUri(folder, 'constraint_violations.json'), JSON.stringify(VIOLATIONS));

        const reports = await b.readExecutionReports(execution);
        assert.equal(reports.reportUri.replace(/\/$/, ''), folder);
        assert.equal(reports.violations?.violations.length, 1);
        assert.equal(reports.violations?.violations[0].feature_name, 'age');
        assert.equal((reports.statistics as typeof STATISTICS | undefined)?.dataset.item_count, 3);
        assert.ok(reports.constraints);

        const failed = await f.addExecution({ scheduleName, scheduledTime: at('2024-01-02T06:00:00Z'), status: 'Failed', failureReason: 'Job inputs had no data' });
        const none = await b.readExecutionReports(failed);
        assert.equal(none.statistics, undefined);
        assert.equal(none.violations, undefined);
      });
    });

    describe('captured data, ground truth and baselines', () => {
      it('reads only the records of a window spanning several hours, with file and line', async () => {
        const dest = joinUri(root, 'window-capture');
        const file = (hour: string, name: string) => joinUri(dest, 'win-ep', 'AllTraffic', hour, name);
        const files = {
          h09: file('2024/01/01/09', '50-00-000-a.jsonl'),
          h10: file('2024/01/01/10', '10-00-000-b.jsonl'),
          h11: file('2024/01/01/11', '00-00-000-c.jsonl'),
          h12: file('2024/01/01/12', '15-00-000-d.jsonl'),
          h13: file('2024/01/01/13', '00-00-000-e.jsonl'),
        };
        await f.putObject(files.h09, `${captureLine('e-0950', '2024-01-01T09:50:00Z')}\n`);
        await f.putObject(files.h10, [captureLine('e-1010', '2024-01-01T10:10:00Z'), captureLine('e-1040', '2024-01-01T10:40:00Z'), captureLine('e-1059', '2024-01-01T10:59:59Z')].join('\n') + '\n');
        await f.putObject(files.h11, [captureLine('e-1100', '2024-01-01T11:00:00Z'), captureLine('e-1130', '2024-01-01T11:30:00Z')].join('\n') + '\n');
        await f.putObject(files.h12, `${captureLine('e-1215', '2024-01-01T12:15:00Z')}\n`);
        await f.putObject(files.h13, `${captureLine('e-1300', '2024-01-01T13:00:00Z')}\n`);
        // An endpoint whose name extends ours must not leak into the window.
        await f.putObject(joinUri(dest, 'win-ep-other', 'AllTraffic', '2024/01/01/11', 'x.jsonl'), `${captureLine('other', '2024-01-01T11:10:00Z')}\n`);

        const got: { id: string; uri: string; line: number }[] = [];
        for await (const r of b.readCapturedRecords({ destinationS3Uri: dest, endpointName: 'win-ep', start: at('2024-01-01T10:30:00Z'), end: at('2024-01-01T13:00:00Z') })) {
          got.push({ id: r.record.eventMetadata.eventId, uri: r.uri, line: r.line });
          assert.equal(r.record.captureData.endpointInput?.data, '1.5,2,abc');
        }
        assert.deepEqual(got, [
          { id: 'e-1040', uri: files.h10, line: 2 },
          { id: 'e-1059', uri: files.h10, line: 3 },
          { id: 'e-1100', uri: files.h11, line: 1 },
          { id: 'e-1130', uri: files.h11, line: 2 },
          { id: 'e-1215', uri: files.h12, line: 1 },
        ]);
      });

      it("writes ground truth into the collection hour's folder", async () => {
        const groundTruthS3Uri = joinUri(root, 'ground-truth-upload');
        const time = at('2024-05-06T07:08:09Z');
        const records: GroundTruthRecord[] = [
          { groundTruthData: { data: '1', encoding: 'CSV' }, eventMetadata: { eventId: 'gt-1' }, eventVersion: '0' },
          { groundTruthData: { data: '0', encoding: 'CSV' }, eventMetadata: { eventId: 'gt-2' }, eventVersion: '0' },
        ];
        const uri = await b.writeGroundTruth({ groundTruthS3Uri, time, records });
        assert.ok(uri.startsWith(`${groundTruthS3Uri}/${hourPath(time)}/`), uri);
        assert.ok(uri.endsWith('.jsonl'));
        const text = await f.getObject(uri);
        assert.ok(text !== undefined, `${uri} was written`);
        const lines = text.split('\n').filter((l) => l.trim() !== '');
        assert.deepEqual(lines.map((l) => (JSON.parse(l) as GroundTruthRecord).eventMetadata.eventId), ['gt-1', 'gt-2']);
        assert.deepEqual((JSON.parse(lines[0]) as GroundTruthRecord).groundTruthData, { data: '1', encoding: 'CSV' });
      });

      it('writes baseline constraints, refusing to overwrite unless asked', async () => {
        const uri = joinUri(root, 'constraints-write', 'constraints.json');
        await b.writeConstraints(uri, CONSTRAINTS);
        assert.deepEqual(await b.readConstraints(uri), CONSTRAINTS);
        const changed: Constraints = { ...CONSTRAINTS, features: [{ name: 'age', inferred_type: 'Fractional', completeness: 0.5 }] };
        await rejectsWith('InUse', () => b.writeConstraints(uri, changed));
        assert.deepEqual(await b.readConstraints(uri), CONSTRAINTS, 'the refused write changed nothing');
        await b.writeConstraints(uri, changed, { overwrite: true });
        assert.deepEqual(await b.readConstraints(uri), changed);
      });

      it('reads baseline statistics', async () => {
        const uri = joinUri(root, 'baseline-read', 'statistics.json');
        await f.putObject(uri, JSON.stringify(STATISTICS));
        const statistics = await b.readStatistics(uri);
        assert.equal((statistics as typeof STATISTICS).features[0].name, 'age');
      });
    });

    describe('errors', () => {
      it('reports missing resources as NotFound', async () => {
        await rejectsWith('NotFound', () => b.describeEndpoint('no-such-endpoint'), /no-such-endpoint/);
        await rejectsWith('NotFound', () => b.describeEndpointConfig('no-such-config'));
        await rejectsWith('NotFound', () => b.describeSchedule('no-such-schedule'));
        await rejectsWith('NotFound', () => b.describeJobDefinition('no-such-definition', 'ModelQuality'));
        await rejectsWith('NotFound', () => b.readConstraints(joinUri(root, 'nothing-here', 'constraints.json')));
        await rejectsWith('NotFound', () => b.updateDataCapture('no-such-endpoint', { enableCapture: true, initialSamplingPercentage: 10, destinationS3Uri: joinUri(root, 'dc'), captureModes: ['Input'] }));
      });

      it('reports a schedule on a job definition that does not exist', async () => {
        await rejectsWith('NotFound', () =>
          b.createSchedule({ name: 'orphan-schedule', type: 'DataQuality', jobDefinitionName: 'no-such-definition', schedule: { scheduleExpression: cronFor.hourly() } }),
        );
      });
    });
  });
}
