import { strict as assert } from 'node:assert';
import {
  blockers,
  maxRuntimeLimit,
  validateDatasetLocation,
  validateForm,
  validateInstanceType,
  validateKmsKey,
  validateResourceName,
  validateRoleArn,
  validateS3Uri,
} from '../../../src/monitoring/wizard/formValidation';
import { defaultForm, notApplicable, type MonitorForm } from '../../../src/monitoring/wizard/monitorForm';

const now = new Date('2026-12-03T12:00:00Z');
const ROLE = 'arn:aws:iam::123456789012:role/ModelMonitorRole';

function dq(overrides: Partial<MonitorForm> = {}): MonitorForm {
  return {
    ...defaultForm({ type: 'DataQuality', target: 'aws', endpointName: 'abalone', captureDestination: 's3://bucket/abalone/datacapture', roleArn: ROLE, now }),
    datasetLocation: 's3://bucket/abalone/data/abalone_train.csv',
    ...overrides,
  };
}
function mq(overrides: Partial<MonitorForm> = {}): MonitorForm {
  return {
    ...defaultForm({ type: 'ModelQuality', target: 'aws', endpointName: 'abalone', captureDestination: 's3://bucket/abalone/datacapture', roleArn: ROLE, now }),
    datasetLocation: 's3://bucket/abalone/data/val.csv',
    datasetPredictionColumn: 'Prediction',
    datasetLabelColumn: 'Rings',
    ...overrides,
  };
}

