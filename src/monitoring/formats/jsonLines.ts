/**
 * JSON Lines as SageMaker writes capture and ground-truth files: one JSON value per line, `\n` or `\r\n`
 * endings, the last line with or without a newline. Blank lines are skipped; line numbers stay those of
 * the file (1-based) so that errors point at the right place. Bytes are decoded per line, strictly.
 */
import { decodeUtf8 } from './utf8';

export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function lineOf(bytes: Uint8Array, file: string, line: number): JsonLine | undefined {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end--;
  let text = decodeUtf8(bytes.subarray(0, end), file, line);
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trim() === '' ? undefined : { line, text };
}

/** A line's bytes (without its `\n`) and its 1-based number. */
interface RawLine {
  line: number;
  bytes: Uint8Array;
}

/**
 * Splits bytes into lines across chunks, the one splitter of every reader here: `push` yields the
 * lines a chunk completes (a line spanning chunks is joined once, when its newline arrives); `end`
 * gives the last line when the input does not end with a newline.
 */
class LineSplitter {
  private pending: Uint8Array[] = [];
  private line = 1;

  *push(chunk: Uint8Array | string): Generator<RawLine> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      const piece = bytes.subarray(start, end);
      const whole = this.pending.length > 0 ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      yield { line: this.line++, bytes: whole };
      start = end + 1;
    }
    if (start < bytes.length) this.pending.push(bytes.subarray(start));
  }

  end(): RawLine | undefined {
    return this.pending.length > 0 ? { line: this.line, bytes: Buffer.concat(this.pending) } : undefined;
  }
}

async function* rawLines(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<RawLine> {
  const splitter = new LineSplitter();
  for await (const chunk of source) yield* splitter.push(chunk);
  const last = splitter.end();
  if (last) yield last;
}

/** The non-blank lines of a whole file held in memory. Throws a FormatError naming file and line on bad UTF-8. */
export function* splitJsonLines(content: Uint8Array | string, file: string): Generator<JsonLine> {
  const splitter = new LineSplitter();
  for (const raw of splitter.push(content)) {
    const found = lineOf(raw.bytes, file, raw.line);
    if (found) yield found;
  }
  const last = splitter.end();
  const found = last && lineOf(last.bytes, file, last.line);
  if (found) yield found;
}

/**
 * The non-blank lines of a stream (a Node Readable, or any async source of byte chunks), read chunk by
 * chunk so a large capture file is never held whole. Throws a FormatError naming file and line on bad UTF-8.
 */
export async function* readJsonLines(source: AsyncIterable<Uint8Array | string>, file: string): AsyncGenerator<JsonLine> {
  for await (const raw of rawLines(source)) {
    const found = lineOf(raw.bytes, file, raw.line);
    if (found) yield found;
  }
}

/** A JSON Lines file from already-serialized lines: one per line, ending with a newline. */
export function joinJsonLines(lines: Iterable<string>): string {
  let out = '';
  for (const l of lines) {
    if (l.includes('\n')) throw new Error('A JSON Lines record must not contain a newline (serialize it compactly).');
    out += `${l}\n`;
  }
  return out;
}

/** A line that could not be decoded: where, and why. */
export interface UndecodableLine {
  line: number;
  problem: string;
}

/**
 * As readJsonLines, but a line that is not UTF-8 is yielded as an UndecodableLine and reading goes on,
 * for listings that show broken lines beside good ones instead of stopping at the first.
 */
export async function* readJsonLinesLenient(source: AsyncIterable<Uint8Array | string>, file: string): AsyncGenerator<JsonLine | UndecodableLine> {
  for await (const raw of rawLines(source)) {
    let found: JsonLine | UndecodableLine | undefined;
    try {
      found = lineOf(raw.bytes, file, raw.line);
    } catch (e) {
      found = { line: raw.line, problem: e instanceof Error ? e.message : String(e) };
    }
    if (found) yield found;
  }
}
