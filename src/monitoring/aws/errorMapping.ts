/**
 * Turns what the AWS SDK throws into a MonitoringError whose message tells the user what to do next
 * (log in, ask for a permission, pick another name, fix a field, retry later, check the network).
 * The original error, the operation, the resource and the request id are always kept.
 */
import { MonitoringError, type MonitoringErrorKind } from '../errors';
import { FormatError } from '../formats/formatError';
import type { AwsProfileKind } from './credentials';

/** What was being done when the error happened: everything the message needs to be actionable. */
export interface AwsCallContext {
  service: 'SageMaker' | 'S3';
  /** The API operation, e.g. `CreateMonitoringSchedule`, `GetObject`. */
  operation: string;
  /** The resource's name or S3 URI. */
  resource?: string;
  region: string;
  /** An endpoint override; otherwise AWS's regional endpoint is named. */
  endpoint?: string;
  profile?: string;
  profileKind?: AwsProfileKind;
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string; attempts?: number };
  $retryable?: { throttling?: boolean };
  errors?: unknown[];
}

const CLOSED_TO_NEW_CUSTOMERS = /(?:no longer|not)\s+(?:open|available)\s+to\s+new\s+customers|closed\s+to\s+new\s+customers/i;
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden', 'AllAccessDisabled']);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'InvalidToken',
]);
const PROVIDER_FAILURES = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);
const NOT_FOUND = new Set(['ResourceNotFound', 'ResourceNotFoundException', 'NoSuchKey', 'NoSuchBucket', 'NotFound']);
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
]);
const VALIDATION = new Set(['ValidationException', 'ValidationError', 'InvalidParameterValue', 'InvalidParameterException', 'InvalidArgument', 'InvalidBucketName', 'InvalidRequest']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const NETWORK_NAMES = new Set(['TimeoutError', 'NetworkingError', 'RequestTimeoutError']);

/** The IAM action an operation needs (S3's list permission is named after the bucket, not the call). */
function iamAction(ctx: AwsCallContext): string {
  if (ctx.service === 'S3') {
    if (ctx.operation === 'ListObjectsV2') return 's3:ListBucket';
    return `s3:${ctx.operation.replace(/^Head/, 'Get')}`;
  }
  return `sagemaker:${ctx.operation}`;
}

function awsEndpoint(ctx: AwsCallContext): string {
  if (ctx.endpoint) return ctx.endpoint;
  const domain = ctx.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return ctx.service === 'S3' ? `https://s3.${ctx.region}.${domain}` : `https://api.sagemaker.${ctx.region}.${domain}`;
}

function networkCode(e: SdkErrorLike): string | undefined {
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  // Node's happy-eyeballs connect reports an AggregateError whose parts carry the codes.
  for (const inner of e.errors ?? []) {
    const code = (inner as SdkErrorLike).code;
    if (code && NETWORK_CODES.has(code)) return code;
  }
  return undefined;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection closed while sending',
  ECONNABORTED: 'the connection was aborted',
};

/** `'monitoringScheduleName'` in SageMaker's "Value '…' at 'x' failed to satisfy constraint", or a named field. */
export function validationField(message: string): string | undefined {
  const at = /\bat '([^']+)'/.exec(message);
  if (at) return at[1];
  const named = /\b(?:parameter|field|member)\s+['"`]?([A-Za-z][\w.[\]]*)['"`]?/i.exec(message);
  return named?.[1];
}

function profileLabel(ctx: AwsCallContext): string {
  return ctx.profile ? `profile "${ctx.profile}"` : 'the environment (no profile chosen)';
}

function attemptsNote(e: SdkErrorLike): string {
  const attempts = e.$metadata?.attempts;
  return attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
}

function credentialsMessage(kind: 'CredentialsExpired' | 'CredentialsMissing', e: SdkErrorLike, ctx: AwsCallContext): string {
  const sso = ctx.profileKind === 'sso' || /\bsso\b/i.test(e.message ?? '');
  if (sso && ctx.profile) {
    const what = kind === 'CredentialsExpired' ? 'has expired' : 'is not logged in';
    return `The AWS SSO session of profile "${ctx.profile}" ${what}. Run \`aws sso login --profile ${ctx.profile}\` and try again.`;
  }
  if (kind === 'CredentialsExpired') {
    return `The AWS credentials of ${profileLabel(ctx)} have expired. Refresh them (run \`aws configure${ctx.profile ? ` --profile ${ctx.profile}` : ''}\` or the tool that issued them) and try again.`;
  }
  const how = ctx.profile
    ? `configure credentials for it (\`aws configure --profile ${ctx.profile}\`, or \`aws configure sso\`)`
    : 'configure credentials: choose an AWS profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  return `No valid AWS credentials for ${profileLabel(ctx)} (${e.message ?? e.name}). To use ${ctx.service} in ${ctx.region}, ${how}.`;
}

