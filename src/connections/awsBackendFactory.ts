import { AwsBackend } from '../monitoring/aws/awsBackend';
import type { AwsClientFactory } from '../monitoring/aws/clientFactory';
import { listAwsProfilesSync } from '../monitoring/aws/credentials';
import { connectionRegion, endpointUrlProblem } from '../monitoring/aws/regions';
import type { Logger } from '../monitoring/logger';
import type { AwsConnectionSetting } from './connectionRegistry';

/**
 * An AWS backend for a profile and region. All connections share the extension's one client factory, so
 * a profile's credentials are resolved once per client and each client keeps its connection pool; the
 * extension disposes the factory on deactivation. Throws, saying which setting is wrong, for endpoint
 * URLs that would send signed requests off this machine without TLS.
 */
export function createAwsBackend(setting: AwsConnectionSetting, clients: AwsClientFactory, log: Logger): AwsBackend {
  for (const [service, url] of Object.entries(setting.endpoints ?? {})) {
    const problem = typeof url === 'string' ? endpointUrlProblem(url) : `${String(url)} is not a URL`;
    if (problem) throw new Error(`The ${service} endpoint of the AWS connection "${setting.profile}" is refused: ${problem}.`);
  }
  return new AwsBackend({
    profile: setting.profile,
    region: connectionRegion(setting, setting.region ? undefined : profileRegion(setting.profile, log)),
    ...(setting.endpoints ? { endpointOverrides: setting.endpoints } : {}),
    clients,
    logger: log,
  });
}

function profileRegion(profile: string, log: Logger): string | undefined {
  try {
    return listAwsProfilesSync().find((p) => p.name === profile)?.region;
  } catch (e) {
    log.warn(`Reading the region of the AWS profile ${profile}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
