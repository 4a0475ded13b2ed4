import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAwsProfile, listAwsProfiles, parseIni, sharedFilePaths } from '../../../src/monitoring/aws/credentials';

describe('AWS profiles from the shared files', () => {
  let dir: string;
  let configFile: string;
  let credentialsFile: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-profiles-'));
    configFile = join(dir, 'config');
    credentialsFile = join(dir, 'credentials');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every profile with its own region and kind, default first', async () => {
    await writeFile(
      configFile,
      [
        '# comment',
        '[default]',
        'region = eu-west-1',
        '',
        '[profile sso-dev]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = Dev',
        'region = us-west-2',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile legacy-sso]',
        'sso_start_url = https://old.awsapps.com/start',
        '[profile tool]',
        'credential_process = /usr/bin/get-creds --json   # inline comment',
        'region = ap-south-1',
        '[profile admin]',
        'role_arn = arn:aws:iam::111122223333:role/Admin',
        'source_profile = default',
        '[profile web]',
        'web_identity_token_file = /tmp/token',
        'role_arn = arn:aws:iam::111122223333:role/Web',
        '[profile keys]',
        'region = ca-central-1',
        '[services local]',
        'sagemaker =',
        '  endpoint_url = http://localhost',
      ].join('\n'),
    );
    await writeFile(credentialsFile, ['[default]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = secret', '[keys]', 'aws_access_key_id = AKIA2', 'aws_secret_access_key = s2', '[ci]', 'aws_access_key_id = AKIA3', 'aws_secret_access_key = s3'].join('\n'));

    const profiles = await listAwsProfiles({ configFile, credentialsFile });
    assert.deepEqual(profiles, [
      { name: 'default', kind: 'static', region: 'eu-west-1' },
      { name: 'admin', kind: 'assume-role' },
      { name: 'ci', kind: 'static' },
      { name: 'keys', kind: 'static', region: 'ca-central-1' },
      { name: 'legacy-sso', kind: 'sso' },
      { name: 'sso-dev', kind: 'sso', region: 'us-west-2' },
      { name: 'tool', kind: 'process', region: 'ap-south-1' },
      { name: 'web', kind: 'other' },
    ]);
    assert.ok(!JSON.stringify(profiles).includes('secret'), 'no secret is ever returned');
    assert.deepEqual(await findAwsProfile('tool', { configFile, credentialsFile }), { name: 'tool', kind: 'process', region: 'ap-south-1' });
    assert.equal(await findAwsProfile('nobody', { configFile, credentialsFile }), undefined);
  });

  it('treats missing files as having no profiles', async () => {
    assert.deepEqual(await listAwsProfiles({ configFile: join(dir, 'nope'), credentialsFile: join(dir, 'nope2') }), []);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', async () => {
    assert.deepEqual(sharedFilePaths({ AWS_CONFIG_FILE: '/x/config', AWS_SHARED_CREDENTIALS_FILE: '/x/creds' }), { configFile: '/x/config', credentialsFile: '/x/creds' });
    const defaults = sharedFilePaths({});
    assert.match(defaults.configFile, /\.aws[/\\]config$/);
    assert.match(defaults.credentialsFile, /\.aws[/\\]credentials$/);

    await writeFile(configFile, '[profile from-env]\nregion = sa-east-1\n');
    const saved = { c: process.env.AWS_CONFIG_FILE, s: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
    try {
      assert.deepEqual(await listAwsProfiles(), [{ name: 'from-env', kind: 'other', region: 'sa-east-1' }]);
    } finally {
      if (saved.c === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = saved.c;
      if (saved.s === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      else process.env.AWS_SHARED_CREDENTIALS_FILE = saved.s;
    }
  });

  it('parses the INI dialect: comments, CRLF, case-insensitive keys, nested blocks skipped', () => {
    const ini = parseIni('[a]\r\nRegion = x ; note\r\n; c\r\ns3 =\r\n  max_concurrent_requests = 20\r\nk=v=w\r\n');
    assert.deepEqual([...(ini.get('a') ?? new Map()).entries()], [
      ['region', 'x'],
      ['s3', ''],
      ['k', 'v=w'],
    ]);
  });
});