function classify(e: SdkErrorLike, ctx: AwsCallContext): { kind: MonitoringErrorKind; message: string } {
  const name = e.name ?? '';
  const text = e.message ?? '';
  const what = ctx.resource ? ` ${ctx.resource}` : '';
  const isAccessDenied = ACCESS_DENIED.has(name) || (e.$metadata?.httpStatusCode === 403 && !EXPIRED.has(name) && !BAD_CREDENTIALS.has(name) && !THROTTLING.has(name));

  if ((isAccessDenied || VALIDATION.has(name)) && CLOSED_TO_NEW_CUSTOMERS.test(text)) {
    return {
      kind: 'ServiceClosed',
      message:
        `SageMaker refused ${ctx.operation}${what}: Model Monitor is not available to new customers in this account (${text}). ` +
        'Existing monitors keep working; to analyse captured data, run the analysis locally (a local connection runs the same analyzer on your machine).',
    };
  }
  if (EXPIRED.has(name) || (PROVIDER_FAILURES.has(name) && /expired|refresh/i.test(text))) {
    return { kind: 'CredentialsExpired', message: credentialsMessage('CredentialsExpired', e, ctx) };
  }
  if (BAD_CREDENTIALS.has(name) || PROVIDER_FAILURES.has(name)) {
    return { kind: 'CredentialsMissing', message: credentialsMessage('CredentialsMissing', e, ctx) };
  }
  if (isAccessDenied) {
    const said = /not authorized to perform:?\s*(\S+?)(?:\s+on resource:?\s*(\S+?))?(?:\s+because|[.]?$|\s)/i.exec(text);
    const action = said?.[1] ?? iamAction(ctx);
    const resource = said?.[2] ?? ctx.resource ?? 'the resource';
    return {
      kind: 'AccessDenied',
      message: `Access denied: ${profileLabel(ctx)} may not perform ${action} on ${resource}. Ask your AWS administrator to allow ${action} for this identity, or use a profile that has it.`,
    };
  }
  if (NOT_FOUND.has(name) || (VALIDATION.has(name) && /could not find|does not exist|not found/i.test(text))) {
    return {
      kind: 'NotFound',
      message: `${ctx.service} found no${what || ' such resource'} in ${ctx.region} (${ctx.operation}: ${text || name}). It may have been deleted, or it lives in another region or account.`,
    };
  }
  if (name === 'ResourceInUse' || name === 'ResourceInUseException' || name === 'BucketAlreadyExists' || name === 'ConflictException') {
    return {
      kind: 'InUse',
      message: `${ctx.operation}${what}: ${text || 'the resource is in use'}. Choose another name, or wait for the operation in progress to finish and try again.`,
    };
  }
  if (name === 'ResourceLimitExceeded' || name === 'ServiceQuotaExceededException' || name === 'LimitExceededException') {
    return {
      kind: 'LimitExceeded',
      message: `${ctx.operation}${what} hit a SageMaker limit in ${ctx.region}: ${text}. Delete resources you no longer use, or request a higher quota in Service Quotas.`,
    };
  }
  if (VALIDATION.has(name)) {
    const field = validationField(text);
    return {
      kind: 'Validation',
      message: `${ctx.service} rejected ${ctx.operation}${what}${field ? ` — field ${field}` : ''}: ${text || name}. Correct ${field ? 'that field' : 'the request'} and try again.`,
    };
  }
  if (THROTTLING.has(name) || e.$retryable?.throttling) {
    return {
      kind: 'Throttled',
      message: `${ctx.service} is throttling ${ctx.operation} in ${ctx.region}; still throttled${attemptsNote(e)}. Wait a minute and try again, or refresh fewer things at once.`,
    };
  }
  const code = networkCode(e);
  if (code || NETWORK_NAMES.has(name)) {
    const reason = code ? NETWORK_WORDS[code] : 'the request timed out';
    return {
      kind: 'Network',
      message: `Cannot reach ${ctx.service} at ${awsEndpoint(ctx)} (region ${ctx.region}): ${reason}${attemptsNote(e)}. Check your network, proxy or VPN, and that the region is right.`,
    };
  }
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return {
      kind: 'Unknown',
      message: `${ctx.service} failed internally on ${ctx.operation}${what} (HTTP ${status ?? '5xx'} ${name})${attemptsNote(e)}: ${text}. This is on AWS's side; try again later.`,
    };
  }
  return { kind: 'Unknown', message: `${ctx.operation}${what} failed: ${name || 'Error'}: ${text}` };
}

/** The MonitoringError for an SDK failure (a MonitoringError passes through unchanged). */
export function toMonitoringError(error: unknown, ctx: AwsCallContext): MonitoringError {
  if (error instanceof MonitoringError) return error;
  const details = {
    operation: ctx.operation,
    ...(ctx.resource !== undefined ? { resource: ctx.resource } : {}),
    cause: error,
  };
  if (error instanceof FormatError) return new MonitoringError('BadData', error.message, details);
  const e: SdkErrorLike = typeof error === 'object' && error !== null ? (error as SdkErrorLike) : { message: String(error) };
  const requestId = e.$metadata?.requestId;
  const { kind, message } = classify(e, ctx);
  return new MonitoringError(kind, requestId ? `${message} (request id ${requestId})` : message, { ...details, ...(requestId ? { requestId } : {}) });
}
