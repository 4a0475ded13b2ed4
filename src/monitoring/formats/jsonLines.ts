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

/** The non-blank lines of a whole file held in memory. Throws a FormatError naming file and line on bad UTF-8. */
export function* splitJsonLines(content: Uint8Array | string, file: string): Generator<JsonLine> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    const found = lineOf(bytes.subarray(start, end), file, line);
    if (found) yield found;
    start = end + 1;
    line++;
  }
}

/**
 * The non-blank lines of a stream (a Node Readable, or any async source of byte chunks), read chunk by
 * chunk so a large capture file is never held whole. Throws a FormatError naming file and line on bad UTF-8.
 */
export async function* readJsonLines(source: AsyncIterable<Uint8Array | string>, file: string): AsyncGenerator<JsonLine> {
  // The unfinished line, as the pieces of the chunks it spans (joined once, when its newline arrives).
  let pending: Uint8Array[] = [];
  let line = 1;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      const piece = bytes.subarray(start, end);
      const whole = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      const found = lineOf(whole, file, line);
      if (found) yield found;
      start = end + 1;
      line++;
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
  }
  if (pending.length > 0) {
    const found = lineOf(Buffer.concat(pending), file, line);
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
  let pending: Uint8Array[] = [];
  let line = 1;
  const decode = (bytes: Uint8Array, at: number): JsonLine | UndecodableLine | undefined => {
    try {
      return lineOf(bytes, file, at);
    } catch (e) {
      return { line: at, problem: e instanceof Error ? e.message : String(e) };
    }
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      const piece = bytes.subarray(start, end);
      const whole = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      const found = decode(whole, line);
      if (found) yield found;
      start = end + 1;
      line++;
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
  }
  if (pending.length > 0) {
    const found = decode(Buffer.concat(pending), line);
    if (found) yield found;
  }
}
