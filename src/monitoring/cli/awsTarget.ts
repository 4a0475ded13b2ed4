/**
 * The AWS profile and region a CLI command works in: `--profile` / `--region`, else the AWS_*
 * environment, else the profile's own region. The credentials module (and with it the AWS SDK) is
 * loaded only here, when a command needs AWS: it costs every other run's start-up about 0.1 s.
 */
import type { AwsProfile } from '../aws/credentials';
import type { ArgumentReader } from './arguments';

export interface AwsTarget {
  profile: string | undefined;
  /** The profile as found in the shared config files, when one was named. */
  found: AwsProfile | undefined;
  region: string | undefined;
}

export async function awsTarget(args: ArgumentReader): Promise<AwsTarget> {
  const profile = args.optional('profile') ?? (process.env.AWS_PROFILE || undefined);
  const { findAwsProfile } = await import('../aws/credentials');
  const found = profile ? await findAwsProfile(profile) : undefined;
  const region = args.optional('region') ?? (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || found?.region);
  return { profile, found, region };
}
