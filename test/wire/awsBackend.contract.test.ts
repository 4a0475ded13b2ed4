import { strict as assert } from 'node:assert';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsBackend } from '../../src/monitoring/aws/awsBackend';
import { isMonitoringError } from '../../src/monitoring/errors';
import { describeBackendContract } from '../contract/backendContract';
import { awsContractFixture, startAwsWireRig, type AwsWireRig } from './awsFixture';

describeBackendContract('AwsBackend over the SageMaker test server and moto S3', async () => awsContractFixture(await startAwsWireRig()));

describe('AwsBackend specifics over the wire', function () {
  this.timeout(30_000);
  let rig: AwsWireRig;
  let backend: AwsBackend;

  before(async () => {
    rig = await startAwsWireRig();
    backend = rig.backend();
  });
  after(async () => {
    await rig?.stop();
  });

  const capture = () => ({
    enableCapture: true,
    initialSamplingPercentage: 10,
    destinationS3Uri: `s3://${rig.bucket}/dc`,
    captureModes: ['Input' as const, 'Output' as const],
  });

  it('sees an endpoint go Updating → InService on its own when the service takes time', async () => {
    rig.sageMaker.addEndpoint({ name: 'timed-ep' });
    rig.sageMaker.transitionMs = 150;
    try {
      const updating = await backend.updateDataCapture('timed-ep', capture());
      assert.equal(updating.status, 'Updating');
      assert.equal(updating.endpointConfigName, 'timed-ep-config', 'the old config serves until the update completes');
      await new Promise((r) => setTimeout(r, 200));
      const done = await backend.describeEndpoint('timed-ep');
      assert.equal(done.status, 'InService');
      assert.match(done.endpointConfigName, /^timed-ep-config-capture-\d{14}-[0-9a-f]{4}$/);
    } finally {
      rig.sageMaker.transitionMs = undefined;
    }
  });

  it('derives config names that do not grow with each change and stay within 63 characters', async () => {
    const longName = `l${'o'.repeat(50)}ng`;
    rig.sageMaker.addEndpoint({ name: longName });
    for (let i = 0; i < 3; i++) {
      await backend.updateDataCapture(longName, { ...capture(), initialSamplingPercentage: 10 + i });
      rig.sageMaker.settle();
    }
    const configs = rig.sageMaker.endpointConfigNames().filter((n) => n.startsWith(longName.slice(0, 20)));
    assert.equal(configs.length, 4, 'the original and three copies are all kept');
    for (const name of configs) assert.ok(name.length <= 63 && /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(name), name);
    assert.equal((await backend.describeEndpoint(longName)).dataCapture?.currentSamplingPercentage, 12);
  });

  it('removes the new config again when the endpoint update is refused, and says why', async () => {
    rig.sageMaker.addEndpoint({ name: 'denied-ep' });
    const before = rig.sageMaker.endpointConfigNames();
    rig.sageMaker.inject({ kind: 'AccessDenied', operations: ['UpdateEndpoint'], times: 1 });
    await assert.rejects(
      () => backend.updateDataCapture('denied-ep', capture()),
      (e: unknown) => isMonitoringError(e) && e.kind === 'AccessDenied' && /sagemaker:UpdateEndpoint/.test(e.message) && /endpoint\/denied-ep/.test(e.message),
    );
    assert.deepEqual(rig.sageMaker.endpointConfigNames(), before);
  });

  it("reads reports from the execution's processing-job output when it has one", async () => {
    rig.sageMaker.addEndpoint({ name: 'pj-ep' });
    rig.sageMaker.addSchedule({ name: 'pj-schedule', endpointName: 'pj-ep', outputS3Uri: `s3://${rig.bucket}/usual` });
    const elsewhere = `s3://${rig.bucket}/custom/output/folder`;
    rig.sageMaker.addExecution({ scheduleName: 'pj-schedule', scheduledTime: new Date('2024-02-02T02:00:00Z'), status: 'Completed', outputS3Uri: elsewhere });
    await rig.s3.send(new PutObjectCommand({ Bucket: rig.bucket, Key: 'custom/output/folder/constraint_violations.json', Body: '{"violations": []}' }));
    const [execution] = (await backend.listExecutions({ scheduleName: 'pj-schedule' })).items;
    assert.ok(execution.processingJobArn);
    const reports = await backend.readExecutionReports(execution);
    assert.equal(reports.reportUri, elsewhere);
    assert.deepEqual(reports.violations, { violations: [] });
  });

  it("starts a baseline job on the region's analyzer image with the SDK's environment", async () => {
    const job = await backend.startBaselineJob({
      jobName: 'baseline-mq-1',
      type: 'ModelQuality',
      datasetS3Uri: `s3://${rig.bucket}/validation.csv`,
      datasetFormat: { csv: { header: true } },
      outputS3Uri: `s3://${rig.bucket}/baselining/results`,
      roleArn: 'arn:aws:iam::123456789012:role/ModelMonitorRole',
      problemType: 'BinaryClassification',
      inferenceAttribute: 'prediction',
      probabilityAttribute: 'probability',
      groundTruthAttribute: 'label',
      probabilityThresholdAttribute: 0.5,
    });
    assert.equal(job.status, 'InProgress');
    assert.equal(job.outputS3Uri, `s3://${rig.bucket}/baselining/results`);
    const request = rig.sageMaker.processingJobRequest('baseline-mq-1') as {
      AppSpecification: { ImageUri: string };
      Environment: Record<string, string>;
      ProcessingInputs: { S3Input: { S3Uri: string; LocalPath: string } }[];
    };
    assert.equal(request.AppSpecification.ImageUri, '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer');
    assert.deepEqual(request.Environment, {
      dataset_format: '{"csv": {"header": true, "output_columns_position": "START"}}',
      dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
      output_path: '/opt/ml/processing/output',
      publish_cloudwatch_metrics: 'Disabled',
      analysis_type: 'MODEL_QUALITY',
      problem_type: 'BinaryClassification',
      inference_attribute: 'prediction',
      probability_attribute: 'probability',
      ground_truth_attribute: 'label',
      probability_threshold_attribute: '0.5',
    });
    assert.equal(request.ProcessingInputs[0].S3Input.LocalPath, '/opt/ml/processing/input/baseline_dataset_input');

    rig.sageMaker.finishProcessingJob('baseline-mq-1', { status: 'Failed', failureReason: 'ClientError: no column label' });
    const failed = await backend.describeBaselineJob('baseline-mq-1');
    assert.equal(failed.status, 'Failed');
    assert.equal(failed.failureReason, 'ClientError: no column label');
    assert.ok(failed.endTime instanceof Date);
  });

  it('builds the region overview from list calls only, without a call per endpoint', async () => {
    for (let i = 1; i <= 250; i++) rig.sageMaker.addEndpoint({ name: `ov-${String(i).padStart(3, '0')}` });
    for (let i = 1; i <= 5; i++) rig.sageMaker.addSchedule({ name: `ov-schedule-${i}`, endpointName: `ov-${String(i * 10).padStart(3, '0')}` });
    rig.sageMaker.addExecution({ scheduleName: 'ov-schedule-1', scheduledTime: new Date('2024-01-01T01:00:00Z'), status: 'Completed' });
    rig.sageMaker.addExecution({ scheduleName: 'ov-schedule-1', scheduledTime: new Date('2024-01-01T03:00:00Z'), status: 'Failed' });
    rig.sageMaker.addExecution({ scheduleName: 'ov-schedule-1', scheduledTime: new Date('2024-01-01T02:00:00Z'), status: 'Completed' });
    rig.sageMaker.resetCalls();

    const overview = await backend.listMonitoringOverview();
    const endpointCount = overview.endpoints.length;
    const scheduleCount = overview.endpoints.reduce((n, e) => n + e.schedules.length, 0) + overview.otherSchedules.length;
    assert.ok(endpointCount >= 250);
    assert.equal(rig.sageMaker.callCount('ListEndpoints'), Math.ceil(endpointCount / 100));
    assert.equal(rig.sageMaker.callCount('ListMonitoringSchedules'), Math.max(1, Math.ceil(scheduleCount / 100)));
    assert.equal(rig.sageMaker.callCount('ListMonitoringExecutions'), scheduleCount);
    assert.equal(rig.sageMaker.callCount('DescribeEndpoint'), 0);

    const ov10 = overview.endpoints.find((e) => e.endpoint.name === 'ov-010');
    assert.deepEqual(ov10?.schedules.map((s) => s.schedule.name), ['ov-schedule-1']);
    assert.equal(ov10?.schedules[0].latestExecution?.status, 'Failed');
    assert.equal(ov10?.schedules[0].latestExecution?.scheduledTime.toISOString(), '2024-01-01T03:00:00.000Z');
    assert.equal(overview.endpoints.find((e) => e.endpoint.name === 'ov-020')?.schedules[0].latestExecution, undefined);
  });

  it('identifies itself with the extension user agent', async () => {
    await backend.listEndpoints({ maxResults: 1 });
    assert.match(rig.sageMaker.lastUserAgent, /sagemaker-model-monitor-vscode\/0\.0\.0-test/);
  });
});
