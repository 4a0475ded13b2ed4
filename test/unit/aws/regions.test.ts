import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAwsProfiles, listAwsProfilesSync } from '../../../src/monitoring/aws/credentials';
import { connectionRegion, endpointUrlProblem, regionChoices } from '../../../src/monitoring/aws/regions';

describe('AWS connection regions and endpoint URLs', () => {
  it("uses the connection's region, else the profile's own, else the environment's, else us-east-1", () => {
    assert.equal(connectionRegion({ region: 'eu-west-2' }, 'ap-south-1', { AWS_REGION: 'us-west-2' }), 'eu-west-2');
    assert.equal(connectionRegion({}, 'ap-south-1', { AWS_REGION: 'us-west-2' }), 'ap-south-1');
    assert.equal(connectionRegion({}, undefined, { AWS_REGION: 'us-west-2' }), 'us-west-2');
    assert.equal(connectionRegion({}, undefined, { AWS_DEFAULT_REGION: 'ca-central-1' }), 'ca-central-1');
    assert.equal(connectionRegion({}, undefined, {}), 'us-east-1');
  });

  it("offers the profile's region first, once, and keeps a region the list does not know", () => {
    const choices = regionChoices('eu-central-1').map((r) => r.code);
    assert.equal(choices[0], 'eu-central-1');
    assert.equal(choices.filter((c) => c === 'eu-central-1').length, 1);
    assert.ok(choices.includes('us-east-1') && choices.includes('cn-north-1') && choices.includes('us-gov-west-1'));
    assert.equal(regionChoices('xx-test-9')[0].code, 'xx-test-9');
  });

  it('reads the same profiles and regions synchronously as asynchronously', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-regions-'));
    try {
      const paths = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
      await writeFile(paths.configFile, '[default]\nregion = eu-west-1\n[profile work]\nregion = ap-southeast-2\nsso_session = corp\n');
      await writeFile(paths.credentialsFile, '[keys]\naws_access_key_id = AKID\naws_secret_access_key = s\n');
      const sync = listAwsProfilesSync(paths);
      assert.deepEqual(sync, await listAwsProfiles(paths));
      assert.deepEqual(sync.map((p) => [p.name, p.region]), [['default', 'eu-west-1'], ['keys', undefined], ['work', 'ap-southeast-2']]);
      assert.deepEqual(listAwsProfilesSync({ configFile: join(dir, 'none'), credentialsFile: join(dir, 'none2') }), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('accepts https and loopback http endpoint URLs only', () => {
    for (const ok of ['https://vpce-1.sagemaker.eu-west-1.vpce.amazonaws.com', 'http://127.0.0.1:4566', 'http://localhost:9000/', 'http://[::1]:8080']) {
      assert.equal(endpointUrlProblem(ok), undefined, ok);
    }
    for (const bad of ['http://10.0.0.5:4566', 'http://evil.example.com', 'http://127.0.0.1.evil.example.com', 'ftp://127.0.0.1', 'not a url']) {
      assert.ok(endpointUrlProblem(bad), bad);
    }
    assert.match(endpointUrlProblem('http://evil.example.com') ?? '', /neither https nor on this machine/);
  });
});
