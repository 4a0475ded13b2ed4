import { strict as assert } from 'node:assert';
import { AwsClientFactory } from '../../../src/monitoring/aws/clientFactory';
import { DelayHookRetryStrategy, exponentialBackoff } from '../../../src/monitoring/aws/retryPolicy';

describe('AwsClientFactory', () => {
  const credentials = () => async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' });

  it('makes one client per profile, region and endpoint, and reuses it', async () => {
    const factory = new AwsClientFactory({ extensionVersion: '1.2.3', credentials });
    try {
      const a = factory.sageMaker({ profile: 'p', region: 'eu-west-1' });
      assert.equal(factory.sageMaker({ profile: 'p', region: 'eu-west-1' }), a);
      assert.notEqual(factory.sageMaker({ profile: 'q', region: 'eu-west-1' }), a);
      assert.notEqual(factory.sageMaker({ profile: 'p', region: 'us-east-1' }), a);
      assert.notEqual(factory.sageMaker({ profile: 'p', region: 'eu-west-1', endpointOverrides: { sagemaker: 'http://127.0.0.1:1' } }), a);
      const s3 = factory.s3({ region: 'eu-west-1', endpointOverrides: { s3: 'http://127.0.0.1:2' } });
      assert.equal(await s3.config.forcePathStyle, true, 'an S3 endpoint override uses path-style addressing');
      assert.equal(await factory.s3({ region: 'eu-west-1' }).config.forcePathStyle, false);
      assert.equal(await a.config.region(), 'eu-west-1');
      assert.equal(await a.config.maxAttempts(), 3);
    } finally {
      factory.dispose();
    }
  });

  it('uses the delay hook for retries when one is given', async () => {
    const factory = new AwsClientFactory({ extensionVersion: '1', credentials, retry: { maxAttempts: 5, delay: () => 2 } });
    try {
      const strategy = await factory.sageMaker({ region: 'us-east-1' }).config.retryStrategy();
      assert.ok(strategy instanceof DelayHookRetryStrategy);
      assert.equal(await factory.sageMaker({ region: 'us-east-1' }).config.maxAttempts(), 5);
    } finally {
      factory.dispose();
    }
  });
});

describe('DelayHookRetryStrategy', () => {
  it('retries throttling, server and transient errors up to maxAttempts, never client errors', async () => {
    const delays: string[] = [];
    const strategy = new DelayHookRetryStrategy(3, (retry, kind) => {
      delays.push(`${retry}:${kind}`);
      return 7;
    });
    const first = await strategy.acquireInitialRetryToken('scope');
    const second = await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
    assert.equal(second.getRetryCount(), 1);
    assert.equal(second.getRetryDelay(), 7);
    const third = await strategy.refreshRetryTokenForRetry(second, { errorType: 'SERVER_ERROR' });
    assert.equal(third.getRetryCount(), 2);
    await assert.rejects(strategy.refreshRetryTokenForRetry(third, { errorType: 'TRANSIENT' }), /after 3 attempt/);
    await assert.rejects(strategy.refreshRetryTokenForRetry(first, { errorType: 'CLIENT_ERROR' }), /CLIENT_ERROR/);
    assert.deepEqual(delays, ['1:THROTTLING', '2:SERVER_ERROR']);
    assert.throws(() => new DelayHookRetryStrategy(0, () => 1), /maxAttempts/);
  });

  it('backs off exponentially with jitter, longer when throttled, capped at 20 s', () => {
    for (let i = 0; i < 50; i++) {
      assert.ok(exponentialBackoff(1, 'TRANSIENT') < 100);
      assert.ok(exponentialBackoff(1, 'THROTTLING') < 500);
      assert.ok(exponentialBackoff(30, 'THROTTLING') < 20_000);
    }
  });
});
