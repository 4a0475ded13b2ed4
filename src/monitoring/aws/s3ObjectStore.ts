/**
 * The ObjectStore over Amazon S3: what SageMaker writes (capture, reports, baselines) is read and
 * written through it. Listing is always by prefix and page by page (ListObjectsV2), so a capture root
 * holding months of files is never listed whole by accident.
 */
import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MonitoringError } from '../errors';
import { parseS3Uri, type ObjectInfo, type ObjectStore } from '../objectStore';
import { toMonitoringError, type AwsCallContext } from './errorMapping';

/** How failures are labelled: region, profile and endpoint for the error messages. */
export type S3ErrorContext = Omit<AwsCallContext, 'service' | 'operation' | 'resource'>;

const NO_SUCH_KEY = new Set(['NoSuchKey', 'NotFound']);

export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly context: S3ErrorContext,
  ) {}

  async get(uri: string): Promise<Uint8Array | undefined> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) return new Uint8Array();
      return await out.Body.transformToByteArray();
    } catch (e) {
      if (isNoSuchKey(e)) return undefined;
      throw this.error(e, 'GetObject', uri);
    }
  }

  async getStream(uri: string): Promise<Readable> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      // In Node the SDK's body is an http.IncomingMessage (a Readable) with SDK mix-ins.
      return out.Body as Readable;
    } catch (e) {
      if (isNoSuchKey(e)) throw new MonitoringError('NotFound', `${uri} does not exist.`, { operation: 'GetObject', resource: uri, cause: e });
      throw this.error(e, 'GetObject', uri);
    }
  }

  async put(uri: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    const { bucket, key } = parseS3Uri(uri);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ...(contentType ? { ContentType: contentType } : {}),
        }),
      );
    } catch (e) {
      throw this.error(e, 'PutObject', uri);
    }
  }

  async *list(prefixUri: string): AsyncIterable<ObjectInfo> {
    const { bucket, key: prefix } = parseS3Uri(prefixUri);
    let token: string | undefined;
    do {
      const page = await this.listPage({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }, prefixUri);
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { uri: `s3://${bucket}/${object.Key}`, size: object.Size ?? 0, lastModified: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async listFolders(prefixUri: string): Promise<string[]> {
    const { bucket, key } = parseS3Uri(prefixUri);
    const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.listPage({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }, prefixUri);
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(`s3://${bucket}/${common.Prefix}`);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return folders;
  }

  private async listPage(input: ConstructorParameters<typeof ListObjectsV2Command>[0], uri: string) {
    try {
      return await this.client.send(new ListObjectsV2Command(input));
    } catch (e) {
      throw this.error(e, 'ListObjectsV2', uri);
    }
  }

  private error(e: unknown, operation: string, resource: string): MonitoringError {
    return toMonitoringError(e, { ...this.context, service: 'S3', operation, resource });
  }
}

function isNoSuchKey(e: unknown): boolean {
  return NO_SUCH_KEY.has((e as { name?: string }).name ?? '');
}
