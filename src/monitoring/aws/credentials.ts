/**
 * AWS profiles and credentials the way the AWS CLI and Toolkit see them: profiles from the shared
 * config and credentials files (honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), each with
 * its own region; credentials resolved by the SDK's own providers, so SSO, credential_process and
 * assume-role behave exactly as in the CLI. Nothing here reads or returns a secret value: profile
 * listing reports only names, regions and the kind of credentials.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fromEnv, fromIni } from '@aws-sdk/credential-providers';

export type AwsProfileKind = 'static' | 'sso' | 'process' | 'assume-role' | 'other';

/** What the SDK clients accept as `credentials`: a function resolving (and refreshing) an identity. */
export type AwsCredentialIdentityProvider = ReturnType<typeof fromIni>;

export interface AwsProfile {
  name: string;
  region?: string;
  kind: AwsProfileKind;
}

export interface SharedFilePaths {
  configFile: string;
  credentialsFile: string;
}

/** The shared files the SDK reads, honouring the same environment variables it does. */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): SharedFilePaths {
  return {
    configFile: env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
  };
}

type IniSections = Map<string, Map<string, string>>;

/**
 * Parses the INI dialect of the shared files: `[section]` headers, `key = value` lines, `#`/`;`
 * comments, and indented sub-properties (e.g. under `s3 =`), which are skipped as no profile field we
 * use is nested.
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    if (!current || /^\s/.test(raw)) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).replace(/\s[#;].*$/, '').trim();
    current.set(key, value);
  }
  return sections;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the AWS shared file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** The same precedence the SDK's `fromIni` applies when a profile could match several kinds. */
function kindOf(settings: Map<string, string>): AwsProfileKind {
  if (settings.has('role_arn') && (settings.has('source_profile') || settings.has('credential_source'))) return 'assume-role';
  if (settings.has('aws_access_key_id') && settings.has('aws_secret_access_key')) return 'static';
  if (settings.has('credential_process')) return 'process';
  if (settings.has('sso_session') || settings.has('sso_start_url')) return 'sso';
  return 'other';
}

/** Every profile of the shared config and credentials files, `default` first, then by name. */
export async function listAwsProfiles(paths: SharedFilePaths = sharedFilePaths()): Promise<AwsProfile[]> {
  const [configText, credentialsText] = await Promise.all([readIfExists(paths.configFile), readIfExists(paths.credentialsFile)]);
  return mergeProfiles(configText, credentialsText);
}

/** The same, read synchronously: for building a connection's backend, which happens while the tree is drawn. */
export function listAwsProfilesSync(paths: SharedFilePaths = sharedFilePaths()): AwsProfile[] {
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the AWS shared file ${path}: ${(e as Error).message}`, { cause: e });
    }
  };
  return mergeProfiles(read(paths.configFile), read(paths.credentialsFile));
}

function mergeProfiles(configText: string | undefined, credentialsText: string | undefined): AwsProfile[] {
  const merged = new Map<string, Map<string, string>>();
  const add = (name: string, settings: Map<string, string>) => {
    const existing = merged.get(name) ?? new Map<string, string>();
    for (const [k, v] of settings) existing.set(k, v);
    merged.set(name, existing);
  };
  for (const [section, settings] of parseIni(configText ?? '')) {
    if (section === 'default') add('default', settings);
    else if (section.startsWith('profile ')) add(section.slice('profile '.length).trim(), settings);
  }
  // The credentials file wins over the config file for the same key, as in the SDK.
  for (const [section, settings] of parseIni(credentialsText ?? '')) add(section, settings);
  return [...merged.entries()]
    .map(([name, settings]) => ({ name, kind: kindOf(settings), ...(settings.get('region') ? { region: settings.get('region') } : {}) }))
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** One profile by name, or undefined when neither file defines it. */
export async function findAwsProfile(name: string, paths: SharedFilePaths = sharedFilePaths()): Promise<AwsProfile | undefined> {
  return (await listAwsProfiles(paths)).find((p) => p.name === name);
}

/**
 * The credential provider for a profile (static keys, SSO / sso-session, credential_process and
 * assume-role all through the SDK's `fromIni`), or the environment's AWS_* variables when no profile
 * is chosen. The files are re-read each time credentials are resolved, so `aws sso login` or an
 * edited file takes effect without restarting.
 */
export function credentialsFor(profile?: string): AwsCredentialIdentityProvider {
  return profile ? fromIni({ profile, ignoreCache: true }) : fromEnv();
}
