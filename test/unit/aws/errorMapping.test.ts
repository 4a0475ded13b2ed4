import { strict as assert } from 'node:assert';
import { ResourceInUse, ResourceLimitExceeded, ResourceNotFound, SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { toMonitoringError, validationField, type AwsCallContext } from '../../../src/monitoring/aws/errorMapping';
import { MonitoringError } from '../../../src/monitoring/errors';
import { FormatError } from '../../../src/monitoring/formats/formatError';

const ctx: AwsCallContext = { service: 'SageMaker', operation: 'CreateMonitoringSchedule', resource: 'my-schedule', region: 'eu-west-1', profile: 'dev' };
const meta = { httpStatusCode: 400, requestId: 'req-123', attempts: 1 };

function serviceError(name: string, message: string, extra: object = {}) {
  return new SageMakerServiceException({ name, message, $fault: 'client', $metadata: meta, ...extra });
}

describe('SDK error → MonitoringError', () => {
  it('maps the modelled SageMaker errors, keeping cause, operation, resource and request id', () => {
    const notFound = new ResourceNotFound({ message: 'Monitoring schedule "x" does not exist.', $metadata: meta });
    const e = toMonitoringError(notFound, ctx);
    assert.equal(e.kind, 'NotFound');
    assert.match(e.message, /found no my-schedule in eu-west-1/);
    assert.match(e.message, /request id req-123/);
    assert.deepEqual({ ...e.details, cause: undefined }, { operation: 'CreateMonitoringSchedule', resource: 'my-schedule', requestId: 'req-123', cause: undefined });
    assert.equal(e.details.cause, notFound);

    assert.equal(toMonitoringError(new ResourceInUse({ message: 'already exists', $metadata: meta }), ctx).kind, 'InUse');
    const limit = toMonitoringError(new ResourceLimitExceeded({ message: 'The account-level service limit is 50 schedules', $metadata: meta }), ctx);
    assert.equal(limit.kind, 'LimitExceeded');
    assert.match(limit.message, /Service Quotas/);
  });

  it("treats SageMaker's 'Could not find' validation errors as NotFound", () => {
    const e = toMonitoringError(serviceError('ValidationException', 'Could not find endpoint "ep".'), { ...ctx, operation: 'DescribeEndpoint', resource: 'ep' });
    assert.equal(e.kind, 'NotFound');
  });

  it('names the field of a validation error', () => {
    const e = toMonitoringError(
      serviceError('ValidationException', "1 validation error detected: Value 'a_b' at 'monitoringScheduleName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
      ctx,
    );
    assert.equal(e.kind, 'Validation');
    assert.match(e.message, /field monitoringScheduleName/);
    assert.equal(validationField('Invalid value for parameter RoleArn'), 'RoleArn');
    assert.equal(validationField('Something odd'), undefined);
  });

  it('recognises Model Monitor being closed to new customers in denials and validation errors', () => {
    for (const [name, text] of [
      ['AccessDeniedException', 'Amazon SageMaker Model Monitor is no longer available to new customers.'],
      ['ValidationException', 'This feature is not open to new customers'],
      ['AccessDeniedException', 'Model Monitor is closed to new customers'],
    ]) {
      const e = toMonitoringError(serviceError(name, text), ctx);
      assert.equal(e.kind, 'ServiceClosed', text);
      assert.match(e.message, /run the analysis locally/);
    }
    assert.equal(toMonitoringError(serviceError('AccessDeniedException', 'User: x is not authorized to perform: sagemaker:CreateMonitoringSchedule'), ctx).kind, 'AccessDenied');
  });

  it('says which action was denied, from the message or from the operation', () => {
    const fromMessage = toMonitoringError(
      serviceError('AccessDeniedException', 'User: arn:aws:iam::1:user/u is not authorized to perform: sagemaker:CreateMonitoringSchedule on resource: arn:aws:sagemaker:eu-west-1:1:monitoring-schedule/my-schedule because no identity-based policy allows it'),
      ctx,
    );
    assert.match(fromMessage.message, /profile "dev" may not perform sagemaker:CreateMonitoringSchedule on arn:aws:sagemaker:eu-west-1:1:monitoring-schedule\/my-schedule\./);
    const s3 = toMonitoringError(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }), {
      service: 'S3',
      operation: 'ListObjectsV2',
      resource: 's3://b/capture/',
      region: 'eu-west-1',
    });
    assert.equal(s3.kind, 'AccessDenied');
    assert.match(s3.message, /may not perform s3:ListBucket on s3:\/\/b\/capture\//);
  });

  it('tells SSO users to log in and others to configure credentials', () => {
    const expired = toMonitoringError(serviceError('ExpiredTokenException', 'The security token included in the request is expired'), { ...ctx, profileKind: 'sso' });
    assert.equal(expired.kind, 'CredentialsExpired');
    assert.match(expired.message, /aws sso login --profile dev/);

    const providerError = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const missing = toMonitoringError(providerError, { ...ctx, profile: undefined });
    assert.equal(missing.kind, 'CredentialsMissing');
    assert.match(missing.message, /configure credentials: choose an AWS profile, or set AWS_ACCESS_KEY_ID/);

    const invalid = toMonitoringError(serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.'), { ...ctx, profileKind: 'static' });
    assert.equal(invalid.kind, 'CredentialsMissing');
    assert.match(invalid.message, /aws configure --profile dev/);
  });

  it('reports throttling and network failures with what to do', () => {
    const throttled = toMonitoringError(serviceError('ThrottlingException', 'Rate exceeded', { $metadata: { ...meta, attempts: 5 } }), ctx);
    assert.equal(throttled.kind, 'Throttled');
    assert.match(throttled.message, /after 5 attempts/);

    const refused = toMonitoringError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), ctx);
    assert.equal(refused.kind, 'Network');
    assert.match(refused.message, /Cannot reach SageMaker at https:\/\/api\.sagemaker\.eu-west-1\.amazonaws\.com \(region eu-west-1\): the connection was refused/);

    const dns = toMonitoringError(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }), { service: 'S3', operation: 'GetObject', region: 'cn-north-1' });
    assert.match(dns.message, /https:\/\/s3\.cn-north-1\.amazonaws\.com\.cn .*host name does not resolve/);

    const timeout = toMonitoringError(Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }), ctx);
    assert.equal(timeout.kind, 'Network');

    const aggregate = toMonitoringError(Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed')), ctx);
    assert.equal(aggregate.kind, 'Network');
  });

  it('passes MonitoringErrors through, maps format errors to BadData and keeps anything else', () => {
    const original = new MonitoringError('Validation', 'already mapped');
    assert.equal(toMonitoringError(original, ctx), original);
    const bad = toMonitoringError(new FormatError('s3://b/statistics.json', 'is not a number', 'dataset.item_count'), ctx);
    assert.equal(bad.kind, 'BadData');
    assert.match(bad.message, /dataset\.item_count/);
    const odd = toMonitoringError(serviceError('WeirdException', 'strange'), ctx);
    assert.equal(odd.kind, 'Unknown');
    assert.match(odd.message, /WeirdException: strange/);
    assert.equal(toMonitoringError('a string', ctx).kind, 'Unknown');
  });
});
