import { strict as assert } from 'node:assert';
import {
  captureConfigOf,
  parseContentTypes,
  validateCaptureChoices,
  validateContentTypes,
  validateS3Uri,
  validateSamplingPercentage,
} from '../../../src/commands/captureSettings';
import { isInTransition } from '../../../src/monitoring/endpointStatus';
import { formatUtc, parseUtcTime, presetWindow, validateWindowEnd } from '../../../src/commands/captureWindow';

describe('Data capture prompts: what is accepted as typed', () => {
  it('accepts sampling percentages 0 to 100 and says why anything else is refused', () => {
    for (const ok of ['0', '1', '50', '100', ' 20 ']) assert.equal(validateSamplingPercentage(ok), undefined, ok);
    assert.match(validateSamplingPercentage('') ?? '', /whole number from 0 to 100/);
    assert.match(validateSamplingPercentage('101') ?? '', /more than 100/);
    assert.match(validateSamplingPercentage('-1') ?? '', /not a whole number/);
    assert.match(validateSamplingPercentage('12.5') ?? '', /no decimals/);
    assert.match(validateSamplingPercentage('50%') ?? '', /no % sign/);
  });

  it('accepts S3 URIs SageMaker accepts and names what is wrong with others', () => {
    for (const ok of ['s3://my-bucket', 's3://my-bucket/', 's3://my.bucket-1/data/capture']) assert.equal(validateS3Uri(ok), undefined, ok);
    assert.match(validateS3Uri('') ?? '', /Enter an S3 URI/);
    assert.match(validateS3Uri('https://my-bucket/x') ?? '', /does not start with s3:\/\//);
    assert.match(validateS3Uri('s3://') ?? '', /bucket name is missing/);
    assert.match(validateS3Uri('s3://My_Bucket/x') ?? '', /"My_Bucket" is not a valid bucket name/);
    assert.match(validateS3Uri('s3://ab') ?? '', /not a valid bucket name/);
    assert.match(validateS3Uri('s3://a..b/x') ?? '', /not a valid bucket name/);
    assert.match(validateS3Uri(`s3://bucket/${'k'.repeat(510)}`) ?? '', /at most 512/);
    assert.match(validateS3Uri('s3://bucket/a b') ?? '', /white space/);
  });

  it('reads comma-separated content types and refuses malformed ones', () => {
    assert.deepEqual(parseContentTypes(' text/csv, ,application/json '), ['text/csv', 'application/json']);
    assert.equal(validateContentTypes(''), undefined);
    assert.match(validateContentTypes('text/csv, csv') ?? '', /"csv" is not a content type/);
  });

  it('builds the capture config, keeping the KMS key of the current one', () => {
    const config = captureConfigOf(
      { samplingPercentage: 20, destinationS3Uri: ' s3://b/capture ', captureModes: ['Input', 'Output'], csvContentTypes: ['text/csv'], jsonContentTypes: [] },
      { enableCapture: false, initialSamplingPercentage: 100, destinationS3Uri: 's3://old', captureModes: ['Input'], kmsKeyId: 'key-1' },
    );
    assert.deepEqual(config, { kmsKeyId: 'key-1', enableCapture: true, initialSamplingPercentage: 20, destinationS3Uri: 's3://b/capture', captureModes: ['Input', 'Output'], csvContentTypes: ['text/csv'] });
    assert.match(validateCaptureChoices({ samplingPercentage: 20, destinationS3Uri: 's3://bucket', captureModes: [] }) ?? '', /Choose what to capture/);
    assert.match(validateCaptureChoices({ samplingPercentage: 120, destinationS3Uri: 's3://bucket', captureModes: ['Input'] }) ?? '', /more than 100/);
  });

  it('knows which endpoint states end by themselves', () => {
    assert.ok(isInTransition('Updating'));
    assert.ok(isInTransition('Creating'));
    assert.ok(!isInTransition('InService'));
    assert.ok(!isInTransition('Failed'));
  });
});

describe('Captured data windows', () => {
  const now = new Date('2026-12-03T12:34:56.500Z');

  it('offers the last hour and the last 24 hours, ending just after now', () => {
    const hour = presetWindow('lastHour', now);
    assert.equal(hour.end.toISOString(), '2026-12-03T12:34:57.500Z');
    assert.equal(hour.end.getTime() - hour.start.getTime(), 3_600_000);
    const day = presetWindow('last24Hours', now);
    assert.equal(day.end.getTime() - day.start.getTime(), 24 * 3_600_000);
  });

  it('reads custom UTC times in the forms people type, and refuses others saying why', () => {
    assert.equal((parseUtcTime('2024-05-01 10:00') as Date).toISOString(), '2024-05-01T10:00:00.000Z');
    assert.equal((parseUtcTime('2024-05-01T10:00:30Z') as Date).toISOString(), '2024-05-01T10:00:30.000Z');
    assert.equal((parseUtcTime('2024-05-01') as Date).toISOString(), '2024-05-01T00:00:00.000Z');
    assert.equal((parseUtcTime('2024-05-01 10:00 UTC') as Date).toISOString(), '2024-05-01T10:00:00.000Z');
    assert.match(parseUtcTime('2024-05-01T10:00+02:00') as string, /not a UTC time/);
    assert.match(parseUtcTime('yesterday') as string, /not a UTC time/);
    assert.match(parseUtcTime('2024-02-30 10:00') as string, /not a date and time that exists/);
    const start = new Date('2024-05-01T10:00:00Z');
    assert.equal(validateWindowEnd('2024-05-01 11:00', start), undefined);
    assert.match(validateWindowEnd('2024-05-01 09:00', start) ?? '', /after the start \(2024-05-01 10:00:00 UTC\)/);
    assert.match(validateWindowEnd('2024-07-01 09:00', start) ?? '', /longer than 31 days/);
    assert.equal(formatUtc(start), '2024-05-01 10:00:00 UTC');
  });
});
