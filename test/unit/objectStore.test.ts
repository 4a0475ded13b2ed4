import { strict as assert } from 'node:assert';
import { hourPath, hoursBetween, joinUri, parseS3Uri } from '../../src/monitoring/objectStore';

describe('S3 URIs and hour folders', () => {
  it('parses bucket and key', () => {
    assert.deepEqual(parseS3Uri('s3://b/a/b/c.json'), { bucket: 'b', key: 'a/b/c.json' });
    assert.throws(() => parseS3Uri('https://x'), /Not an S3 URI/);
  });
  it('never produces a double slash from a trailing-slash capture root', () => {
    assert.equal(joinUri('s3://b/data-capture/', 'ep', 'AllTraffic'), 's3://b/data-capture/ep/AllTraffic');
  });
  it('lists the UTC hour folders of a window', () => {
    const hours = hoursBetween(new Date('2024-01-01T22:30:00Z'), new Date('2024-01-02T01:00:00Z'));
    assert.deepEqual(hours.map(hourPath), ['2024/01/01/22', '2024/01/01/23', '2024/01/02/00']);
  });
});
