/**
 * The AWS Regions that offer SageMaker, for the region picker, and which one a connection uses. The
 * list is a convenience: a region that is not on it can still be typed.
 */

export interface AwsRegion {
  code: string;
  name: string;
}

export const SAGEMAKER_REGIONS: readonly AwsRegion[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-east-2', name: 'US East (Ohio)' },
  { code: 'us-west-1', name: 'US West (N. California)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'af-south-1', name: 'Africa (Cape Town)' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { code: 'ca-central-1', name: 'Canada (Central)' },
  { code: 'ca-west-1', name: 'Canada West (Calgary)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-central-2', name: 'Europe (Zurich)' },
  { code: 'eu-west-1', name: 'Europe (Ireland)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'eu-west-3', name: 'Europe (Paris)' },
  { code: 'eu-south-1', name: 'Europe (Milan)' },
  { code: 'eu-south-2', name: 'Europe (Spain)' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)' },
  { code: 'me-central-1', name: 'Middle East (UAE)' },
  { code: 'mx-central-1', name: 'Mexico (Central)' },
  { code: 'sa-east-1', name: 'South America (São Paulo)' },
  { code: 'cn-north-1', name: 'China (Beijing)' },
  { code: 'cn-northwest-1', name: 'China (Ningxia)' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
];

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const DEFAULT_REGION = 'us-east-1';

/**
 * The region of a connection: the one it names, else its profile's own (what the AWS CLI uses for that
 * profile), else the environment's, else us-east-1 (the AWS Toolkit's default).
 */
export function connectionRegion(
  setting: { region?: string },
  profileRegion: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  return setting.region || profileRegion || env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
}

/** The regions to offer, the preferred one first. */
export function regionChoices(preferred: string | undefined): AwsRegion[] {
  const known = SAGEMAKER_REGIONS.find((r) => r.code === preferred);
  const first = known ?? (preferred ? { code: preferred, name: 'the profile’s region' } : undefined);
  return first ? [first, ...SAGEMAKER_REGIONS.filter((r) => r.code !== first.code)] : [...SAGEMAKER_REGIONS];
}

/**
 * Why an endpoint URL is refused, or undefined when it is acceptable: SigV4 requests carry the user's
 * credentials, so only https, or plain http to this machine (an emulator), is allowed.
 */
export function endpointUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === 'https:') return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  if (parsed.protocol === 'http:' && loopback) return undefined;
  return `"${url}" is neither https nor on this machine (http://127.0.0.1, http://localhost): requests signed with your AWS credentials are only sent there`;
}
