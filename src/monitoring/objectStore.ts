/**
 * Object storage addressed by `s3://bucket/key` URIs: S3 itself for the AWS backend, a folder laid
 * out like S3 for the local backend. Everything that reads or writes SageMaker's files goes through it.
 */
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  uri: string;
  size: number;
  lastModified: Date;
}

export interface ObjectStore {
  /** The object's bytes, or undefined when it does not exist. */
  get(uri: string): Promise<Uint8Array | undefined>;
  /** A stream of the object's bytes; throws a NotFound MonitoringError when it does not exist. */
  getStream(uri: string): Promise<Readable>;
  /** Writes the whole object at once (atomically on a local disk). */
  put(uri: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  /** Every object under a prefix, in S3 key order, page by page. */
  list(prefixUri: string): AsyncIterable<ObjectInfo>;
  /** The immediate "folders" under a prefix (S3 `Delimiter: '/'`), as prefix URIs ending in `/`. */
  listFolders(prefixUri: string): Promise<string[]>;
}

export interface S3Location {
  bucket: string;
  key: string;
}

const S3_URI = /^s3:\/\/([^/]+)\/?(.*)$/;

export function parseS3Uri(uri: string): S3Location {
  const m = S3_URI.exec(uri);
  if (!m) throw new Error(`Not an S3 URI: ${uri} (expected s3://bucket/key)`);
  return { bucket: m[1], key: m[2] };
}

/** Joins URI parts with single slashes (a trailing slash on a capture root otherwise yields `//`, spec §1.3). */
export function joinUri(base: string, ...parts: string[]): string {
  let out = base.replace(/\/+$/, '');
  for (const p of parts) {
    const clean = p.replace(/^\/+|\/+$/g, '');
    if (clean) out += `/${clean}`;
  }
  return out;
}

/** The `yyyy/mm/dd/HH` folder of a UTC hour, as SageMaker lays out capture, ground truth and reports. */
export function hourPath(t: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())}/${p(t.getUTCHours())}`;
}

/** Every UTC hour that overlaps [start, end), oldest first. */
export function hoursBetween(start: Date, end: Date): Date[] {
  const hours: Date[] = [];
  const first = new Date(start);
  first.setUTCMinutes(0, 0, 0);
  for (let t = first.getTime(); t < end.getTime(); t += 3_600_000) hours.push(new Date(t));
  return hours;
}
