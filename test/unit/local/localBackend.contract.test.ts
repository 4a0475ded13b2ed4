import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBackendContract, type ContractFixture } from '../../contract/backendContract';
import { executionFromApi } from '../../../src/monitoring/apiShapes';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import type { EndpointDocument, ExecutionDocument } from '../../../src/monitoring/local/localDocuments';
import { asApiShape } from '../../../src/monitoring/local/localDocuments';
import { localArn } from '../../../src/monitoring/local/workspaceLayout';
import { executionJobName } from '../../../src/monitoring/local/monitoringExecution';

describeBackendContract('local', async (): Promise<ContractFixture> => {
  const root = await mkdtemp(join(tmpdir(), 'mm-contract-'));
  const backend = new LocalBackend(root);
  const createEndpoint: ContractFixture['createEndpoint'] = async (spec) => {
    await backend.createEndpointConfig({
      name: `${spec.name}-config`,
      variants: (spec.variantNames ?? ['AllTraffic']).map((variantName) => ({ variantName, initialInstanceCount: 1, instanceType: 'ml.m5.large', initialVariantWeight: 1 })),
      ...(spec.dataCapture ? { dataCapture: spec.dataCapture } : {}),
    });
    await backend.createEndpoint(spec.name, `${spec.name}-config`);
  };
  return {
    backend,
    storageRoot: 's3://contract-bucket/suite',
    roleArn: 'arn:aws:iam::000000000000:role/contract',
    observableTransitions: false,
    createEndpoint,
    async seedEndpoints(count, prefix) {
      // Seeding is test setup: write the documents directly rather than through 2,000 locked creates.
      await backend.createEndpointConfig({ name: `${prefix}-shared-config`, variants: [{ variantName: 'AllTraffic', initialInstanceCount: 1 }] });
      const dir = backend.layout.documentDir('endpoints');
      await mkdir(dir, { recursive: true });
      for (let i = 1; i <= count; i++) {
        const name = `${prefix}-${String(i).padStart(5, '0')}`;
        const time = new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString();
        const doc: EndpointDocument = {
          EndpointName: name,
          EndpointArn: localArn('endpoint', name),
          EndpointConfigName: `${prefix}-shared-config`,
          EndpointStatus: 'InService',
          CreationTime: time,
          LastModifiedTime: time,
        };
        await writeFile(join(dir, `${name}.json`), JSON.stringify(doc));
      }
    },
    async settle() {
      // Local changes take effect at once.
    },
    putObject: (uri, body) => backend.objects.put(uri, body),
    async getObject(uri) {
      const bytes = await backend.objects.get(uri);
      return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
    },
    async addExecution(spec) {
      const schedule = await backend.describeSchedule(spec.scheduleName);
      const time = spec.scheduledTime.toISOString();
      const doc: ExecutionDocument = {
        MonitoringScheduleName: spec.scheduleName,
        ScheduledTime: time,
        CreationTime: time,
        LastModifiedTime: time,
        MonitoringExecutionStatus: spec.status,
        ProcessingJobArn: localArn('processing-job', executionJobName(spec.scheduleName, spec.scheduledTime)),
        ...(schedule.endpointName ? { EndpointName: schedule.endpointName } : {}),
        ...(schedule.jobDefinitionName ? { MonitoringJobDefinitionName: schedule.jobDefinitionName } : {}),
        ...(schedule.type ? { MonitoringType: schedule.type } : {}),
        ...(spec.failureReason ? { FailureReason: spec.failureReason } : {}),
      };
      await backend.store.createExecution(spec.scheduleName, spec.scheduledTime, doc);
      return executionFromApi(asApiShape(doc));
    },
    async dispose() {
      await rm(root, { recursive: true, force: true });
    },
  };
});
