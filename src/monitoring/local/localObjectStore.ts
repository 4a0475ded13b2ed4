/**
 * The ObjectStore of a local workspace: `s3://bucket/key` ↔ `<root>/s3/bucket/key`. Writes are atomic
 * (temp file + rename), listings come back in S3 key order (UTF-8 byte order of the whole key, which is
 * not the order of a directory walk: `a-b` sorts before `a/b`), and there is deliberately no delete:
 * captured data and ground truth are only ever added (`putNew` refuses to replace an object).
 */
import { createReadStream } from 'node:fs';
import { link, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MonitoringError } from '../errors';
import { assertWithin, readFileWithin, writeFileAtomic } from '../fsAtomic';
import type { ObjectInfo, ObjectStore } from '../objectStore';
import { parseS3Uri } from '../objectStore';
import { WorkspaceLayout } from './workspaceLayout';

/** Temp files of fsAtomic and lock files of LocalStore are not objects. */
function isHiddenWorkFile(name: string): boolean {
  return name.startsWith('.') && (name.endsWith('.tmp') || name.endsWith('.lock'));
}

const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export class LocalObjectStore implements ObjectStore {
  private readonly layout: WorkspaceLayout;

  constructor(root: string) {
    this.layout = new WorkspaceLayout(root);
  }

  /** The file behind an S3 URI (for analyzers that read local files). */
  localPath(uri: string): string {
    try {
      return this.layout.objectFile(uri);
    } catch (e) {
      throw new MonitoringError('Validation', (e as Error).message, { resource: uri, cause: e });
    }
  }

  async get(uri: string): Promise<Uint8Array | undefined> {
    try {
      return await readFileWithin(this.layout.root, this.localPath(uri));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
      throw ioError('read', uri, e);
    }
  }

  async getStream(uri: string): Promise<Readable> {
    const path = this.localPath(uri);
    await assertWithin(this.layout.root, path);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new MonitoringError('NotFound', `No object at ${uri} (looked for ${path})`, { resource: uri });
    return createReadStream(path);
  }

  async put(uri: string, body: Uint8Array | string): Promise<void> {
    try {
      await writeFileAtomic(this.localPath(uri), body, { within: this.layout.root });
    } catch (e) {
      throw ioError('write', uri, e);
    }
  }

  /**
   * Writes a new object; returns false and leaves the existing one untouched when the key is taken.
   * The object appears complete or not at all (temp file, then a hard link that fails if the name exists).
   */
  async putNew(uri: string, body: Uint8Array | string): Promise<boolean> {
    const path = this.localPath(uri);
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFileAtomic(temp, body, { within: this.layout.root });
      await link(temp, path);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw ioError('write', uri, e);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async *list(prefixUri: string): AsyncIterable<ObjectInfo> {
    const { bucket, dir, partial, dirKey } = this.splitPrefix(prefixUri);
    await assertWithin(this.layout.root, dir).catch((e: unknown) => {
      throw ioError('list', prefixUri, e);
    });
    const found: { key: string; path: string }[] = [];
    const walk = async (path: string, keyPrefix: string, filter?: string): Promise<void> => {
      const entries = await readdir(path, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [];
        throw ioError('list', prefixUri, e);
      });
      for (const entry of entries) {
        if (filter !== undefined && !entry.name.startsWith(filter)) continue;
        if (isHiddenWorkFile(entry.name)) continue;
        const child = join(path, entry.name);
        if (entry.isDirectory()) await walk(child, `${keyPrefix}${entry.name}/`);
        else if (entry.isFile()) found.push({ key: `${keyPrefix}${entry.name}`, path: child });
      }
    };
    await walk(dir, dirKey, partial);
    found.sort((a, b) => compareKeys(a.key, b.key));
    for (const { key, path } of found) {
      const info = await stat(path).catch(() => undefined);
      if (!info) continue; // vanished between the walk and now
      yield { uri: `s3://${bucket}/${key}`, size: info.size, lastModified: info.mtime };
    }
  }

  async listFolders(prefixUri: string): Promise<string[]> {
    const { bucket, dir, partial, dirKey } = this.splitPrefix(prefixUri);
    await assertWithin(this.layout.root, dir).catch((e: unknown) => {
      throw ioError('list', prefixUri, e);
    });
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [];
      throw ioError('list', prefixUri, e);
    });
    const folders: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || (partial !== undefined && !entry.name.startsWith(partial))) continue;
      // S3 has no empty folders: a prefix exists only while an object lives below it.
      if (await containsObject(join(dir, entry.name))) folders.push(`${dirKey}${entry.name}/`);
    }
    return folders.sort(compareKeys).map((key) => `s3://${bucket}/${key}`);
  }

  /** `s3://b/a/c` → folder `a/` and name filter `c`; `s3://b/a/` → folder `a/`, no filter. */
  private splitPrefix(prefixUri: string): { bucket: string; dir: string; partial?: string; dirKey: string } {
    let location;
    try {
      location = parseS3Uri(prefixUri);
    } catch (e) {
      throw new MonitoringError('Validation', (e as Error).message, { resource: prefixUri });
    }
    const { bucket, key } = location;
    const slash = key.lastIndexOf('/');
    const dirKey = slash >= 0 ? key.slice(0, slash + 1) : '';
    const partial = key.slice(slash + 1);
    const dir = dirKey ? this.localPath(`s3://${bucket}/${dirKey}`) : this.localPath(`s3://${bucket}`);
    return { bucket, dir, dirKey, ...(partial ? { partial } : {}) };
  }
}

async function containsObject(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (isHiddenWorkFile(entry.name)) continue;
    if (entry.isFile()) return true;
    if (entry.isDirectory() && (await containsObject(join(dir, entry.name)))) return true;
  }
  return false;
}

function ioError(action: 'read' | 'write' | 'list', uri: string, cause: unknown): MonitoringError {
  const code = (cause as NodeJS.ErrnoException).code;
  if (cause instanceof MonitoringError) return cause;
  const kind = code === 'EACCES' || code === 'EPERM' ? 'AccessDenied' : 'Unknown';
  return new MonitoringError(kind, `Could not ${action} ${uri} in the local workspace: ${(cause as Error).message}`, { resource: uri, cause });
}

