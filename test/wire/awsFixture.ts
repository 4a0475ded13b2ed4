/**
 * The AWS backend wired to local servers for wire tests: our SageMaker test server and moto's S3,
 * real SDK clients in between, retries with a 1 ms back-off so that retried faults cost nothing.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { dataCaptureConfigToApi, executionFromApi } from '../../src/monitoring/apiShapes';
import { AwsBackend, type AwsBackendOptions } from '../../src/monitoring/aws/awsBackend';
import type { MonitoringExecutionSummary } from '@aws-sdk/client-sagemaker';
import { parseS3Uri } from '../../src/monitoring/objectStore';
import type { ContractFixture } from '../contract/backendContract';
import { startMotoServer, type MotoServer } from '../servers/motoServer';
import { SageMakerTestServer, type SageMakerServerOptions } from '../servers/sagemakerServer';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTTESTTEST', secretAccessKey: 'test-secret' };

export interface AwsWireRig {
  sageMaker: SageMakerTestServer;
  moto: MotoServer;
  s3: S3Client;
  bucket: string;
  backend(overrides?: Partial<AwsBackendOptions>): AwsBackend;
  stop(): Promise<void>;
}

export async function startAwsWireRig(serverOptions: SageMakerServerOptions = {}): Promise<AwsWireRig> {
  const [sageMaker, moto] = await Promise.all([SageMakerTestServer.start({ region: TEST_REGION, ...serverOptions }), startMotoServer()]);
  const s3 = new S3Client({ region: TEST_REGION, endpoint: moto.url, forcePathStyle: true, credentials: TEST_CREDENTIALS });
  const bucket = 'model-monitor-contract';
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const backends: AwsBackend[] = [];
  return {
    sageMaker,
    moto,
    s3,
    bucket,
    backend(overrides = {}) {
      const backend = new AwsBackend({
        region: TEST_REGION,
        endpointOverrides: { sagemaker: sageMaker.url, s3: moto.url },
        clients: { extensionVersion: '0.0.0-test', retry: { maxAttempts: 3, delay: () => 1 }, credentials: () => async () => TEST_CREDENTIALS },
        ...overrides,
      });
      backends.push(backend);
      return backend;
    },
    async stop() {
      for (const b of backends) b.dispose();
      s3.destroy();
      await Promise.all([sageMaker.close(), moto.stop()]);
    },
  };
}

/** The contract fixture over a rig: endpoints and executions seeded in the server, objects in moto. */
export function awsContractFixture(rig: AwsWireRig): ContractFixture {
  const { sageMaker, s3 } = rig;
  return {
    backend: rig.backend(),
    storageRoot: `s3://${rig.bucket}/contract`,
    roleArn: 'arn:aws:iam::123456789012:role/ModelMonitorRole',
    observableTransitions: true,
    async createEndpoint(spec) {
      sageMaker.addEndpoint({ name: spec.name, variantNames: spec.variantNames, ...(spec.dataCapture ? { dataCapture: { ...dataCaptureConfigToApi(spec.dataCapture) } } : {}) });
    },
    async seedEndpoints(count, prefix) {
      sageMaker.seedEndpoints(count, prefix);
    },
    async settle() {
      sageMaker.settle();
    },
    async putObject(uri, body) {
      const { bucket, key } = parseS3Uri(uri);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async getObject(uri) {
      const { bucket, key } = parseS3Uri(uri);
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await out.Body?.transformToString('utf8');
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
        throw e;
      }
    },
    async addExecution(spec) {
      const raw = sageMaker.addExecution(spec);
      const toDate = (s: number) => new Date(s * 1000);
      const summary: MonitoringExecutionSummary = {
        ...raw,
        MonitoringType: raw.MonitoringType as MonitoringExecutionSummary['MonitoringType'],
        MonitoringExecutionStatus: raw.MonitoringExecutionStatus as MonitoringExecutionSummary['MonitoringExecutionStatus'],
        ScheduledTime: toDate(raw.ScheduledTime),
        CreationTime: toDate(raw.CreationTime),
        LastModifiedTime: toDate(raw.LastModifiedTime),
      };
      return executionFromApi(summary);
    },
    async dispose() {
      await rig.stop();
    },
  };
}