describe('Schedule wizard: field rules', () => {
  it('accepts the defaults of a data-quality form once a dataset is chosen, and says what blocks an empty one', () => {
    assert.deepEqual(validateForm(dq()), {});
    const errors = validateForm(dq({ datasetLocation: '', roleArn: '' }));
    assert.deepEqual(Object.keys(errors).sort(), ['datasetLocation', 'roleArn']);
    assert.deepEqual(blockers(errors), [
      'Schedule › IAM role ARN: SageMaker runs the job as an IAM role: give its ARN, e.g. arn:aws:iam::123456789012:role/ModelMonitorRole.',
      'Baseline › Baseline dataset: Choose the dataset to baseline: an S3 URI or a file on this machine.',
    ]);
  });

  it('names: SageMaker’s pattern and 63 characters', () => {
    assert.equal(validateResourceName('abalone-dq-1', 'monitor'), undefined);
    assert.match(validateResourceName('abalone_dq', 'monitor') ?? '', /letters, digits and hyphens/);
    assert.match(validateResourceName('-abalone', 'monitor') ?? '', /starting and ending/);
    assert.match(validateResourceName('a'.repeat(64), 'monitor') ?? '', /64 characters; SageMaker allows 63/);
    assert.match(validateResourceName('', 'monitor') ?? '', /Give the monitor a name/);
  });

  it('role ARNs: roles with paths pass; users, sessions and malformed ARNs are refused with the reason', () => {
    assert.equal(validateRoleArn(ROLE), undefined);
    assert.equal(validateRoleArn('arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-2024'), undefined);
    assert.equal(validateRoleArn('arn:aws-cn:iam::123456789012:role/r'), undefined);
    assert.match(validateRoleArn('arn:aws:iam::123456789012:user/alice') ?? '', /user ARN/);
    assert.match(validateRoleArn('arn:aws:sts::123456789012:assumed-role/r/session') ?? '', /assumed-role session/);
    assert.match(validateRoleArn('arn:aws:iam::12345:role/r') ?? '', /12-digit account/);
    assert.match(validateRoleArn(` ${ROLE}`) ?? '', /spaces/);
  });

  it('S3 locations: s3:// with a valid bucket name', () => {
    assert.equal(validateS3Uri('s3://my.bucket-1/prefix/key.csv'), undefined);
    assert.match(validateS3Uri('https://bucket.s3.amazonaws.com/key') ?? '', /not an https/);
    assert.match(validateS3Uri('s3://My_Bucket/key') ?? '', /not a valid bucket name/);
    assert.match(validateS3Uri('s3://ab/key') ?? '', /not a valid bucket name/);
    assert.match(validateS3Uri('s3://bucket/a//b') ?? '', /empty folder/);
    assert.match(validateS3Uri('bucket/key') ?? '', /Not an S3 URI/);
    assert.equal(validateS3Uri('', { required: false }), undefined);
  });

  it('instance types: ml.<family>.<size>', () => {
    assert.equal(validateInstanceType('ml.m5.xlarge'), undefined);
    assert.equal(validateInstanceType('ml.m5.12xlarge'), undefined);
    assert.equal(validateInstanceType('ml.t3.medium'), undefined);
    assert.match(validateInstanceType('m5.xlarge') ?? '', /start with "ml\.": ml\.m5\.xlarge/);
    assert.match(validateInstanceType('ml.m5.huge') ?? '', /Not a SageMaker instance type/);
  });

  it('KMS keys: ids, key ARNs, aliases and alias ARNs; empty means none', () => {
    for (const key of [
      '',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      'mrk-1234abcd12ab34cd56ef1234567890ab',
      'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'alias/monitoring',
      'arn:aws:kms:us-east-1:123456789012:alias/monitoring',
    ]) {
      assert.equal(validateKmsKey(key), undefined, key);
    }
    assert.match(validateKmsKey('my-key') ?? '', /Not a KMS key/);
  });

  it('frequency: the cron forms SageMaker accepts, and the analysis window of a one-time run', () => {
    assert.deepEqual(validateForm(dq({ frequency: 'cron', cronExpression: 'cron(0 17/12 ? * * *)', maxRuntimeInSeconds: '3600' })), {});
    assert.match(validateForm(dq({ frequency: 'cron', cronExpression: 'cron(30 * ? * * *)' })).cronExpression ?? '', /minute field must be 0/);
    assert.match(validateForm(dq({ frequency: 'cron', cronExpression: 'rate(1 hour)' })).cronExpression ?? '', /not a schedule expression/);
    assert.match(validateForm(dq({ frequency: 'daily', startHour: '24' })).startHour ?? '', /0–23/);
    assert.match(validateForm(dq({ frequency: 'everyNHours', everyHours: '0' })).everyHours ?? '', /1–24/);
    assert.deepEqual(validateForm(dq({ frequency: 'now', analysisStart: '-PT2H', analysisEnd: '-PT1H' })), {});
    assert.match(validateForm(dq({ frequency: 'now', analysisStart: '-PT1H', analysisEnd: '-PT2H' })).analysisStart ?? '', /must not be after/);
    assert.match(validateForm(dq({ frequency: 'now', analysisStart: '-P2D', analysisEnd: '-PT0H' })).analysisStart ?? '', /longer than the 24 hours/);
    assert.match(validateForm(dq({ frequency: 'now', analysisStart: '-PT2H', analysisEnd: 'PT1H' })).analysisEnd ?? '', /negative duration/);
  });

  it('max runtime: within the limit of the frequency and monitoring type', () => {
    assert.deepEqual(maxRuntimeLimit(dq()), { seconds: 3600, why: 'an hourly data-quality job may run at most 3600 seconds' });
    assert.equal(maxRuntimeLimit(mq()).seconds, 1800);
    assert.equal(maxRuntimeLimit(dq({ frequency: 'everyNHours', everyHours: '6', startHour: '0' })).seconds, 21_600);
    assert.equal(maxRuntimeLimit(dq({ frequency: 'daily' })).seconds, 86_400);
    assert.equal(maxRuntimeLimit(dq({ frequency: 'now' })).seconds, 86_400);
    assert.match(validateForm(mq({ maxRuntimeInSeconds: '3600' })).maxRuntimeInSeconds ?? '', /At most 1800: an hourly model-quality job/);
    assert.equal(validateForm(mq({ maxRuntimeInSeconds: '3600', frequency: 'daily' })).maxRuntimeInSeconds, undefined);
    assert.match(validateForm(dq({ maxRuntimeInSeconds: '0' })).maxRuntimeInSeconds ?? '', /1–86400/);
    assert.match(validateForm(dq({ maxRuntimeInSeconds: '1e3' })).maxRuntimeInSeconds ?? '', /whole number/);
  });

  it('cluster: instance count 1–100, volume 1–16384 GB', () => {
    assert.match(validateForm(dq({ instanceCount: '101' })).instanceCount ?? '', /1–100, got 101/);
    assert.match(validateForm(dq({ volumeSizeInGB: '0' })).volumeSizeInGB ?? '', /1–16384/);
  });

  it('VPC: subnet and security-group ids, both or neither', () => {
    assert.deepEqual(validateForm(dq({ subnets: 'subnet-0123abcd, subnet-0123456789abcdef0', securityGroupIds: 'sg-0123abcd' })), {});
    assert.match(validateForm(dq({ subnets: 'subnet-xyz', securityGroupIds: 'sg-0123abcd' })).subnets ?? '', /"subnet-xyz" is not a subnet id/);
    assert.match(validateForm(dq({ subnets: 'subnet-0123abcd' })).securityGroupIds ?? '', /needs security groups/);
    assert.match(validateForm(dq({ securityGroupIds: 'sg-0123abcd' })).subnets ?? '', /needs subnets/);
    const six = Array.from({ length: 6 }, (_, i) => `sg-0123abc${i}`).join(' ');
    assert.match(validateForm(dq({ subnets: 'subnet-0123abcd', securityGroupIds: six })).securityGroupIds ?? '', /At most 5 security groups/);
  });

  it('model quality: inference attribute, ground truth, offsets, threshold and the dataset’s columns', () => {
    assert.deepEqual(validateForm(mq()), {});
    assert.match(validateForm(mq({ inferenceAttribute: '' })).inferenceAttribute ?? '', /Give the inference attribute/);
    assert.match(validateForm(mq({ groundTruthS3Uri: '' })).groundTruthS3Uri ?? '', /ground truth location/);
    assert.match(validateForm(mq({ startTimeOffset: '-PT0H', endTimeOffset: '-PT1H' })).startTimeOffset ?? '', /before the end offset/);
    assert.match(validateForm(mq({ endTimeOffset: '' })).endTimeOffset ?? '', /end offset with the start/);
    assert.match(validateForm(mq({ startTimeOffset: 'PT1H' })).startTimeOffset ?? '', /negative durations/);
    assert.match(validateForm(mq({ problemType: 'BinaryClassification', probabilityThreshold: '1.5' })).probabilityThreshold ?? '', /0 to 1/);
    assert.equal(validateForm(mq({ probabilityThreshold: '1.5' })).probabilityThreshold, undefined, 'regression has no threshold');
    const columns = ['Rings', 'Prediction'];
    assert.deepEqual(validateForm(mq(), { datasetColumns: columns }), {});
    assert.match(validateForm(mq({ datasetLabelColumn: 'rings' }), { datasetColumns: columns }).datasetLabelColumn ?? '', /no column "rings"; it has Rings, Prediction/);
    assert.match(validateForm(mq({ datasetLabelColumn: 'Prediction' })).datasetLabelColumn ?? '', /must differ/);
    assert.match(validateForm(mq({ datasetFormat: 'csvNoHeader' })).datasetPredictionColumn ?? '', /0-based index/);
    assert.match(validateForm(mq({ datasetFormat: 'csvNoHeader', datasetPredictionColumn: '2', datasetLabelColumn: '0' }), { datasetColumns: ['0', '1'] }).datasetPredictionColumn ?? '', /2 columns \(0–1\)/);
  });

  it('baseline: a dataset S3 URI or absolute local path; existing baselines need their files', () => {
    assert.equal(validateDatasetLocation('/home/me/train.csv'), undefined);
    assert.equal(validateDatasetLocation('C:\\data\\train.csv'), undefined);
    assert.match(validateDatasetLocation('train.csv') ?? '', /absolute path/);
    const existing = validateForm(dq({ baselineSource: 'existing' }));
    assert.deepEqual(Object.keys(existing).sort(), ['constraintsS3Uri', 'statisticsS3Uri']);
    assert.deepEqual(Object.keys(validateForm(mq({ baselineSource: 'existing' }))), ['constraintsS3Uri'], 'model quality has no statistics baseline');
    assert.match(validateForm(dq({ baselineJobName: 'has space' })).baselineJobName ?? '', /letters, digits and hyphens/);
  });

  it('scripts: optional .py files in S3', () => {
    assert.match(validateForm(dq({ recordPreprocessorSourceUri: 's3://bucket/code/' })).recordPreprocessorSourceUri ?? '', /\.py file/);
    assert.deepEqual(validateForm(dq({ recordPreprocessorSourceUri: 's3://bucket/code/pre.py' })), {});
  });

  it('local workspaces: AWS-only fields are not applicable and not checked', () => {
    const local = { ...dq(), target: 'local' as const, roleArn: '', instanceType: 'nonsense', subnets: 'bad' };
    assert.deepEqual(validateForm(local), {});
    assert.match(notApplicable(local, 'roleArn') ?? '', /Not applicable: a local workspace/);
    assert.equal(notApplicable(local, 'outputS3Uri'), undefined);
    const thisMachine = { ...dq(), runsOn: 'thisMachine' as const };
    assert.match(notApplicable(thisMachine, 'instanceType') ?? '', /this machine runs the analysis/);
  });

  it('record preprocessor: runs on this machine and in local workspaces for data quality, is checked there, and not for model quality', () => {
    for (const placed of [{ runsOn: 'thisMachine' as const }, { target: 'local' as const }]) {
      const form = { ...dq(), ...placed };
      assert.equal(notApplicable(form, 'recordPreprocessorSourceUri'), undefined);
      assert.match(validateForm({ ...form, recordPreprocessorSourceUri: 's3://bucket/code/' }).recordPreprocessorSourceUri ?? '', /\.py file/);
      assert.match(notApplicable({ ...form, type: 'ModelQuality' }, 'recordPreprocessorSourceUri') ?? '', /data quality only/);
    }
    assert.equal(notApplicable({ ...dq(), type: 'ModelQuality' }, 'recordPreprocessorSourceUri'), undefined, 'SageMaker runs it for model quality too');
  });
});
