/**
 * One place that builds the SDK clients, so every call shares the same retry policy, user agent,
 * timeouts and logging, and a client is made once per (profile, region, endpoint) and reused — each
 * client keeps its own connection pool and credential cache.
 */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import { credentialsFor, type AwsCredentialIdentityProvider } from './credentials';
import { DelayHookRetryStrategy, type RetryDelay } from './retryPolicy';
import { silentLogger, type Logger } from '../logger';

export interface RetrySettings {
  /** `standard` (default) or `adaptive` (the SDK's client-side rate limiting on throttling). */
  mode?: 'standard' | 'adaptive';
  /** Attempts in all, first call included (default 3, as the SDK). */
  maxAttempts?: number;
  /**
   * Back-off before each retry. When given, it replaces the SDK's own back-off (and with it adaptive
   * mode's rate limiter): tests pass a few milliseconds so that retries stay fast.
   */
  delay?: RetryDelay;
}

export interface AwsClientFactoryOptions {
  /** The extension's version, sent as `sagemaker-model-monitor-vscode/<version>` in the user agent. */
  extensionVersion: string;
  retry?: RetrySettings;
  /** Diagnostics (operation, region, attempts, request id); never inputs or credentials. */
  logger?: Logger;
  /** Credentials for a profile; default: the shared files through the SDK (`credentialsFor`). */
  credentials?: (profile: string | undefined) => AwsCredentialIdentityProvider;
  /** Time allowed to open a connection (default 5 s) and to wait for a response (default 60 s). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Which account/region a client talks to, and (for tests, or VPC endpoints) a URL replacing AWS's. */
export interface AwsTarget {
  profile?: string;
  region: string;
  endpointOverrides?: { sagemaker?: string; s3?: string };
}

export const USER_AGENT_NAME = 'sagemaker-model-monitor-vscode';

type Service = 'sagemaker' | 's3';

export class AwsClientFactory {
  private readonly sageMakerClients = new Map<string, SageMakerClient>();
  private readonly s3Clients = new Map<string, S3Client>();
  private readonly logger: Logger;

  constructor(private readonly options: AwsClientFactoryOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  sageMaker(target: AwsTarget): SageMakerClient {
    const key = cacheKey(target, 'sagemaker');
    let client = this.sageMakerClients.get(key);
    if (!client) {
      client = new SageMakerClient({ ...this.commonConfig(target, 'sagemaker') });
      client.middlewareStack.add((next, context) => (args) => this.logged('SageMaker', target, context.commandName ?? 'UnknownOperation', () => next(args)), {
        step: 'initialize',
        name: 'modelMonitorCallLog',
      });
      this.sageMakerClients.set(key, client);
    }
    return client;
  }

  s3(target: AwsTarget): S3Client {
    const key = cacheKey(target, 's3');
    let client = this.s3Clients.get(key);
    if (!client) {
      client = new S3Client({ ...this.commonConfig(target, 's3'), forcePathStyle: target.endpointOverrides?.s3 !== undefined });
      client.middlewareStack.add((next, context) => (args) => this.logged('S3', target, context.commandName ?? 'UnknownOperation', () => next(args)), {
        step: 'initialize',
        name: 'modelMonitorCallLog',
      });
      this.s3Clients.set(key, client);
    }
    return client;
  }

  /** Closes every client's connections. */
  dispose(): void {
    for (const c of this.sageMakerClients.values()) c.destroy();
    for (const c of this.s3Clients.values()) c.destroy();
    this.sageMakerClients.clear();
    this.s3Clients.clear();
  }

  private commonConfig(target: AwsTarget, service: Service) {
    const retry = this.options.retry ?? {};
    const maxAttempts = retry.maxAttempts ?? 3;
    const endpoint = target.endpointOverrides?.[service];
    return {
      region: target.region,
      credentials: (this.options.credentials ?? credentialsFor)(target.profile),
      customUserAgent: [[USER_AGENT_NAME, this.options.extensionVersion]] as [string, string][],
      maxAttempts,
      ...(retry.delay
        ? { retryStrategy: new DelayHookRetryStrategy(maxAttempts, retry.delay) }
        : { retryMode: retry.mode ?? 'standard' }),
      requestHandler: {
        connectionTimeout: this.options.connectionTimeoutMs ?? 5_000,
        requestTimeout: this.options.requestTimeoutMs ?? 60_000,
      },
      ...(endpoint ? { endpoint } : {}),
    };
  }

  /** Logs each operation's outcome: name, region, attempts, duration and request id — never inputs or credentials. */
  private async logged<R extends { output: { $metadata: { attempts?: number; requestId?: string } } }>(
    service: string,
    target: AwsTarget,
    operation: string,
    run: () => Promise<R>,
  ): Promise<R> {
    const started = Date.now();
    const where = `${target.profile ?? 'env'}@${target.region}`;
    try {
      const result = await run();
      const meta = result.output.$metadata;
      this.logger.debug(`${service}.${operation} ${where} ok in ${Date.now() - started} ms (attempts ${meta.attempts ?? 1}, request ${meta.requestId ?? '-'})`);
      return result;
    } catch (e) {
      const err = e as { name?: string; $metadata?: { attempts?: number; requestId?: string; httpStatusCode?: number } };
      this.logger.warn(
        `${service}.${operation} ${where} failed in ${Date.now() - started} ms: ${err.name ?? 'Error'}` +
          ` (HTTP ${err.$metadata?.httpStatusCode ?? '-'}, attempts ${err.$metadata?.attempts ?? 1}, request ${err.$metadata?.requestId ?? '-'})`,
      );
      throw e;
    }
  }
}

function cacheKey(target: AwsTarget, service: Service): string {
  return JSON.stringify([target.profile ?? null, target.region, target.endpointOverrides?.[service] ?? null]);
}
