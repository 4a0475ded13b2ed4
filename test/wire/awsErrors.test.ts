/**
 * Every error mapping over the wire: real SDK clients, real HTTP, faults injected by the SageMaker
 * test server (or a closed port, or a real SSO profile whose cached token has expired).
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { AwsBackend } from '../../src/monitoring/aws/awsBackend';
import { isMonitoringError, type MonitoringError, type MonitoringErrorKind } from '../../src/monitoring/errors';
import type { JobDefinition } from '../../src/monitoring/model';
import { cronFor } from '../../src/monitoring/scheduleExpression';
import { TEST_REGION, startAwsWireRig, type AwsWireRig } from './awsFixture';

async function failure(run: () => Promise<unknown>): Promise<MonitoringError> {
  try {
    await run();
  } catch (e) {
    assert.ok(isMonitoringError(e), `expected a MonitoringError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

function expectKind(e: MonitoringError, kind: MonitoringErrorKind): void {
  assert.equal(e.kind, kind, `expected ${kind}, got ${e.kind}: ${e.message}`);
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('AWS error mapping over the wire', function () {
  this.timeout(30_000);
  let rig: AwsWireRig;
  let backend: AwsBackend;

  before(async () => {
    rig = await startAwsWireRig();
    backend = rig.backend();
    rig.sageMaker.addEndpoint({ name: 'err-ep' });
  });
  afterEach(() => {
    rig.sageMaker.clearFaults();
    rig.sageMaker.resetCalls();
  });
  after(async () => {
    await rig?.stop();
  });

  const definition = (name: string, extra: Partial<JobDefinition> = {}): JobDefinition => ({
    name,
    type: 'DataQuality',
    input: { kind: 'Endpoint', endpointName: 'err-ep', localPath: '/opt/ml/processing/input/endpoint' },
    outputS3Uri: `s3://${rig.bucket}/reports`,
    imageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer',
    roleArn: 'arn:aws:iam::123456789012:role/ModelMonitorRole',
    resources: { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 20 },
    ...extra,
  });

  it('retries throttling and succeeds when the service recovers', async () => {
    rig.sageMaker.inject({ kind: 'Throttling', times: 2, operations: ['DescribeEndpoint'] });
    const endpoint = await backend.describeEndpoint('err-ep');
    assert.equal(endpoint.name, 'err-ep');
    assert.equal(rig.sageMaker.callCount('DescribeEndpoint'), 3);
  });

  it('reports throttling that outlasts the retries, with the attempt count', async () => {
    rig.sageMaker.inject({ kind: 'Throttling', operations: ['ListEndpoints'] });
    const e = await failure(() => backend.listEndpoints());
    expectKind(e, 'Throttled');
    assert.match(e.message, /throttling ListEndpoints in us-east-1; still throttled after 3 attempts/);
    assert.equal(rig.sageMaker.callCount('ListEndpoints'), 3);
    assert.ok(e.details.requestId, 'the request id is kept');
    assert.equal((e.details.cause as { name?: string }).name, 'ThrottlingException');
  });

  it('retries 5xx errors, and reports them as the service side when they persist', async () => {
    rig.sageMaker.inject({ kind: 'ServerError', times: 2, operations: ['DescribeEndpoint'] });
    await backend.describeEndpoint('err-ep');
    assert.equal(rig.sageMaker.callCount('DescribeEndpoint'), 3);

    rig.sageMaker.inject({ kind: 'ServiceUnavailable', operations: ['DescribeMonitoringSchedule'] });
    const e = await failure(() => backend.describeSchedule('any-schedule'));
    expectKind(e, 'Unknown');
    assert.match(e.message, /HTTP 503 ServiceUnavailable\) after 3 attempts/);
    assert.match(e.message, /try again later/);
  });

  it('names the action and resource that access was denied for', async () => {
    await backend.createJobDefinition(definition('err-def'));
    rig.sageMaker.inject({ kind: 'AccessDenied', operations: ['CreateMonitoringSchedule'] });
    const e = await failure(() =>
      backend.createSchedule({ name: 'err-schedule', type: 'DataQuality', jobDefinitionName: 'err-def', schedule: { scheduleExpression: cronFor.hourly() } }),
    );
    expectKind(e, 'AccessDenied');
    assert.match(e.message, /may not perform sagemaker:CreateMonitoringSchedule on arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule\/err-schedule/);
    assert.match(e.message, /Ask your AWS administrator/);
    assert.equal(e.details.operation, 'CreateMonitoringSchedule');
    assert.equal(e.details.resource, 'err-schedule');
    assert.equal(rig.sageMaker.callCount('CreateMonitoringSchedule'), 1, 'access denied is not retried');
  });

  it('says Model Monitor is closed to new customers and points to the local analysis', async () => {
    rig.sageMaker.inject({ kind: 'ClosedToNewCustomers', operations: ['CreateDataQualityJobDefinition'] });
    const e = await failure(() => backend.createJobDefinition(definition('closed-def')));
    expectKind(e, 'ServiceClosed');
    assert.match(e.message, /not available to new customers/);
    assert.match(e.message, /run the analysis locally/);
  });

  it('names the field a validation error is about', async () => {
    const e = await failure(() => backend.createJobDefinition(definition('too-long-def', { maxRuntimeInSeconds: 100_000 })));
    expectKind(e, 'Validation');
    assert.match(e.message, /field stoppingCondition\.maxRuntimeInSeconds/);
    assert.match(e.message, /between 1 and 86400/);
  });

  it('asks for fresh credentials when the token has expired', async () => {
    rig.sageMaker.inject({ kind: 'ExpiredToken', operations: ['ListEndpoints'] });
    const plain = await failure(() => backend.listEndpoints());
    expectKind(plain, 'CredentialsExpired');
    assert.match(plain.message, /have expired/);

    const sso = rig.backend({ profile: 'team-sso', profileKind: 'sso' });
    const e = await failure(() => sso.listEndpoints());
    expectKind(e, 'CredentialsExpired');
    assert.match(e.message, /aws sso login --profile team-sso/);
  });

  it('reports an unreachable endpoint with its address and region, after retrying', async () => {
    const port = await closedPort();
    const offline = rig.backend({ endpointOverrides: { sagemaker: `http://127.0.0.1:${port}`, s3: rig.moto.url } });
    const e = await failure(() => offline.listEndpoints());
    expectKind(e, 'Network');
    assert.match(e.message, new RegExp(`Cannot reach SageMaker at http://127\\.0\\.0\\.1:${port} \\(region ${TEST_REGION}\\): the connection was refused after 3 attempts`));
  });

  describe('with credentials from the shared AWS files', () => {
    let home: string;
    const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };

    before(async () => {
      home = await mkdtemp(join(tmpdir(), 'mm-aws-home-'));
      const config = join(home, 'config');
      await writeFile(
        config,
        [
          '[profile expired-sso]',
          'sso_session = corp',
          'sso_account_id = 123456789012',
          'sso_role_name = Monitor',
          'region = us-east-1',
          '[sso-session corp]',
          'sso_start_url = https://corp.awsapps.com/start',
          'sso_region = us-east-1',
          'sso_registration_scopes = sso:account:access',
          '',
        ].join('\n'),
      );
      await writeFile(join(home, 'credentials'), '');
      // The SDK's SSO cache file for session "corp", with a token that expired an hour ago.
      const cache = join(home, '.aws', 'sso', 'cache');
      await mkdir(cache, { recursive: true });
      await writeFile(
        join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
        JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'expired', expiresAt: new Date(Date.now() - 3_600_000).toISOString() }),
      );
      Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') });
    });
    after(async () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await rm(home, { recursive: true, force: true });
    });

    const fromFiles = (profile: string, profileKind?: 'sso') =>
      rig.backend({
        profile,
        ...(profileKind ? { profileKind } : {}),
        clients: { extensionVersion: '0.0.0-test', retry: { maxAttempts: 2, delay: () => 1 } },
      });

    it('tells an SSO user whose session expired to run aws sso login', async () => {
      const e = await failure(() => fromFiles('expired-sso', 'sso').listEndpoints());
      expectKind(e, 'CredentialsExpired');
      assert.match(e.message, /aws sso login --profile expired-sso/);
      assert.equal(rig.sageMaker.callCount(), 0, 'nothing was sent without credentials');
    });

    it('tells a user with no credentials for the profile to configure them', async () => {
      const e = await failure(() => fromFiles('missing-profile').listEndpoints());
      expectKind(e, 'CredentialsMissing');
      assert.match(e.message, /configure credentials/);
      assert.match(e.message, /aws configure --profile missing-profile/);
    });
  });
});
