import { strict as assert } from 'node:assert';
import { baselineEnvironment, derivedConfigName } from '../../../src/monitoring/aws/awsBackend';

describe('AwsBackend helpers', () => {
  const now = new Date('2024-06-07T08:09:10.123Z');

  it('derives a new endpoint-config name from the old one, replacing an earlier suffix', () => {
    const first = derivedConfigName('churn-config', now);
    assert.match(first, /^churn-config-capture-20240607080910-[0-9a-f]{4}$/);
    const second = derivedConfigName(first, new Date('2024-06-08T00:00:00Z'));
    assert.match(second, /^churn-config-capture-20240608000000-[0-9a-f]{4}$/);
  });

  it('keeps derived names within 63 characters and valid for SageMaker', () => {
    const name = derivedConfigName(`a${'-b'.repeat(31)}`, now);
    assert.ok(name.length <= 63, name);
    assert.match(name, /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
  });

  it("writes a data-quality baseline's environment as the SDK does", () => {
    const env = baselineEnvironment({
      jobName: 'b1',
      type: 'DataQuality',
      datasetS3Uri: 's3://b/train.jsonl',
      datasetFormat: { json: { lines: true } },
      outputS3Uri: 's3://b/out',
      roleArn: 'arn:aws:iam::1:role/r',
      categoricalDriftMethod: 'ChiSquared',
    });
    assert.deepEqual(env, {
      dataset_format: '{"json": {"lines": true}}',
      dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
      output_path: '/opt/ml/processing/output',
      publish_cloudwatch_metrics: 'Disabled',
      categorical_drift_method: 'ChiSquared',
    });
  });

  it('refuses a model-quality baseline without a problem type', () => {
    assert.throws(
      () =>
        baselineEnvironment({ jobName: 'b2', type: 'ModelQuality', datasetS3Uri: 's3://b/v.csv', datasetFormat: { csv: { header: false } }, outputS3Uri: 's3://b/o', roleArn: 'r' }),
      /needs a problem type/,
    );
  });
});
