import { strict as assert } from 'node:assert';
import { defaultForm, type MonitorForm } from '../../../src/monitoring/wizard/monitorForm';
import { FormInvalidError, apiRequestsOf, planMonitor } from '../../../src/monitoring/wizard/monitorRequests';
import { pythonSnippet } from '../../../src/monitoring/wizard/pythonSnippet';

const now = new Date('2026-12-03T12:00:00Z');
const ROLE = 'arn:aws:iam::123456789012:role/ModelMonitorRole';
const IMAGE = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';
const BASE = 's3://bucket/sagemaker-studio-book/chapter10/abalone';

/** The chapter's data-quality monitor (spec §8.3). */
function chapterDataQuality(overrides: Partial<MonitorForm> = {}): MonitorForm {
  return {
    ...defaultForm({ type: 'DataQuality', target: 'aws', endpointName: 'abalone-xgb', captureDestination: `${BASE}/datacapture`, roleArn: ROLE, now }),
    scheduleName: 'abalone-data-monitor-schedule',
    volumeSizeInGB: '1',
    datasetLocation: `${BASE}/data/abalone_train.csv`,
    baselineJobName: 'abalone-data-quality-baseline',
    ...overrides,
  };
}

function chapterModelQuality(overrides: Partial<MonitorForm> = {}): MonitorForm {
  return {
    ...defaultForm({ type: 'ModelQuality', target: 'aws', endpointName: 'abalone-xgb', captureDestination: `${BASE}/datacapture`, roleArn: ROLE, now }),
    scheduleName: 'abalone-model-monitor-schedule',
    volumeSizeInGB: '1',
    datasetLocation: `${BASE}/data/abalone_val_model_quality_baseline.csv`,
    baselineJobName: 'abalone-model-quality-baseline',
    datasetPredictionColumn: 'Prediction',
    datasetLabelColumn: 'Rings',
    ...overrides,
  };
}

