// An AWS account on loopback for the integration suite: our SageMaker-protocol server and moto's S3,
// seeded through the real SDK with one monitored endpoint whose execution found a violation, and an
// AWS profile (static keys in temporary shared files) that the extension's connection uses.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsBackend } from '../../src/monitoring/aws/awsBackend';
import { randomUUID } from 'node:crypto';
import { buildDemoWorkspace } from '../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO, DEMO_BUCKET } from '../../src/monitoring/demo/demoScenario';
import { captureFileUri, reportFolderUri } from '../../src/monitoring/monitoringFiles';
import { joinUri, parseS3Uri } from '../../src/monitoring/objectStore';
import { startMotoServer } from '../servers/motoServer';
import { SageMakerTestServer } from '../servers/sagemakerServer';
import { awsFacts } from './awsFacts';
import { repoRoot } from './paths';

const credentials = { accessKeyId: 'AKIDINTEGRATIONTEST', secretAccessKey: 'integration-secret' };
const golden = (file: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'golden', 'packt-sagemaker-cookbook-ch07', file));

export interface AwsEmulators {
  /** User settings adding the AWS connection, pointed at the emulators. */
  readonly settings: Record<string, unknown>;
  /** Environment for the extension host: where the shared AWS files are. */
  readonly environment: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The abalone demo's capture, ground truth and baselines in S3, for an endpoint without any monitor;
 * SageMaker refuses to create the monitor named `refusedMonitorName`, as for an account that is not
 * admitted to Model Monitor.
 */
async function addCaptureOnlyEndpoint(sageMaker: SageMakerTestServer, s3: S3Client, folder: string): Promise<void> {
  const demoRoot = join(folder, 'demo');
  // The history runs through the current hour (the demo ends it at the last full hour before `now`),
  // so "the last hour" a Run Now analyses holds records at any minute of the hour, even its last.
  await buildDemoWorkspace(demoRoot, { hours: 2, now: new Date(Date.now() + 3_600_000) });
  await s3.send(new CreateBucketCommand({ Bucket: DEMO_BUCKET }));
  const bucketFolder = join(demoRoot, 's3', DEMO_BUCKET);
  for (const entry of readdirSync(bucketFolder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    await s3.send(new PutObjectCommand({ Bucket: DEMO_BUCKET, Key: relative(bucketFolder, file).split(sep).join('/'), Body: readFileSync(file) }));
  }
  rmSync(demoRoot, { recursive: true, force: true });
  sageMaker.addEndpoint({
    name: awsFacts.captureOnlyEndpointName,
    dataCapture: { EnableCapture: true, InitialSamplingPercentage: 100, DestinationS3Uri: DEMO.captureUri, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] },
  });
  sageMaker.inject({
    kind: 'ClosedToNewCustomers',
    operations: ['CreateDataQualityJobDefinition', 'CreateModelQualityJobDefinition', 'CreateMonitoringSchedule'],
    names: [awsFacts.refusedMonitorName, `${awsFacts.refusedMonitorName}-definition`, awsFacts.refusedWizardMonitorName],
  });
}

const DATA_QUALITY_IMAGE = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';

/** A job definition `<name>-definition` for an endpoint and an hourly schedule `<name>` running it. */
async function addHourlyMonitor(
  backend: AwsBackend,
  name: string,
  monitor: { type: 'DataQuality' | 'ModelBias'; endpointName: string; imageUri: string; configUri?: string; groundTruthS3Uri?: string },
): Promise<void> {
  const { type, endpointName, ...rest } = monitor;
  await backend.createJobDefinition({
    name: `${name}-definition`,
    type,
    input: { kind: 'Endpoint', endpointName, localPath: '/opt/ml/processing/input/endpoint' },
    outputS3Uri: awsFacts.outputS3Uri,
    ...rest,
    roleArn: 'arn:aws:iam::123456789012:role/ModelMonitorRole',
    resources: { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 20 },
  });
  await backend.createSchedule({ name, type, jobDefinitionName: `${name}-definition`, schedule: { scheduleExpression: 'cron(0 * ? * * *)' } });
}

export async function startAwsEmulators(): Promise<AwsEmulators> {
  const [sageMaker, moto] = await Promise.all([SageMakerTestServer.start({ region: awsFacts.region, transitionMs: awsFacts.transitionMs }), startMotoServer()]);
  const folder = mkdtempSync(join(tmpdir(), 'model-monitor-aws-'));
  const s3 = new S3Client({ region: awsFacts.region, endpoint: moto.url, forcePathStyle: true, credentials });
  const backend = new AwsBackend({
    region: awsFacts.region,
    endpointOverrides: { sagemaker: sageMaker.url, s3: moto.url },
    clients: { extensionVersion: '0.0.0-integration', credentials: () => async () => credentials },
  });
  try {
    const { bucket } = parseS3Uri(awsFacts.outputS3Uri);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    sageMaker.addEndpoint({
      name: awsFacts.endpointName,
      dataCapture: { EnableCapture: true, InitialSamplingPercentage: 50, DestinationS3Uri: awsFacts.captureS3Uri, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] },
    });
    await addHourlyMonitor(backend, awsFacts.scheduleName, { type: 'DataQuality', endpointName: awsFacts.endpointName, imageUri: DATA_QUALITY_IMAGE });
    await addHourlyMonitor(backend, awsFacts.biasScheduleName, {
      type: 'ModelBias',
      endpointName: awsFacts.endpointName,
      imageUri: '205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0',
      configUri: `s3://${bucket}/clarify/analysis_config.json`,
      groundTruthS3Uri: `s3://${bucket}/ground-truth`,
    });
    sageMaker.addEndpoint({ name: awsFacts.cleanupEndpointName });
    await addHourlyMonitor(backend, awsFacts.cleanupScheduleName, { type: 'DataQuality', endpointName: awsFacts.cleanupEndpointName, imageUri: DATA_QUALITY_IMAGE });
    await addCaptureOnlyEndpoint(sageMaker, s3, folder);
    sageMaker.settle();
    sageMaker.addExecution({ scheduleName: awsFacts.scheduleName, scheduledTime: awsFacts.scheduledTime, status: 'CompletedWithViolations' });
    sageMaker.addExecution({ scheduleName: awsFacts.biasScheduleName, scheduledTime: awsFacts.scheduledTime, status: 'Completed' });
    // The execution's report where SageMaker writes it: the cookbook run's real files (one data_type_check).
    const report = reportFolderUri(awsFacts.outputS3Uri, awsFacts.endpointName, awsFacts.scheduleName, awsFacts.scheduledTime);
    for (const [name, file] of [
      ['constraint_violations.json', 'monitoring_constraint_violations.json'],
      ['statistics.json', 'monitoring_statistics.json'],
    ] as const) {
      const { key } = parseS3Uri(joinUri(report, name));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: golden(file) }));
    }
    // Captured traffic of this hour: two records around a malformed line.
    const now = new Date();
    const captureFile = captureFileUri(awsFacts.captureS3Uri, awsFacts.endpointName, 'AllTraffic', now);
    const record = (inferenceId: string) =>
      JSON.stringify({
        captureData: {
          endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '42,0,1,118.5', encoding: 'CSV' },
          endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: '0.82', encoding: 'CSV' },
        },
        eventMetadata: { eventId: randomUUID(), inferenceId, inferenceTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
        eventVersion: '0',
      });
    const [first, second] = awsFacts.capturedInferenceIds;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: parseS3Uri(captureFile).key, Body: `${record(first)}\n{"captureData": {\n${record(second)}\n` }));
    // Hours earlier, the cookbook run's four records, clean, and its baseline: what a this-machine analysis reads.
    const earlier = new Date(now.getTime() - awsFacts.cleanCaptureHoursAgo * 3_600_000);
    const cookbookRecord = (line: string, index: number) => {
      const [output, ...input] = line.split(',');
      return JSON.stringify({
        captureData: {
          endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input.join(','), encoding: 'CSV' },
          endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: output, encoding: 'CSV' },
        },
        eventMetadata: { eventId: randomUUID(), inferenceId: `churn-earlier-${index}`, inferenceTime: earlier.toISOString().replace(/\.\d{3}Z$/, 'Z') },
        eventVersion: '0',
      });
    };
    const cookbookLines = golden('monitoring_input.reconstructed.csv').toString('utf8').trim().split('\n');
    const earlierFile = captureFileUri(awsFacts.captureS3Uri, awsFacts.endpointName, 'AllTraffic', earlier);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: parseS3Uri(earlierFile).key, Body: `${cookbookLines.map(cookbookRecord).join('\n')}\n` }));
    for (const [name, file] of [
      ['statistics.json', 'baseline_statistics.json'],
      ['constraints.json', 'monitoring_constraints_used.json'],
    ] as const) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: parseS3Uri(joinUri(awsFacts.churnBaselineUri, name)).key, Body: golden(file) }));
    }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: parseS3Uri(awsFacts.datasetS3Uri).key, Body: awsFacts.datasetCsv }));
  } catch (e) {
    backend.dispose();
    s3.destroy();
    await Promise.all([sageMaker.close(), moto.stop()]);
    rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  backend.dispose();
  s3.destroy();
  const credentialsFile = join(folder, 'credentials');
  const configFile = join(folder, 'config');
  writeFileSync(credentialsFile, `[${awsFacts.profile}]\naws_access_key_id = ${credentials.accessKeyId}\naws_secret_access_key = ${credentials.secretAccessKey}\n`);
  writeFileSync(configFile, `[profile ${awsFacts.profile}]\nregion = ${awsFacts.region}\n`);
  return {
    settings: {
      'sagemakerModelMonitor.awsConnections': [{ profile: awsFacts.profile, region: awsFacts.region, endpoints: { sagemaker: sageMaker.url, s3: moto.url } }],
    },
    environment: { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile },
    async stop() {
      await Promise.all([sageMaker.close(), moto.stop()]);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
