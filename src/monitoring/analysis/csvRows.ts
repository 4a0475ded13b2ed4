/**
 * Streaming CSV at the byte level: lines are read with `readSync` into one reused buffer (no
 * `readline`, no decoding of whole chunks), and each line is split into cells handed on as byte
 * ranges, so numeric cells never become strings.
 *
 * Records are lines, as in Spark's CSV reader without `multiLine`: a quoted cell may hold commas and
 * doubled quotes ("") but not a line break, which is also what lets a large file be split at line
 * boundaries. CRLF and LF endings are both accepted; a UTF-8 byte order mark is skipped; blank lines
 * (empty, or only spaces and control characters: Java's `trim` is empty) are skipped, as Spark does.
 * No line may be longer than its LineLimit, and no record wider than MAX_COLUMNS: both are refused
 * before anything proportional to them is built.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { FormatError } from '../formats/formatError';
import { DATASET_LINE, MAX_COLUMNS, lineTooLong, tooManyColumns, type LineLimit } from '../formats/inputLimits';

/** Receives the cells of one record; `start === end` is an empty (missing) cell. */
export interface CellTarget {
  cell(index: number, bytes: Buffer, start: number, end: number): void;
}

export class CsvSyntaxError extends Error {}

const COMMA = 0x2c;
const QUOTE = 0x22;
let scratch = Buffer.allocUnsafe(1024);

/** Counts the cells past a record's limit without keeping them. */
const DISCARD: CellTarget = { cell: () => undefined };

/**
 * Splits the record `bytes[start, end)` (no line terminator) into cells, numbered from `firstIndex`,
 * and returns how many cells it had. Quoted cells are unquoted into a scratch buffer first. Cells
 * numbered `limit` or more are counted but not handed on, so a record far wider than expected costs
 * no memory; the caller compares the count with what it expects.
 */
export function splitCsvLine(bytes: Buffer, start: number, end: number, firstIndex: number, target: CellTarget, limit = MAX_COLUMNS): number {
  let index = firstIndex;
  let cellStart = start;
  while (true) {
    if (index === limit) target = DISCARD;
    if (cellStart < end && bytes[cellStart] === QUOTE) {
      cellStart = unquoteCell(bytes, cellStart, end, index, target);
    } else {
      // Cells are short: a byte loop beats a native indexOf call per cell.
      let cellEnd = cellStart;
      while (cellEnd < end && bytes[cellEnd] !== COMMA) cellEnd++;
      target.cell(index, bytes, cellStart, cellEnd);
      cellStart = cellEnd;
    }
    index++;
    if (cellStart >= end) return index - firstIndex;
    cellStart++; // past the comma
    if (cellStart === end) {
      // A trailing comma ends the record with one more, empty, cell.
      if (index < limit) target.cell(index, bytes, end, end);
      return index + 1 - firstIndex;
    }
  }
}

/** Unquotes the quoted cell starting at `quoteAt`, emits it, and returns the offset just past it. */
function unquoteCell(bytes: Buffer, quoteAt: number, end: number, index: number, target: CellTarget): number {
  let length = 0;
  let i = quoteAt + 1;
  while (true) {
    const closing = bytes.indexOf(QUOTE, i);
    if (closing < 0 || closing >= end) throw new CsvSyntaxError('a quoted cell is not closed before the end of the line');
    length = appendScratch(bytes, i, closing, length);
    if (closing + 1 < end && bytes[closing + 1] === QUOTE) {
      length = appendScratch(bytes, closing, closing + 1, length);
      i = closing + 2;
      continue;
    }
    // Anything between the closing quote and the next comma is kept, as lenient CSV readers do.
    let after = bytes.indexOf(COMMA, closing + 1);
    if (after < 0 || after > end) after = end;
    length = appendScratch(bytes, closing + 1, after, length);
    target.cell(index, scratch, 0, length);
    return after;
  }
}

function appendScratch(bytes: Buffer, from: number, to: number, length: number): number {
  const needed = length + (to - from);
  if (needed > scratch.length) {
    const grown = Buffer.allocUnsafe(Math.max(needed, scratch.length * 2));
    scratch.copy(grown, 0, 0, length);
    scratch = grown;
  }
  bytes.copy(scratch, length, from, to);
  return needed;
}

/** How many cells the record `bytes[start, end)` has, without handing any on. */
export function countCsvCells(bytes: Buffer, start: number, end: number): number {
  return splitCsvLine(bytes, start, end, 0, DISCARD, 0);
}

/** Splits a header line into column names (the same quoting rules as data records). */
export function parseHeader(bytes: Buffer, start: number, end: number): string[] {
  const names: string[] = [];
  const count = splitCsvLine(bytes, start, end, 0, { cell: (index, b, s, e) => (names[index] = b.toString('utf8', s, e)) });
  if (count > MAX_COLUMNS) throw new CsvSyntaxError(tooManyColumns(count));
  return names;
}

/**
 * The column names Spark's CSV reader gives a header (`CSVUtils.makeSafeHeader`, case-insensitive as
 * `spark.sql.caseSensitive` is by default): an empty name becomes `_c<index>`, and every occurrence of
 * a repeated name gets its column index appended (`x,x,y` becomes `x0,x1,y`).
 */
export function makeSafeHeader(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
  return names.map((name, index) => {
    if (name === '') return defaultColumnName(index);
    return (seen.get(name.toLowerCase()) ?? 0) > 1 ? `${name}${index}` : name;
  });
}

/** Spark's names for the columns of a CSV read without a header. */
export function defaultColumnName(index: number): string {
  return `_c${index}`;
}

