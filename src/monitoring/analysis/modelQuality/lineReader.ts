/** Streams a text file line by line (LF or CRLF), telling the caller how many bytes have been read. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { MonitoringError } from '../../errors';

/** Where input files' bytes come from: the local disk by default, or an object store (S3 URIs as paths). */
export interface ByteSource {
  open(path: string): Promise<Readable>;
  size(path: string): Promise<number>;
}

export const LOCAL_FILES: ByteSource = {
  open: async (path) => createReadStream(path),
  async size(path) {
    const info = await stat(path);
    if (!info.isFile()) throw new MonitoringError('BadData', `${path} is not a file.`, { resource: path });
    return info.size;
  },
};

/** `visit` gets each line (without terminator, BOM removed) and its 1-based number. */
export async function forEachLine(
  path: string,
  visit: (line: string, lineNumber: number) => void,
  onBytes?: (bytes: number) => void,
  source: ByteSource = LOCAL_FILES,
): Promise<void> {
  let stream: Readable;
  try {
    stream = await source.open(path);
  } catch (e) {
    throw asFileError(e, path);
  }
  if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      visit(lineNumber === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, lineNumber);
    }
  } catch (e) {
    throw asFileError(e, path);
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Sizes of the files (for progress), failing clearly on one that cannot be read. */
export async function totalSize(paths: readonly string[], source: ByteSource = LOCAL_FILES): Promise<number> {
  let total = 0;
  for (const path of paths) {
    try {
      total += await source.size(path);
    } catch (e) {
      throw asFileError(e, path);
    }
  }
  return total;
}

function asFileError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new MonitoringError('NotFound', `${path}: no such file.`, { resource: path, cause: e });
  if (code === 'EACCES' || code === 'EPERM') return new MonitoringError('AccessDenied', `${path}: permission denied.`, { resource: path, cause: e });
  if (code === 'EISDIR') return new MonitoringError('BadData', `${path} is a folder, not a file.`, { resource: path, cause: e });
  return e;
}
