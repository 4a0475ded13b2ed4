import { AwsBackend } from '../monitoring/aws/awsBackend';
import { AwsClientFactory } from '../monitoring/aws/clientFactory';
import type { Logger } from '../monitoring/logger';

let sharedClients: AwsClientFactory | undefined;

/**
 * An AWS backend for a profile and region. All connections share one client factory, so a profile's
 * credentials are resolved once per client and each client keeps its connection pool.
 */
export function createAwsBackend(profile: string, region: string | undefined, extensionVersion: string, log: Logger): AwsBackend {
  sharedClients ??= new AwsClientFactory({ extensionVersion, logger: log });
  return new AwsBackend({ profile, region: region ?? process.env.AWS_REGION ?? 'us-east-1', clients: sharedClients, logger: log });
}