export interface LineVisitor {
  /** One line without its terminator; `offset` is the file offset of its first byte. */
  line(bytes: Buffer, start: number, end: number, offset: number): void;
}

const READ_CHUNK = 128 * 1024;

/**
 * The read buffer, kept between calls: a fresh one per file costs a page fault per 4 KB page on its
 * first read, about 0.4 ms a file on a VM (a 24-file hour of capture: 10 ms of a 0.5 s run). Taken
 * while a call uses it, so a nested call (a visitor reading another file) gets its own.
 */
let spareBuffer: Buffer | null = null;

/** True when `bytes[start, end)` is only spaces and control characters (Java's `String.trim` empties it). */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] > 0x20) return false;
  return true;
}

function tooLong(path: string, limit: LineLimit, lineOffset: number, length?: number): FormatError {
  return new FormatError(path, lineTooLong(limit, length), undefined, lineNumberAt(path, lineOffset));
}

/**
 * Reads the lines of `path` that start in [start, end) (both must be line starts, or end of file),
 * checking that the bytes are UTF-8. `onRead` is told how many bytes each read consumed. A line
 * longer than `limit` fails as soon as that many bytes of it have been read.
 */
export function readLines(
  path: string,
  start: number,
  end: number,
  visitor: LineVisitor,
  onRead?: (bytes: number) => void,
  limit: LineLimit = DATASET_LINE,
): void {
  const fd = openSync(path, 'r');
  let buffer = spareBuffer ?? Buffer.allocUnsafe(READ_CHUNK);
  spareBuffer = null;
  try {
    let filled = 0; // bytes in buffer
    let bufferOffset = start; // file offset of buffer[0]
    let position = start; // next file offset to read
    let first = start === 0;
    let searchFrom = 0; // buffer[0, searchFrom) is known to hold no newline
    while (position < end || filled > 0) {
      if (position < end) {
        if (filled === buffer.length) {
          const grown = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(grown, 0, 0, filled);
          buffer = grown;
        }
        const want = Math.min(buffer.length - filled, end - position);
        const got = readSync(fd, buffer, filled, want, position);
        if (got === 0) throw new FormatError(path, `the file ended early (it changed while being read)`);
        position += got;
        filled += got;
        onRead?.(got);
      }
      const atEnd = position >= end;
      // Search only bytes not searched before: a long line is scanned once, not once per read.
      const found = buffer.subarray(searchFrom, filled).lastIndexOf(0x0a);
      const lastNewline = found < 0 ? -1 : searchFrom + found;
      searchFrom = filled;
      if (lastNewline < 0 && !atEnd) {
        // A line longer than the buffer: read more, unless it is already over the limit (+1 for a CR).
        if (filled > limit.bytes + 1) throw tooLong(path, limit, bufferOffset);
        continue;
      }
      const complete = atEnd ? filled : lastNewline + 1;
      if (!isUtf8(buffer.subarray(0, complete))) throw notUtf8(path, buffer, complete, bufferOffset);
      let lineStart = 0;
      if (first) {
        first = false;
        if (complete >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) lineStart = 3;
      }
      while (lineStart < complete) {
        let newline = buffer.indexOf(0x0a, lineStart);
        if (newline < 0 || newline >= complete) newline = complete;
        let lineEnd = newline;
        if (lineEnd > lineStart && buffer[lineEnd - 1] === 0x0d) lineEnd--;
        if (lineEnd - lineStart > limit.bytes) throw tooLong(path, limit, bufferOffset + lineStart, lineEnd - lineStart);
        if (lineEnd > lineStart && (buffer[lineStart] > 0x20 || !isBlank(buffer, lineStart, lineEnd))) {
          visitor.line(buffer, lineStart, lineEnd, bufferOffset + lineStart);
        }
        lineStart = newline + 1;
      }
      buffer.copy(buffer, 0, complete, filled);
      filled -= complete;
      searchFrom = filled;
      bufferOffset += complete;
    }
  } finally {
    closeSync(fd);
    // A buffer grown for a long line is not kept: it would hold megabytes for the rest of the run.
    if (buffer.length === READ_CHUNK) spareBuffer = buffer;
  }
}

function notUtf8(path: string, buffer: Buffer, complete: number, bufferOffset: number): FormatError {
  let lineStart = 0;
  while (lineStart < complete) {
    let newline = buffer.indexOf(0x0a, lineStart);
    if (newline < 0 || newline >= complete) newline = complete;
    if (!isUtf8(buffer.subarray(lineStart, newline))) {
      return new FormatError(path, 'the line is not valid UTF-8 text', undefined, lineNumberAt(path, bufferOffset + lineStart));
    }
    lineStart = newline + 1;
  }
  return new FormatError(path, 'the file is not valid UTF-8 text');
}

/** 1-based number of the line starting at file offset `offset` (cold path: used for error messages). */
export function lineNumberAt(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let line = 1;
    let position = 0;
    while (position < offset) {
      const got = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (got === 0) break;
      for (let i = 0; i < got; i++) if (buffer[i] === 0x0a) line++;
      position += got;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves `offset` forward to the next line start (just after a newline), reading as little as needed;
 * returns `size` when no newline follows. Used to cut large files into line-aligned partitions.
 */
export function nextLineStart(path: string, offset: number, size: number): number {
  if (offset <= 0) return 0;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let position = offset - 1;
    while (position < size) {
      const got = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
      if (got === 0) break;
      const newline = buffer.indexOf(0x0a);
      if (newline >= 0 && newline < got) return position + newline + 1;
      position += got;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}
