import { AwsBackend } from '../monitoring/aws/awsBackend';
import type { AwsClientFactory } from '../monitoring/aws/clientFactory';
import type { Logger } from '../monitoring/logger';
import type { AwsConnectionSetting } from './connectionRegistry';

/**
 * An AWS backend for a profile and region. All connections share the extension's one client factory, so
 * a profile's credentials are resolved once per client and each client keeps its connection pool; the
 * extension disposes the factory on deactivation.
 */
export function createAwsBackend(setting: AwsConnectionSetting, clients: AwsClientFactory, log: Logger): AwsBackend {
  return new AwsBackend({
    profile: setting.profile,
    region: setting.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(setting.endpoints ? { endpointOverrides: setting.endpoints } : {}),
    clients,
    logger: log,
  });
}
