import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deleteEndpoint,
  deleteSchedules,
  endpointDeletionConfirmation,
  planEndpointDeletion,
  planScheduleDeletion,
  planSchedulesDeletion,
  scheduleDeletionConfirmation,
} from '../../src/monitoring/cleanup';
import { isMonitoringError } from '../../src/monitoring/errors';
import { LocalBackend } from '../../src/monitoring/local/localBackend';
import type { ScheduleSummary } from '../../src/monitoring/model';
import { cronFor } from '../../src/monitoring/scheduleExpression';

const summary = (name: string, jobDefinitionName?: string, type: ScheduleSummary['type'] = 'DataQuality'): ScheduleSummary => ({
  name,
  arn: `arn:aws:sagemaker:us-east-1:1:monitoring-schedule/${name}`,
  status: 'Scheduled',
  type,
  endpointName: 'ep',
  ...(jobDefinitionName ? { jobDefinitionName } : {}),
  creationTime: new Date(0),
  lastModifiedTime: new Date(0),
});

describe('What deleting a schedule or an endpoint removes', () => {
  describe('the plan', () => {
    it("deletes a schedule's job definition when no other schedule uses it", () => {
      const plan = planSchedulesDeletion([summary('a', 'a-def')], [summary('a', 'a-def'), summary('b', 'b-def')]);
      assert.deepEqual(plan.jobDefinitions, [{ name: 'a-def', type: 'DataQuality' }]);
      assert.deepEqual(plan.keptJobDefinitions, []);
    });

    it('keeps a job definition another schedule (a Run Now, say) still uses, naming that schedule', () => {
      const plan = planSchedulesDeletion([summary('a', 'shared')], [summary('a', 'shared'), summary('a-now-1', 'shared')]);
      assert.deepEqual(plan.jobDefinitions, []);
      assert.deepEqual(plan.keptJobDefinitions, [{ name: 'shared', type: 'DataQuality', usedBy: ['a-now-1'] }]);
    });

    it('deletes a shared job definition when every schedule using it goes, and lists it once', () => {
      const all = [summary('a', 'shared'), summary('a-now-1', 'shared'), summary('m', 'm-def', 'ModelQuality')];
      const plan = planSchedulesDeletion(all, all);
      assert.deepEqual(plan.jobDefinitions, [
        { name: 'shared', type: 'DataQuality' },
        { name: 'm-def', type: 'ModelQuality' },
      ]);
    });

    it('tells apart definitions of the same name and different types', () => {
      const plan = planSchedulesDeletion([summary('a', 'def')], [summary('a', 'def'), summary('m', 'def', 'ModelQuality')]);
      assert.deepEqual(plan.jobDefinitions, [{ name: 'def', type: 'DataQuality' }]);
    });
  });

  describe('the confirmation', () => {
    it('names the schedule and its job definition, and says captured data and reports stay', () => {
      const c = scheduleDeletionConfirmation(planSchedulesDeletion([summary('a', 'a-def')], [summary('a', 'a-def')]));
      assert.equal(c.message, 'Delete the monitoring schedule a?');
      assert.match(c.detail, /• the monitoring schedule a\n• its job definition a-def\n/);
      assert.match(c.detail, /Captured data, monitoring reports and baselines are not deleted\./);
      assert.equal(c.action, 'Delete Schedule');
    });

    it('says why a job definition is kept', () => {
      const c = scheduleDeletionConfirmation(planSchedulesDeletion([summary('a', 'shared')], [summary('a', 'shared'), summary('b', 'shared')]));
      assert.doesNotMatch(c.detail, /• its job definition/);
      assert.match(c.detail, /Job definition shared is kept: b still uses it\./);
    });

    it('lists an endpoint deletion in order: the server stopped, schedules, job definitions, then the endpoint; capture kept', () => {
      const schedules = [summary('a', 'a-def'), summary('b', 'b-def')];
      const c = endpointDeletionConfirmation({
        ...planSchedulesDeletion(schedules, schedules),
        endpointName: 'ep',
        captureDestination: 's3://bucket/capture',
        stopsLocalServer: true,
      });
      assert.equal(c.message, 'Delete the endpoint ep and its 2 monitoring schedules?');
      assert.equal(
        c.detail.split('\n\n')[0],
        [
          'In this order:',
          '• its local inference server on 127.0.0.1 is stopped',
          '• the monitoring schedule a',
          '• the monitoring schedule b',
          '• the job definition a-def',
          '• the job definition b-def',
          '• then the endpoint ep',
        ].join('\n'),
      );
      assert.match(c.detail, /Captured data stays in s3:\/\/bucket\/capture\./);
      assert.match(c.detail, /endpoint configs are kept/);
    });

    it('asks only about the endpoint when it has no schedules', () => {
      const c = endpointDeletionConfirmation({ ...planSchedulesDeletion([], []), endpointName: 'ep', stopsLocalServer: false });
      assert.equal(c.message, 'Delete the endpoint ep?');
      assert.doesNotMatch(c.detail, /schedule|server/);
    });
  });

  describe('on a local workspace', () => {
    let root: string;
    let backend: LocalBackend;

    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'mm-cleanup-'));
      backend = new LocalBackend(root);
      for (const name of ['ep', 'other']) {
        await backend.createEndpointConfig({
          name: `${name}-config`,
          variants: [{ variantName: 'AllTraffic', initialInstanceCount: 1 }],
          dataCapture: { enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: 's3://bucket/capture', captureModes: ['Input', 'Output'] },
        });
        await backend.createEndpoint(name, `${name}-config`);
        await schedule(`${name}-dq`, name);
      }
      // A second schedule on the same definition, as Run Monitor Now makes.
      await backend.createSchedule({ name: 'ep-dq-now', type: 'DataQuality', jobDefinitionName: 'ep-dq-def', schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT1H', dataAnalysisEndTime: '-PT0H' } });
      await backend.objects.put('s3://bucket/capture/ep/AllTraffic/2024/01/01/00/kept.jsonl', '{}\n');
    });
    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });

    async function schedule(name: string, endpointName: string): Promise<void> {
      await backend.createJobDefinition({
        name: `${name}-def`,
        type: 'DataQuality',
        input: { kind: 'Endpoint', endpointName, localPath: '/opt/ml/processing/input/endpoint' },
        outputS3Uri: 's3://bucket/reports',
        imageUri: 'analyzer',
        roleArn: 'arn:aws:iam::000000000000:role/r',
        resources: { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 20 },
      });
      await backend.createSchedule({ name, type: 'DataQuality', jobDefinitionName: `${name}-def`, schedule: { scheduleExpression: cronFor.hourly() } });
    }

    it('deletes a schedule and keeps the job definition its Run Now sibling uses', async () => {
      const plan = await planScheduleDeletion(backend, await backend.describeSchedule('ep-dq'));
      assert.deepEqual(plan.keptJobDefinitions.map((d) => d.usedBy), [['ep-dq-now']]);
      const outcome = await deleteSchedules(backend, plan);
      assert.deepEqual(outcome, { deleted: ['schedule ep-dq'], warnings: [] });
      await assert.rejects(() => backend.describeSchedule('ep-dq'), (e) => isMonitoringError(e) && e.kind === 'NotFound');
      assert.equal((await backend.describeJobDefinition('ep-dq-def', 'DataQuality')).name, 'ep-dq-def');
    });

    it("deletes an endpoint's schedules, their job definition and the endpoint, and nothing of another endpoint or of the captured data", async () => {
      const plan = await planEndpointDeletion(backend, 'ep');
      assert.deepEqual(plan.schedules.map((s) => s.name).sort(), ['ep-dq', 'ep-dq-now']);
      assert.deepEqual(plan.jobDefinitions, [{ name: 'ep-dq-def', type: 'DataQuality' }]);
      assert.equal(plan.captureDestination, 's3://bucket/capture');
      const steps: string[] = [];
      const outcome = await deleteEndpoint(backend, plan, { onStep: (s) => steps.push(s) });
      assert.deepEqual(outcome.warnings, []);
      assert.equal(steps.at(-1), 'Deleting the endpoint ep');
      await assert.rejects(() => backend.describeEndpoint('ep'), (e) => isMonitoringError(e) && e.kind === 'NotFound');
      await assert.rejects(() => backend.describeJobDefinition('ep-dq-def', 'DataQuality'), (e) => isMonitoringError(e) && e.kind === 'NotFound');
      assert.equal((await backend.describeEndpoint('other')).name, 'other');
      assert.deepEqual((await backend.listSchedules()).items.map((s) => s.name), ['other-dq']);
      assert.equal((await backend.describeEndpointConfig('ep-config')).name, 'ep-config');
      assert.ok(await backend.objects.get('s3://bucket/capture/ep/AllTraffic/2024/01/01/00/kept.jsonl'));
    });

    it('reports a job definition it could not delete instead of stopping half-way', async () => {
      const plan = await planScheduleDeletion(backend, await backend.describeSchedule('other-dq'));
      // Another window creates a schedule on the definition between the plan and the deletion.
      await backend.createSchedule({ name: 'late', type: 'DataQuality', jobDefinitionName: 'other-dq-def', schedule: { scheduleExpression: cronFor.hourly() } });
      const outcome = await deleteSchedules(backend, plan, { retryDelayMs: 1, attempts: 2 });
      assert.deepEqual(outcome.deleted, ['schedule other-dq']);
      assert.equal(outcome.warnings.length, 1);
      assert.match(outcome.warnings[0], /other-dq-def was kept: .*late/);
    });
  });
});
