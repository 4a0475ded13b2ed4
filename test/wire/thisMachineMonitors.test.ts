/**
 * Monitors that run on this machine for an AWS endpoint (our SageMaker server + moto S3): a one-off
 * analysis of a window gives the files the CLI gives over the same data locally and writes them in
 * Model Monitor's layout; an hourly monitor catches up the hours it missed, each once; reports can be
 * kept off S3.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsBackend } from '../../src/monitoring/aws/awsBackend';
import { DEMO, DEMO_BUCKET } from '../../src/monitoring/demo/demoScenario';
import { reportFolderUri } from '../../src/monitoring/monitoringFiles';
import { parseS3Uri } from '../../src/monitoring/objectStore';
import { THIS_MACHINE_REPORTS, ThisMachineMonitors } from '../../src/monitoring/local/thisMachineMonitors';
import { cli } from '../unit/cli/cliSupport';
import { startAwsWireRig, type AwsWireRig } from './awsFixture';
import { uploadDemo, type DemoInS3 } from './demoInS3';

const HOUR_MS = 3_600_000;

describe('this-machine monitors for an AWS endpoint', function () {
  this.timeout(120_000);
  let rig: AwsWireRig;
  let aws: AwsBackend;
  let demo: DemoInS3;
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'model-monitor-this-machine-'));
    folders.push(made);
    return made;
  };

  before(async () => {
    rig = await startAwsWireRig();
    demo = await uploadDemo(rig.s3);
    rig.sageMaker.addEndpoint({
      name: DEMO.endpointName,
      dataCapture: { EnableCapture: true, InitialSamplingPercentage: 100, DestinationS3Uri: DEMO.captureUri, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] },
    });
    aws = rig.backend();
  });

  after(async () => {
    await rig?.stop();
    for (const f of [...folders, demo?.root]) if (f) rmSync(f, { recursive: true, force: true });
  });

  const getText = async (uri: string) => {
    const { bucket, key } = parseS3Uri(uri);
    return (await (await rig.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString('utf8')) ?? '';
  };

  it('analyses a window once, writes Model Monitor\'s layout to S3, and the files equal the CLI\'s over the same local data', async () => {
    const monitors = new ThisMachineMonitors(folder(), aws);
    const start = demo.firstHour;
    const end = new Date(start.getTime() + 2 * HOUR_MS);
    const outputS3Uri = `s3://${DEMO_BUCKET}/this-machine-output`;
    const execution = await monitors.analyzeOnce(
      {
        endpointName: DEMO.endpointName,
        type: 'DataQuality',
        statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json`,
        constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json`,
        outputS3Uri,
      },
      { start, end },
    );
    assert.match(execution.status, /^Completed/, execution.failureReason);
    const reports = await monitors.backend.readExecutionReports(execution);
    assert.equal(reports.reportUri, reportFolderUri(outputS3Uri, DEMO.endpointName, execution.scheduleName, execution.scheduledTime));
    const out = folder();
    const local = await cli('analyze', '--captures', demo.local(`${DEMO.captureUri}/${DEMO.endpointName}`),
      '--baseline-statistics', demo.local(`${DEMO.dataQuality.baselineUri}/statistics.json`), '--constraints', demo.local(`${DEMO.dataQuality.baselineUri}/constraints.json`),
      '--start', start.toISOString(), '--end', end.toISOString(), '--output', out);
    assert.equal(local.code, 0, local.stderr);
    for (const name of ['statistics.json', 'constraint_violations.json']) {
      assert.equal(await getText(`${reports.reportUri}/${name}`), readFileSync(join(out, name), 'utf8'), name);
    }
  });

  it('runs the monitor\'s record preprocessor from S3 over the S3 capture, as the CLI runs it over the same local data', async () => {
    const script = ['def preprocess_handler(inference_record):', '    predicted = float(inference_record.endpoint_output.data.split(",")[0])', '    return [] if predicted < 10 else {"a": predicted}', ''].join('\n');
    const scriptUri = `s3://${DEMO_BUCKET}/scripts/keep_high.py`;
    const { bucket, key } = parseS3Uri(scriptUri);
    await rig.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: script }));
    const monitors = new ThisMachineMonitors(folder(), aws);
    const start = demo.firstHour;
    const end = new Date(start.getTime() + 2 * HOUR_MS);
    const execution = await monitors.analyzeOnce(
      {
        endpointName: DEMO.endpointName,
        type: 'DataQuality',
        statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json`,
        constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json`,
        outputS3Uri: `s3://${DEMO_BUCKET}/this-machine-preprocessed`,
        recordPreprocessorSourceUri: scriptUri,
      },
      { start, end },
    );
    assert.match(execution.status, /^Completed/, execution.failureReason);
    const reports = await monitors.backend.readExecutionReports(execution);
    const out = folder();
    const localScript = join(out, 'keep_high.py');
    writeFileSync(localScript, script);
    const local = await cli('analyze', '--captures', demo.local(`${DEMO.captureUri}/${DEMO.endpointName}`),
      '--baseline-statistics', demo.local(`${DEMO.dataQuality.baselineUri}/statistics.json`), '--constraints', demo.local(`${DEMO.dataQuality.baselineUri}/constraints.json`),
      '--start', start.toISOString(), '--end', end.toISOString(), '--output', join(out, 'report'), '--record-preprocessor-script', localScript);
    assert.equal(local.code, 0, local.stderr);
    const statistics = await getText(`${reports.reportUri}/statistics.json`);
    assert.equal(statistics, readFileSync(join(out, 'report', 'statistics.json'), 'utf8'));
    assert.equal((JSON.parse(statistics) as { features: unknown[] }).features.length, 1, 'one column, as the script returns');
  });

  it('an hourly model-quality monitor catches up the hours it missed, each once, writing reports to S3', async () => {
    let clock = demo.firstHour.getTime() + 50 * 60_000;
    const monitors = new ThisMachineMonitors(folder(), aws, { now: () => new Date(clock) });
    const outputS3Uri = `s3://${DEMO_BUCKET}/this-machine-mq`;
    await monitors.createMonitor({
      name: 'abalone-mq-this-machine',
      endpointName: DEMO.endpointName,
      type: 'ModelQuality',
      constraintsS3Uri: `${DEMO.modelQuality.baselineUri}/constraints.json`,
      outputS3Uri,
      problemType: 'Regression',
      inferenceAttribute: '0',
      groundTruthS3Uri: DEMO.groundTruthUri,
    });
    // VS Code was closed for three hours.
    clock = demo.firstHour.getTime() + 3 * HOUR_MS + 2 * 60_000;
    const ran = await monitors.runDue();
    assert.deepEqual(
      ran.map((e) => e.scheduledTime.toISOString()),
      [1, 2, 3].map((h) => new Date(demo.firstHour.getTime() + h * HOUR_MS).toISOString()),
    );
    for (const execution of ran) assert.match(execution.status, /^Completed/, execution.failureReason);
    assert.deepEqual(await monitors.runDue(), [], 'each window runs once');
    const listed = await rig.s3.send(new ListObjectsV2Command({ Bucket: DEMO_BUCKET, Prefix: `this-machine-mq/${DEMO.endpointName}/abalone-mq-this-machine/` }));
    assert.equal(listed.Contents?.filter((o) => o.Key?.endsWith('/statistics.json')).length, 3);
    const page = await monitors.backend.listExecutions({ scheduleName: 'abalone-mq-this-machine' });
    assert.equal(page.items.length, 3);
  });

  it('keeps reports on this machine when asked, and says which hours hold data when the window is empty', async () => {
    const monitors = new ThisMachineMonitors(folder(), aws);
    const spec = {
      endpointName: DEMO.endpointName,
      type: 'DataQuality' as const,
      statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json`,
      constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json`,
      outputS3Uri: THIS_MACHINE_REPORTS,
    };
    const kept = await monitors.analyzeOnce(spec, { start: demo.firstHour, end: new Date(demo.firstHour.getTime() + HOUR_MS) });
    assert.match(kept.status, /^Completed/, kept.failureReason);
    const reports = await monitors.backend.readExecutionReports(kept);
    assert.ok(reports.statistics && reports.violations, 'reports read back from this machine');
    assert.ok(reports.reportUri.startsWith(THIS_MACHINE_REPORTS));

    const empty = await monitors.analyzeOnce(spec, { start: new Date('2024-04-01T00:00:00Z'), end: new Date('2024-04-01T01:00:00Z') });
    assert.equal(empty.status, 'Failed');
    assert.match(empty.failureReason ?? '', /no capture files under s3:\/\/model-monitor-demo\/.*\/abalone-xgb-demo\/ between 2024-04-01T00:00:00\.000Z.*Hours that hold captured data nearby: 2024-05-01T/);
  });
});