describe('Schedule wizard: requests', () => {
  it('defaults put outputs beside the endpoint’s capture, as the chapter does', () => {
    const form = chapterDataQuality();
    assert.equal(form.outputS3Uri, `${BASE}/data-quality-output/reports`);
    assert.equal(form.baselineOutputS3Uri, `${BASE}/data-quality-output/baseline`);
    assert.equal(chapterModelQuality().groundTruthS3Uri, `${BASE}/ground-truth-data`);
    assert.equal(defaultForm({ type: 'DataQuality', target: 'aws', endpointName: 'e', now }).outputS3Uri, '', 'no capture: nothing guessed');
  });

  it('the chapter’s data-quality monitor: baseline job, job definition and schedule bodies, exactly', () => {
    const requests = apiRequestsOf(planMonitor(chapterDataQuality(), { imageUri: IMAGE }));
    assert.deepEqual(requests, [
      {
        operation: 'CreateProcessingJob',
        body: {
          ProcessingJobName: 'abalone-data-quality-baseline',
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
                S3Uri: `${BASE}/data/abalone_train.csv`,
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
              { OutputName: 'monitoring_output', AppManaged: false, S3Output: { S3Uri: `${BASE}/data-quality-output/baseline`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } },
            ],
          },
        },
      },
      {
        operation: 'CreateDataQualityJobDefinition',
        body: {
          JobDefinitionName: 'abalone-data-monitor-schedule',
          DataQualityAppSpecification: { ImageUri: IMAGE, Environment: { publish_cloudwatch_metrics: 'Enabled' } },
          DataQualityBaselineConfig: {
            ConstraintsResource: { S3Uri: `${BASE}/data-quality-output/baseline/constraints.json` },
            StatisticsResource: { S3Uri: `${BASE}/data-quality-output/baseline/statistics.json` },
          },
          DataQualityJobInput: {
            EndpointInput: { EndpointName: 'abalone-xgb', LocalPath: '/opt/ml/processing/input/endpoint', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' },
          },
          DataQualityJobOutputConfig: {
            MonitoringOutputs: [{ S3Output: { S3Uri: `${BASE}/data-quality-output/reports`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'Continuous' } }],
          },
          JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 1 } },
          RoleArn: ROLE,
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        },
      },
      {
        operation: 'CreateMonitoringSchedule',
        body: {
          MonitoringScheduleName: 'abalone-data-monitor-schedule',
          MonitoringScheduleConfig: {
            ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
            MonitoringJobDefinitionName: 'abalone-data-monitor-schedule',
            MonitoringType: 'DataQuality',
          },
        },
      },
    ]);
  });

  it('the chapter’s model-quality monitor: attributes, ground truth, offsets and problem type where SageMaker expects them', () => {
    const [baseline, definition, schedule] = apiRequestsOf(planMonitor(chapterModelQuality(), { imageUri: IMAGE }));
    assert.deepEqual((baseline.body as { Environment: unknown }).Environment, {
      dataset_format: '{"csv": {"header": true, "output_columns_position": "START"}}',
      dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
      output_path: '/opt/ml/processing/output',
      publish_cloudwatch_metrics: 'Disabled',
      analysis_type: 'MODEL_QUALITY',
      problem_type: 'Regression',
      inference_attribute: 'Prediction',
      ground_truth_attribute: 'Rings',
    });
    assert.deepEqual((baseline.body as { StoppingCondition: unknown }).StoppingCondition, { MaxRuntimeInSeconds: 1800 });
    assert.deepEqual(definition, {
      operation: 'CreateModelQualityJobDefinition',
      body: {
        JobDefinitionName: 'abalone-model-monitor-schedule',
        ModelQualityAppSpecification: { ImageUri: IMAGE, Environment: { publish_cloudwatch_metrics: 'Enabled' }, ProblemType: 'Regression' },
        ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: `${BASE}/model-quality-output/baseline/constraints.json` } },
        ModelQualityJobInput: {
          EndpointInput: {
            EndpointName: 'abalone-xgb',
            LocalPath: '/opt/ml/processing/input_data',
            S3InputMode: 'File',
            S3DataDistributionType: 'FullyReplicated',
            StartTimeOffset: '-PT1H',
            EndTimeOffset: '-PT0H',
            InferenceAttribute: '0',
          },
          GroundTruthS3Input: { S3Uri: `${BASE}/ground-truth-data` },
        },
        ModelQualityJobOutputConfig: {
          MonitoringOutputs: [{ S3Output: { S3Uri: `${BASE}/model-quality-output/reports`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'Continuous' } }],
        },
        JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 1 } },
        RoleArn: ROLE,
        StoppingCondition: { MaxRuntimeInSeconds: 1800 },
      },
    });
    assert.equal(schedule.operation, 'CreateMonitoringSchedule');
  });

  it('binary classification: probability attribute and threshold in both the baseline and the job input', () => {
    const plan = planMonitor(
      chapterModelQuality({ problemType: 'BinaryClassification', probabilityAttribute: '1', probabilityThreshold: '0.7', datasetProbabilityColumn: 'Probability' }),
      { imageUri: IMAGE },
    );
    assert.equal(plan.baseline?.probabilityAttribute, 'Probability');
    assert.equal(plan.baseline?.probabilityThresholdAttribute, 0.7);
    assert.deepEqual(
      [plan.jobDefinition.input.inferenceAttribute, plan.jobDefinition.input.probabilityAttribute, plan.jobDefinition.input.probabilityThresholdAttribute],
      ['0', '1', 0.7],
    );
  });

  it('KMS, VPC, network isolation, encryption and scripts land in both the baseline job and the job definition', () => {
    const form = chapterDataQuality({
      outputKmsKeyId: 'alias/monitoring',
      volumeKmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      enableNetworkIsolation: true,
      enableInterContainerTrafficEncryption: true,
      subnets: 'subnet-0123abcd subnet-4567cdef',
      securityGroupIds: 'sg-0123abcd',
      publishCloudWatchMetrics: false,
      recordPreprocessorSourceUri: 's3://bucket/code/pre.py',
      postAnalyticsProcessorSourceUri: 's3://bucket/code/post.py',
    });
    const [job, definition] = apiRequestsOf(planMonitor(form, { imageUri: IMAGE })).map((r) => r.body as Record<string, unknown>);
    const network = { EnableInterContainerTrafficEncryption: true, EnableNetworkIsolation: true, VpcConfig: { SecurityGroupIds: ['sg-0123abcd'], Subnets: ['subnet-0123abcd', 'subnet-4567cdef'] } };
    assert.deepEqual(job.NetworkConfig, network);
    assert.deepEqual(definition.NetworkConfig, network);
    assert.equal((job.ProcessingOutputConfig as { KmsKeyId?: string }).KmsKeyId, 'alias/monitoring');
    assert.equal((definition.DataQualityJobOutputConfig as { KmsKeyId?: string }).KmsKeyId, 'alias/monitoring');
    assert.deepEqual(definition.JobResources, {
      ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 1, VolumeKmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
    });
    assert.deepEqual(definition.DataQualityAppSpecification, {
      ImageUri: IMAGE,
      Environment: { publish_cloudwatch_metrics: 'Disabled' },
      RecordPreprocessorSourceUri: 's3://bucket/code/pre.py',
      PostAnalyticsProcessorSourceUri: 's3://bucket/code/post.py',
    });
  });

  it('a one-time run: NOW with its analysis window', () => {
    const plan = planMonitor(chapterDataQuality({ frequency: 'now', analysisStart: '-PT3H', analysisEnd: '-PT1H' }), { imageUri: IMAGE });
    assert.deepEqual(apiRequestsOf(plan)[2].body, {
      MonitoringScheduleName: 'abalone-data-monitor-schedule',
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'NOW', DataAnalysisStartTime: '-PT3H', DataAnalysisEndTime: '-PT1H' },
        MonitoringJobDefinitionName: 'abalone-data-monitor-schedule',
        MonitoringType: 'DataQuality',
      },
    });
  });

  it('an existing baseline: no baseline job, the chosen files', () => {
    const plan = planMonitor(chapterDataQuality({ baselineSource: 'existing', statisticsS3Uri: 's3://bucket/s.json', constraintsS3Uri: 's3://bucket/c.json' }), { imageUri: IMAGE });
    assert.equal(plan.baseline, undefined);
    assert.deepEqual(plan.jobDefinition.baseline, { constraintsS3Uri: 's3://bucket/c.json', statisticsS3Uri: 's3://bucket/s.json' });
    assert.deepEqual(apiRequestsOf(plan).map((r) => r.operation), ['CreateDataQualityJobDefinition', 'CreateMonitoringSchedule']);
  });

  it('a local dataset file is uploaded beside the baseline output and baselined from there', () => {
    const plan = planMonitor(chapterDataQuality({ datasetLocation: '/home/me/abalone_train.csv', datasetFormat: 'csvNoHeader' }), { imageUri: IMAGE });
    assert.deepEqual(plan.upload, { file: '/home/me/abalone_train.csv', s3Uri: `${BASE}/data-quality-output/baseline/input/abalone_train.csv` });
    assert.equal(plan.baseline?.datasetS3Uri, `${BASE}/data-quality-output/baseline/input/abalone_train.csv`);
    assert.deepEqual(plan.baseline?.datasetFormat, { csv: { header: false } });
  });

  it('a local workspace: the local analyzer and role, AWS-only fields left out whatever they hold', () => {
    const plan = planMonitor(chapterDataQuality({ target: 'local', roleArn: '', instanceType: 'x', outputKmsKeyId: 'alias/k', subnets: 'subnet-0123abcd', securityGroupIds: 'sg-0123abcd' }), {
      imageUri: IMAGE,
    });
    assert.equal(plan.jobDefinition.imageUri, 'model-monitor-local-analyzer');
    assert.equal(plan.jobDefinition.roleArn, 'arn:aws:iam::000000000000:role/model-monitor-local');
    assert.equal(plan.jobDefinition.networkConfig, undefined);
    assert.equal(plan.jobDefinition.outputKmsKeyId, undefined);
    assert.equal(plan.jobDefinition.environment, undefined);
  });

  it('an invalid form is refused with what blocks it', () => {
    assert.throws(
      () => planMonitor(chapterDataQuality({ roleArn: 'nope' }), { imageUri: IMAGE }),
      (e: unknown) => e instanceof FormInvalidError && e.problems.length === 1 && /^Schedule › IAM role ARN: Not an IAM role ARN/.test(e.problems[0]),
    );
  });

  it('the SageMaker Python SDK snippet creates the same model-quality monitor', () => {
    assert.equal(
      pythonSnippet(planMonitor(chapterModelQuality(), { imageUri: IMAGE })),
      `from sagemaker.model_monitor import ModelQualityMonitor, CronExpressionGenerator, EndpointInput
from sagemaker.model_monitor.dataset_format import DatasetFormat

monitor = ModelQualityMonitor(
    role="${ROLE}",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    volume_size_in_gb=1,
    max_runtime_in_seconds=1800,
)

monitor.suggest_baseline(
    job_name="abalone-model-quality-baseline",
    baseline_dataset="${BASE}/data/abalone_val_model_quality_baseline.csv",
    dataset_format=DatasetFormat.csv(header=True),
    problem_type="Regression",
    inference_attribute="Prediction",
    ground_truth_attribute="Rings",
    output_s3_uri="${BASE}/model-quality-output/baseline",
    wait=True,
)

monitor.create_monitoring_schedule(
    monitor_schedule_name="abalone-model-monitor-schedule",
    endpoint_input=EndpointInput(
        endpoint_name="abalone-xgb",
        destination="/opt/ml/processing/input_data",
        start_time_offset="-PT1H",
        end_time_offset="-PT0H",
        inference_attribute="0",
    ),
    ground_truth_input="${BASE}/ground-truth-data",
    problem_type="Regression",
    output_s3_uri="${BASE}/model-quality-output/reports",
    constraints=monitor.suggested_constraints(),
    schedule_cron_expression=CronExpressionGenerator.hourly(),
    enable_cloudwatch_metrics=True,
)
`,
    );
  });
});
