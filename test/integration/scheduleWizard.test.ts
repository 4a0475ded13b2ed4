// The schedule wizard's Create, submitted to the AWS connection (our SageMaker-protocol server and
// moto's S3, started by the harness): the exact request bodies the server receives for the chapter's
// data-quality monitor (baseline job, job definition, schedule), a model-quality monitor on an
// existing baseline, and a one-time NOW run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { awsFacts } from '../harness/awsFacts';
import { defaultForm, type MonitorForm } from '../../src/monitoring/wizard/monitorForm';
import { extensionId } from '../harness/paths';
import { childrenOf, labelled, rowAt, waitFor, type ExtensionApi } from './treeHelpers';
import { DEMO } from '../../src/monitoring/demo/demoScenario';

const ROLE = 'arn:aws:iam::123456789012:role/ModelMonitorRole';
const IMAGE = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';
const BUCKET = 's3://model-monitor-integration';
const connectionId = `aws:${awsFacts.profile}@${awsFacts.region}`;

interface Recorded {
  operation: string;
  body: Record<string, unknown>;
}

function sageMakerUrl(): string {
  const connections = vscode.workspace.getConfiguration('sagemakerModelMonitor').get<{ endpoints?: { sagemaker?: string } }[]>('awsConnections') ?? [];
  const url = connections[0]?.endpoints?.sagemaker;
  if (!url) throw new Error('The integration settings name no SageMaker endpoint URL');
  return url;
}

async function recorded(): Promise<Recorded[]> {
  const response = await fetch(`${sageMakerUrl()}/_admin/requests`);
  return ((await response.json()) as { requests: Recorded[] }).requests;
}

async function bodiesSince(count: number, operations: string[]): Promise<Recorded[]> {
  return (await recorded()).slice(count).filter((r) => operations.includes(r.operation));
}

