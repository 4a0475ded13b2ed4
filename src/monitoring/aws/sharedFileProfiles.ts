/**
 * New profiles in the shared AWS files, as `aws configure` and `aws configure sso` write them: access
 * keys in the credentials file (readable by the user only), everything else in the config file. A
 * profile that either file already defines is never overwritten; files are appended to, so comments
 * and other profiles stay as they were.
 */
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseIni, type SharedFilePaths } from './credentials';

export const PROFILE_NAME = /^[A-Za-z0-9_.+@-]{1,64}$/;

export interface AccessKeyProfile {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface SsoProfile {
  name: string;
  startUrl: string;
  ssoRegion: string;
  accountId: string;
  roleName: string;
  region: string;
}

/** What is wrong with a field as typed, or undefined (for InputBox.validateInput). */
export const profileFieldProblems = {
  name: (v: string) => (PROFILE_NAME.test(v) ? undefined : 'Letters, digits and _ . + @ -, up to 64 characters'),
  accessKeyId: (v: string) => (/^[A-Z0-9]{16,128}$/.test(v) ? undefined : 'An access key ID such as AKIAIOSFODNN7EXAMPLE (capital letters and digits)'),
  secretAccessKey: (v: string) => (/^\S{16,}$/.test(v) ? undefined : 'The secret access key shown once when the key was created'),
  startUrl: (v: string) => (/^https:\/\/\S+$/.test(v) ? undefined : 'The AWS access portal URL, e.g. https://my-company.awsapps.com/start'),
  accountId: (v: string) => (/^\d{12}$/.test(v) ? undefined : 'A 12-digit AWS account ID'),
  roleName: (v: string) => (/^[\w+=,.@-]{1,128}$/.test(v) ? undefined : 'The permission set (role) name, e.g. ReadOnlyAccess'),
};

export function accessKeySections(p: AccessKeyProfile): { credentials: string; config: string } {
  return {
    credentials: `[${p.name}]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`,
    config: `${p.name === 'default' ? '[default]' : `[profile ${p.name}]`}\nregion = ${p.region}\n`,
  };
}

export function ssoSections(p: SsoProfile): { config: string } {
  const header = p.name === 'default' ? '[default]' : `[profile ${p.name}]`;
  return {
    config:
      `${header}\nsso_session = ${p.name}\nsso_account_id = ${p.accountId}\nsso_role_name = ${p.roleName}\nregion = ${p.region}\n` +
      `[sso-session ${p.name}]\nsso_start_url = ${p.startUrl}\nsso_region = ${p.ssoRegion}\nsso_registration_scopes = sso:account:access\n`,
  };
}

/** A template for the config file, for users who prefer to write their profile themselves. */
export const CONFIG_TEMPLATE = `# AWS profiles for SageMaker Model Monitor (and the AWS CLI). Uncomment one and fill it in.
#
# An IAM Identity Center (SSO) profile; then run: aws sso login --profile my-sso
# [profile my-sso]
# sso_session = my-sso
# sso_account_id = 123456789012
# sso_role_name = ReadOnlyAccess
# region = us-east-1
# [sso-session my-sso]
# sso_start_url = https://my-company.awsapps.com/start
# sso_region = us-east-1
# sso_registration_scopes = sso:account:access
#
# A profile with access keys: put the keys in the credentials file, next to this one:
# [my-keys]
# aws_access_key_id = AKIA...
# aws_secret_access_key = ...
`;

async function definedProfiles(paths: SharedFilePaths): Promise<Set<string>> {
  const read = async (path: string) => readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
  const names = new Set<string>();
  for (const section of parseIni(await read(paths.configFile)).keys()) {
    if (section === 'default') names.add('default');
    else if (section.startsWith('profile ')) names.add(section.slice('profile '.length).trim());
    else if (section.startsWith('sso-session ')) names.add(`sso-session:${section.slice('sso-session '.length).trim()}`);
  }
  for (const section of parseIni(await read(paths.credentialsFile)).keys()) names.add(section);
  return names;
}

async function appendSection(path: string, text: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const existing = await readFile(path, 'utf8').catch(() => '');
  const separator = existing === '' || existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  await appendFile(path, separator + text, { mode });
  await chmod(path, mode);
}

export async function writeAccessKeyProfile(p: AccessKeyProfile, paths: SharedFilePaths): Promise<void> {
  if ((await definedProfiles(paths)).has(p.name)) throw new Error(`The profile ${p.name} already exists in ${paths.configFile} or ${paths.credentialsFile}; choose another name.`);
  const sections = accessKeySections(p);
  // The secret goes to the credentials file only, readable by this user alone.
  await appendSection(paths.credentialsFile, sections.credentials, 0o600);
  await appendSection(paths.configFile, sections.config, 0o600);
}

export async function writeSsoProfile(p: SsoProfile, paths: SharedFilePaths): Promise<void> {
  const defined = await definedProfiles(paths);
  if (defined.has(p.name) || defined.has(`sso-session:${p.name}`)) throw new Error(`The profile or SSO session ${p.name} already exists in ${paths.configFile}; choose another name.`);
  await appendSection(paths.configFile, ssoSections(p).config, 0o600);
}
