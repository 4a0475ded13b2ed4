/**
 * Links into the SageMaker console for a resource, taken from its ARN so that the partition (aws,
 * aws-cn, aws-us-gov) and the region are the resource's own, whatever the connection's settings say.
 */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resourceType: string;
  resourceName: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<type>/<name>`, or undefined for anything else. */
export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, partition, service, region, account, resourceType, resourceName] = m;
  return { partition, service, region, account, resourceType, resourceName };
}

const CONSOLE_DOMAINS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** The console pages of the resource types the explorer shows. */
const CONSOLE_PAGES: Record<string, string> = {
  endpoint: 'endpoints',
  'monitoring-schedule': 'monitoring-schedules',
};

/**
 * The console URL of an endpoint or monitoring schedule. ARNs lower-case resource names, so the
 * resource's own name (as the API spells it) is passed separately. Undefined when the ARN is not a
 * SageMaker one of those types, or its partition has no public console (ISO regions).
 */
export function consoleUrl(arn: string, name: string): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'sagemaker' || !parsed.region) return undefined;
  const domain = CONSOLE_DOMAINS[parsed.partition];
  const page = CONSOLE_PAGES[parsed.resourceType];
  if (!domain || !page) return undefined;
  const region = encodeURIComponent(parsed.region);
  return `https://${region}.${domain}/sagemaker/home?region=${region}#/${page}/${encodeURIComponent(name)}`;
}
