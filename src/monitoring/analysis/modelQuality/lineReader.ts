/**
 * Streams a text file line by line (LF or CRLF), telling the caller how many bytes have been read.
 * A line is handed on as a string only once its end is found, and one longer than the limit fails as
 * soon as that many bytes of it have arrived, so memory stays bounded on any line.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { MonitoringError } from '../../errors';
import { CAPTURE_LINE, lineTooLong, type LineLimit } from '../../formats/inputLimits';

const NEWLINE = 0x0a;

/** Where input files' bytes come from: the local disk by default, or an object store (S3 URIs as paths). */
export interface ByteSource {
  open(path: string): Promise<Readable>;
  size(path: string): Promise<number>;
}

export const LOCAL_FILES: ByteSource = {
  open: async (path) => createReadStream(path, { highWaterMark: 1 << 20 }),
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
  limit: LineLimit = CAPTURE_LINE,
  source: ByteSource = LOCAL_FILES,
): Promise<void> {
  let stream: Readable;
  try {
    stream = await source.open(path);
  } catch (e) {
    throw asFileError(e, path);
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  const tooLong = (length?: number) => new MonitoringError('BadData', `${path}:${lineNumber}: ${lineTooLong(limit, length)}.`, { resource: path });
  const emit = (bytes: Buffer): void => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    if (end > limit.bytes) throw tooLong(end);
    const text = bytes.toString('utf8', 0, end);
    visit(lineNumber === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, lineNumber);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk.length);
      let start = 0;
      for (let newline = chunk.indexOf(NEWLINE, start); newline >= 0; newline = chunk.indexOf(NEWLINE, start)) {
        lineNumber++;
        if (pendingBytes + (newline - start) > limit.bytes + 1) throw tooLong(pendingBytes + (newline - start));
        const piece = chunk.subarray(start, newline);
        const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        emit(bytes);
        start = newline + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > limit.bytes + 1) {
          lineNumber++;
          throw tooLong();
        }
      }
    }
    if (pendingBytes > 0) {
      lineNumber++;
      emit(Buffer.concat(pending));
    }
  } catch (e) {
    throw asFileError(e, path);
  } finally {
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
