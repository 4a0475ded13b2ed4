/**
 * An ObjectStore held in memory, with S3's listing semantics (key order, `Delimiter: '/'` folders), for
 * unit tests. It records every list call so tests can assert what was (not) listed, and can serve
 * streams in small chunks to exercise chunk boundaries.
 */
import { Readable } from 'node:stream';
import { MonitoringError } from '../../../src/monitoring/errors';
import type { ObjectInfo, ObjectStore } from '../../../src/monitoring/objectStore';

interface StoredObject {
  body: Uint8Array;
  contentType?: string;
  lastModified: Date;
}

export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  /** Every prefix passed to list(), in call order. */
  readonly listedPrefixes: string[] = [];
  /** Every prefix passed to listFolders(), in call order. */
  readonly listedFolderPrefixes: string[] = [];
  /** getStream() serves bodies in chunks of this many bytes. */
  streamChunkSize = 64 * 1024;

  async get(uri: string): Promise<Uint8Array | undefined> {
    return this.objects.get(uri)?.body;
  }

  async getStream(uri: string): Promise<Readable> {
    const object = this.objects.get(uri);
    if (!object) throw new MonitoringError('NotFound', `No object at ${uri}.`, { resource: uri });
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < object.body.length; i += this.streamChunkSize) chunks.push(object.body.subarray(i, i + this.streamChunkSize));
    return Readable.from(chunks, { objectMode: false });
  }

  async put(uri: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    const bytes = typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'utf8')) : new Uint8Array(body);
    this.objects.set(uri, { body: bytes, contentType, lastModified: new Date() });
  }

  async *list(prefixUri: string): AsyncIterable<ObjectInfo> {
    this.listedPrefixes.push(prefixUri);
    for (const uri of this.sortedUris()) {
      if (!uri.startsWith(prefixUri)) continue;
      const object = this.objects.get(uri);
      if (object) yield { uri, size: object.body.length, lastModified: object.lastModified };
    }
  }

  async listFolders(prefixUri: string): Promise<string[]> {
    this.listedFolderPrefixes.push(prefixUri);
    const folders = new Set<string>();
    for (const uri of this.sortedUris()) {
      if (!uri.startsWith(prefixUri)) continue;
      const slash = uri.indexOf('/', prefixUri.length);
      if (slash >= 0) folders.add(uri.slice(0, slash + 1));
    }
    return [...folders];
  }

  /** Test helpers: the stored text, its content type, and every stored URI. */
  text(uri: string): string | undefined {
    const object = this.objects.get(uri);
    return object && Buffer.from(object.body).toString('utf8');
  }

  contentType(uri: string): string | undefined {
    return this.objects.get(uri)?.contentType;
  }

  uris(): string[] {
    return this.sortedUris();
  }

  private sortedUris(): string[] {
    // S3 lists keys in UTF-8 byte order; compare as bytes, not UTF-16 code units.
    return [...this.objects.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }
}
