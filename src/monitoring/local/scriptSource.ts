/**
 * A user script a job definition names (SageMaker's `RecordPreprocessorSourceUri`), as a file our
 * analyzer can run: an `s3://` object is copied into a private temp folder for the run and deleted
 * afterwards; a path on this machine (or a `file://` URI) is run where it is.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { MonitoringError } from '../errors';
import type { ObjectStore } from '../objectStore';

export async function withScriptFile<T>(store: ObjectStore, uri: string, work: (path: string) => Promise<T>): Promise<T> {
  if (uri.startsWith('file://')) return work(fileURLToPath(uri));
  if (!uri.startsWith('s3://')) {
    if (!isAbsolute(uri)) throw new MonitoringError('Validation', `The record preprocessor ${uri} is neither an s3:// URI nor an absolute path on this machine.`, { resource: uri });
    return work(uri);
  }
  const folder = await mkdtemp(join(tmpdir(), 'model-monitor-script-'));
  try {
    const path = join(folder, basename(uri) || 'preprocessor.py');
    try {
      await pipeline(await store.getStream(uri), createWriteStream(path));
    } catch (e) {
      if (e instanceof MonitoringError) throw e;
      throw new MonitoringError('Network', `The record preprocessor ${uri} could not be read: ${e instanceof Error ? e.message : String(e)}`, { resource: uri, cause: e });
    }
    return await work(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
