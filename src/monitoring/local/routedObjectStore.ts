/**
 * One ObjectStore over two: the buckets named here are kept on this machine (a local folder laid out
 * like S3), every other bucket is the real one. Monitors that run on this machine for an AWS endpoint
 * read capture from S3 and write their reports either back to S3 or, when the user prefers, only
 * locally, under the reserved bucket name.
 */
import type { Readable } from 'node:stream';
import { parseS3Uri, type ObjectInfo, type ObjectStore } from '../objectStore';

/** The bucket name that means "on this machine": reports kept out of S3. */
export const THIS_MACHINE_BUCKET = 'this-machine';

export class RoutedObjectStore implements ObjectStore {
  constructor(
    private readonly local: ObjectStore,
    private readonly remote: ObjectStore,
    private readonly localBuckets: ReadonlySet<string> = new Set([THIS_MACHINE_BUCKET]),
  ) {}

  private route(uri: string): ObjectStore {
    let bucket = '';
    try {
      bucket = parseS3Uri(uri).bucket;
    } catch {
      // Not an S3 URI: the remote store names the problem.
    }
    return this.localBuckets.has(bucket) ? this.local : this.remote;
  }

  get(uri: string): Promise<Uint8Array | undefined> {
    return this.route(uri).get(uri);
  }

  getStream(uri: string): Promise<Readable> {
    return this.route(uri).getStream(uri);
  }

  put(uri: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    return this.route(uri).put(uri, body, contentType);
  }

  list(prefixUri: string): AsyncIterable<ObjectInfo> {
    return this.route(prefixUri).list(prefixUri);
  }

  listFolders(prefixUri: string): Promise<string[]> {
    return this.route(prefixUri).listFolders(prefixUri);
  }
}
