import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAwsProfiles } from '../../../src/monitoring/aws/credentials';
import { profileFieldProblems, writeAccessKeyProfile, writeSsoProfile } from '../../../src/monitoring/aws/sharedFileProfiles';

describe('New profiles in the shared AWS files', () => {
  let dir: string;
  let paths: { configFile: string; credentialsFile: string };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-profiles-'));
    paths = { configFile: join(dir, '.aws', 'config'), credentialsFile: join(dir, '.aws', 'credentials') };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes an access-key profile the SDK reads back, the secret in a file only the user can read', async () => {
    await writeAccessKeyProfile({ name: 'keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'eu-west-2' }, paths);
    assert.deepEqual(await listAwsProfiles(paths), [{ name: 'keys', kind: 'static', region: 'eu-west-2' }]);
    assert.equal((await stat(paths.credentialsFile)).mode & 0o777, 0o600);
    assert.doesNotMatch(await readFile(paths.configFile, 'utf8'), /wJalr/);
  });

  it('writes an SSO profile with its sso-session, keeping what the file had', async () => {
    await writeAccessKeyProfile({ name: 'keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secretsecretsecret', region: 'us-east-1' }, paths);
    await writeFile(paths.configFile, (await readFile(paths.configFile, 'utf8')) + '# my comment', { mode: 0o600 });
    await writeSsoProfile({ name: 'work', startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'eu-west-1', accountId: '123456789012', roleName: 'ReadOnly', region: 'eu-central-1' }, paths);
    const text = await readFile(paths.configFile, 'utf8');
    assert.match(text, /# my comment\n\n\[profile work\]\nsso_session = work\n/);
    assert.match(text, /\[sso-session work\]\nsso_start_url = https:\/\/corp\.awsapps\.com\/start\nsso_region = eu-west-1\n/);
    assert.deepEqual((await listAwsProfiles(paths)).map((p) => [p.name, p.kind, p.region]), [['keys', 'static', 'us-east-1'], ['work', 'sso', 'eu-central-1']]);
  });

  it('never overwrites a profile that exists', async () => {
    await writeAccessKeyProfile({ name: 'keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secretsecretsecret', region: 'us-east-1' }, paths);
    const before = await readFile(paths.credentialsFile, 'utf8');
    await assert.rejects(
      () => writeAccessKeyProfile({ name: 'keys', accessKeyId: 'AKIAIOSFODNN7OTHERS', secretAccessKey: 'othersothersothers', region: 'us-east-1' }, paths),
      /already exists/,
    );
    await assert.rejects(() => writeSsoProfile({ name: 'keys', startUrl: 'https://x', ssoRegion: 'us-east-1', accountId: '123456789012', roleName: 'R', region: 'us-east-1' }, paths), /already exists/);
    assert.equal(await readFile(paths.credentialsFile, 'utf8'), before);
  });

  it('says what is wrong with a field as it is typed', () => {
    assert.equal(profileFieldProblems.name('my-profile'), undefined);
    assert.ok(profileFieldProblems.name('has space'));
    assert.ok(profileFieldProblems.name('[x]'));
    assert.equal(profileFieldProblems.accessKeyId('AKIAIOSFODNN7EXAMPLE'), undefined);
    assert.ok(profileFieldProblems.accessKeyId('akia'));
    assert.ok(profileFieldProblems.accountId('12345'));
    assert.ok(profileFieldProblems.startUrl('http://corp.awsapps.com/start'));
  });
});