/** Waits for the wizard's baseline job to reach the server, then completes it as SageMaker would. */
async function completeProcessingJob(name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await recorded()).some((r) => r.operation === 'CreateProcessingJob' && r.body.ProcessingJobName === name)) {
    if (Date.now() > deadline) throw new Error(`The baseline job ${name} never reached the server`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const response = await fetch(`${sageMakerUrl()}/_admin/finish-processing-job`, { method: 'POST', body: JSON.stringify({ name, status: 'Completed' }) });
  assert.equal(response.status, 200);
}

function form(type: MonitorForm['type'], overrides: Partial<MonitorForm>): MonitorForm {
  return {
    ...defaultForm({ type, target: 'aws', endpointName: awsFacts.endpointName, captureDestination: `${BUCKET}/capture`, roleArn: ROLE, now: new Date('2026-12-03T12:00:00Z') }),
    ...overrides,
  };
}

const create = async (f: MonitorForm): Promise<string> => vscode.commands.executeCommand<string>('sagemakerModelMonitor.createMonitorFromForm', connectionId, f);

describe('The schedule wizard against the SageMaker API', function () {
  this.timeout(90_000);
  const operations = ['CreateProcessingJob', 'CreateDataQualityJobDefinition', 'CreateModelQualityJobDefinition', 'CreateMonitoringSchedule'];

  it('sends the exact baseline-job, job-definition and schedule bodies of the chapter’s data-quality monitor', async () => {
    const before = (await recorded()).length;
    const f = form('DataQuality', {
      scheduleName: 'churn-data-quality-wizard',
      volumeSizeInGB: '1',
      datasetLocation: `${BUCKET}/data/train.csv`,
      baselineJobName: 'churn-data-quality-wizard-baseline',
    });
    const [name] = await Promise.all([create(f), completeProcessingJob('churn-data-quality-wizard-baseline')]);
    assert.equal(name, 'churn-data-quality-wizard');
    assert.deepEqual(await bodiesSince(before, operations), [
      {
        operation: 'CreateProcessingJob',
        body: {
          ProcessingJobName: 'churn-data-quality-wizard-baseline',
          RoleArn: ROLE,
          AppSpecification: { ImageUri: IMAGE },
          ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 1 } },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          Environment: {
            dataset_format: '{"csv": {"header": true, "output_columns_position": "START"}}',
            dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
            output_path: '/opt/ml/processing/output',
            publish_cloudwatch_metrics: 'Disabled',
          },
          ProcessingInputs: [
            {
              InputName: 'baseline_dataset_input',
              AppManaged: false,
              S3Input: {
                S3Uri: `${BUCKET}/data/train.csv`,
                LocalPath: '/opt/ml/processing/input/baseline_dataset_input',
                S3DataType: 'S3Prefix',
                S3InputMode: 'File',
                S3DataDistributionType: 'FullyReplicated',
                S3CompressionType: 'None',
              },
            },
          ],
          ProcessingOutputConfig: {
            Outputs: [
              { OutputName: 'monitoring_output', AppManaged: false, S3Output: { S3Uri: `${BUCKET}/data-quality-output/baseline`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } },
            ],
          },
        },
      },
      {
        operation: 'CreateDataQualityJobDefinition',
        body: {
          JobDefinitionName: 'churn-data-quality-wizard',
          DataQualityAppSpecification: { ImageUri: IMAGE, Environment: { publish_cloudwatch_metrics: 'Enabled' } },
          DataQualityBaselineConfig: {
            ConstraintsResource: { S3Uri: `${BUCKET}/data-quality-output/baseline/constraints.json` },
            StatisticsResource: { S3Uri: `${BUCKET}/data-quality-output/baseline/statistics.json` },
          },
          DataQualityJobInput: {
            EndpointInput: { EndpointName: awsFacts.endpointName, LocalPath: '/opt/ml/processing/input/endpoint', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' },
          },
          DataQualityJobOutputConfig: {
            MonitoringOutputs: [{ S3Output: { S3Uri: `${BUCKET}/data-quality-output/reports`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'Continuous' } }],
          },
          JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 1 } },
          RoleArn: ROLE,
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        },
      },
      {
        operation: 'CreateMonitoringSchedule',
        body: {
          MonitoringScheduleName: 'churn-data-quality-wizard',
          MonitoringScheduleConfig: {
            ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
            MonitoringJobDefinitionName: 'churn-data-quality-wizard',
            MonitoringType: 'DataQuality',
          },
        },
      },
    ]);
  });

  it('sends a model-quality job definition with ground truth, attributes, offsets, KMS and VPC, on an existing baseline (no baseline job)', async () => {
    const before = (await recorded()).length;
    const f = form('ModelQuality', {
      scheduleName: 'churn-model-quality-wizard',
      problemType: 'BinaryClassification',
      inferenceAttribute: '0',
      probabilityAttribute: '1',
      probabilityThreshold: '0.5',
      frequency: 'daily',
      startHour: '6',
      maxRuntimeInSeconds: '7200',
      outputKmsKeyId: 'alias/monitoring',
      subnets: 'subnet-0123abcd',
      securityGroupIds: 'sg-0123abcd',
      baselineSource: 'existing',
      constraintsS3Uri: `${BUCKET}/mq-baseline/constraints.json`,
    });
    assert.equal(await create(f), 'churn-model-quality-wizard');
    assert.deepEqual(await bodiesSince(before, operations), [
      {
        operation: 'CreateModelQualityJobDefinition',
        body: {
          JobDefinitionName: 'churn-model-quality-wizard',
          ModelQualityAppSpecification: { ImageUri: IMAGE, Environment: { publish_cloudwatch_metrics: 'Enabled' }, ProblemType: 'BinaryClassification' },
          ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: `${BUCKET}/mq-baseline/constraints.json` } },
          ModelQualityJobInput: {
            EndpointInput: {
              EndpointName: awsFacts.endpointName,
              LocalPath: '/opt/ml/processing/input_data',
              S3InputMode: 'File',
              S3DataDistributionType: 'FullyReplicated',
              StartTimeOffset: '-PT1H',
              EndTimeOffset: '-PT0H',
              InferenceAttribute: '0',
              ProbabilityAttribute: '1',
              ProbabilityThresholdAttribute: 0.5,
            },
            GroundTruthS3Input: { S3Uri: `${BUCKET}/ground-truth-data` },
          },
          ModelQualityJobOutputConfig: {
            MonitoringOutputs: [{ S3Output: { S3Uri: `${BUCKET}/model-quality-output/reports`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'Continuous' } }],
            KmsKeyId: 'alias/monitoring',
          },
          JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30 } },
          NetworkConfig: { EnableInterContainerTrafficEncryption: false, EnableNetworkIsolation: false, VpcConfig: { SecurityGroupIds: ['sg-0123abcd'], Subnets: ['subnet-0123abcd'] } },
          RoleArn: ROLE,
          StoppingCondition: { MaxRuntimeInSeconds: 7200 },
        },
      },
      {
        operation: 'CreateMonitoringSchedule',
        body: {
          MonitoringScheduleName: 'churn-model-quality-wizard',
          MonitoringScheduleConfig: {
            ScheduleConfig: { ScheduleExpression: 'cron(0 6 ? * * *)' },
            MonitoringJobDefinitionName: 'churn-model-quality-wizard',
            MonitoringType: 'ModelQuality',
          },
        },
      },
    ]);
  });

  it('sends a one-time NOW schedule with its analysis window', async () => {
    const before = (await recorded()).length;
    const f = form('DataQuality', {
      scheduleName: 'churn-data-quality-once',
      frequency: 'now',
      analysisStart: '-PT3H',
      analysisEnd: '-PT1H',
      baselineSource: 'existing',
      statisticsS3Uri: `${BUCKET}/dq-baseline/statistics.json`,
      constraintsS3Uri: `${BUCKET}/dq-baseline/constraints.json`,
    });
    assert.equal(await create(f), 'churn-data-quality-once');
    const schedule = (await bodiesSince(before, ['CreateMonitoringSchedule']))[0];
    assert.deepEqual(schedule.body, {
      MonitoringScheduleName: 'churn-data-quality-once',
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'NOW', DataAnalysisStartTime: '-PT3H', DataAnalysisEndTime: '-PT1H' },
        MonitoringJobDefinitionName: 'churn-data-quality-once',
        MonitoringType: 'DataQuality',
      },
    });
  });

  it('reveals the new monitor in the Endpoints view, selected', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)?.activate();
    assert.ok(api?.endpointsView, 'the extension exposes its Endpoints view');
    const f = form('DataQuality', {
      scheduleName: 'churn-data-quality-revealed',
      baselineSource: 'existing',
      statisticsS3Uri: `${BUCKET}/dq-baseline/statistics.json`,
      constraintsS3Uri: `${BUCKET}/dq-baseline/constraints.json`,
    });
    assert.equal(await create(f), 'churn-data-quality-revealed');
    const selected = await Promise.all(api.endpointsView.selection.map(async (node) => api.endpointsTree.getTreeItem(node)));
    assert.deepEqual(
      selected.map((item) => (typeof item.label === 'string' ? item.label : item.label?.label)),
      ['churn-data-quality-revealed'],
    );
    assert.equal(selected[0].id, `${connectionId}/schedule/churn-data-quality-revealed`);
  });

  it('runs a monitor SageMaker refuses (account not admitted) on this machine instead, from the same form', async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(extensionId)?.activate();
    assert.ok(api?.endpointsView, 'the extension exposes its Endpoints view');
    const f: MonitorForm = {
      ...defaultForm({ type: 'DataQuality', target: 'aws', endpointName: awsFacts.captureOnlyEndpointName, captureDestination: DEMO.captureUri, roleArn: ROLE, now: new Date() }),
      scheduleName: awsFacts.refusedWizardMonitorName,
      outputS3Uri: `s3://${DEMO.captureUri.split('/')[2]}/wizard-reports`,
      baselineSource: 'existing',
      statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json`,
      constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json`,
    };
    assert.equal(f.runsOn, 'managed');
    await assert.rejects(create(f), /no longer available to new customers.*run on this machine instead/s);
    // What the webview's "Run on this machine instead" submits: the same form, runsOn switched.
    assert.equal(await create({ ...f, runsOn: 'thisMachine' }), awsFacts.refusedWizardMonitorName);
    const monitor = await waitFor('the refused monitor under the AWS endpoint, on this machine', async () => {
      const endpoint = await rowAt(api.endpointsTree, labelled(awsFacts.profile), labelled(awsFacts.captureOnlyEndpointName));
      return endpoint && (await childrenOf(api.endpointsTree, endpoint.node)).find((row) => row.label === awsFacts.refusedWizardMonitorName);
    });
    assert.match(monitor.description, /Data quality/);
    assert.match(monitor.description, / · this machine$/);
    const selected = await Promise.all(api.endpointsView.selection.map(async (node) => api.endpointsTree.getTreeItem(node)));
    assert.deepEqual(
      selected.map((item) => item.id),
      [(await api.endpointsTree.getTreeItem(monitor.node)).id],
    );
  });

  it('names the failed step and leaves nothing behind when the schedule is refused', async () => {
    const f = form('DataQuality', {
      scheduleName: awsFacts.scheduleName, // taken: the server refuses the schedule
      baselineSource: 'existing',
      statisticsS3Uri: `${BUCKET}/dq-baseline/statistics.json`,
      constraintsS3Uri: `${BUCKET}/dq-baseline/constraints.json`,
    });
    const before = (await recorded()).length;
    await assert.rejects(create(f), /Creating the monitoring schedule failed: .*already exists/);
    assert.deepEqual(
      (await recorded()).slice(before).map((r) => r.operation).filter((o) => o.startsWith('Create') || o.startsWith('Delete')),
      ['CreateDataQualityJobDefinition', 'CreateMonitoringSchedule', 'DeleteDataQualityJobDefinition'],
    );
  });
});
