/**
 * Turns a dataset on disk into rows of cells for the profile (spec §3.3):
 * - CSV: header names or `_c0…`; every record must have the header's number of cells;
 * - flat JSON Lines: one object of scalars per line, columns keyed by name;
 * - SageMaker capture JSON Lines: each record becomes its endpointOutput fields followed by its
 *   endpointInput fields (matched to the baseline by position later). Input and output encodings must
 *   agree (SageMaker's "Encoding mismatch" failure); BASE64 payloads are decoded, JSON payloads must
 *   be a flat object (values in key order) or an array of scalars.
 *
 * Work is cut into partitions (a file, or a line-aligned byte range of a large file). The layout
 * depends only on the files, never on how many workers run, so results are the same either way.
 * The capture envelope is walked by a small byte-level JSON parser: it finds the few fields needed
 * without building objects, and still rejects anything that is not valid JSON.
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { FormatError } from '../formats/formatError';
import { CsvSyntaxError, defaultColumnName, lineNumberAt, nextLineStart, parseHeader, readLines, splitCsvLine, type CellTarget } from './csvRows';
import type { DatasetProfile } from './featureProfile';
import { CaptureEnvelopeScanner, CaptureFields, encodingName, type PayloadSpan } from './captureEnvelope';

export type DatasetInput =
  | { kind: 'csv'; path: string; header: boolean }
  | { kind: 'jsonl'; path: string }
  | { kind: 'capture'; paths: string[]; start?: Date; end?: Date };

/** Largest byte range one partition covers; larger files are cut at line boundaries. */
export const PARTITION_BYTES = 32 * 1024 * 1024;

export interface Partition {
  path: string;
  start: number;
  end: number;
}

/** Everything a worker needs, besides its partition, to read rows the same way as the main thread. */
export interface ScanSettings {
  kind: DatasetInput['kind'];
  /** CSV: the number of cells every record must have. */
  csvWidth?: number;
  /** Capture: inference-time window [start, end) in epoch milliseconds. */
  windowStartMs?: number;
  windowEndMs?: number;
}

export interface DatasetPlan {
  partitions: Partition[];
  settings: ScanSettings;
  /** CSV column names (header, or `_c0…`); null for keyed (JSON Lines) and positional capture data. */
  columnNames: string[] | null;
  totalBytes: number;
  /** How the input is named in messages. */
  description: string;
}

export function describeInput(input: DatasetInput): string {
  if (input.kind === 'capture') {
    const shown = input.paths.slice(0, 3).join(', ');
    return `capture files ${shown}${input.paths.length > 3 ? ` and ${input.paths.length - 3} more` : ''}`;
  }
  return input.path;
}

export function planDataset(input: DatasetInput): DatasetPlan {
  const description = describeInput(input);
  if (input.kind === 'capture') {
    const partitions = input.paths.flatMap((path) => splitFile(path, 0));
    return {
      partitions,
      settings: {
        kind: 'capture',
        windowStartMs: input.start?.getTime(),
        windowEndMs: input.end?.getTime(),
      },
      columnNames: null,
      totalBytes: partitions.reduce((sum, p) => sum + (p.end - p.start), 0),
      description,
    };
  }
  if (input.kind === 'jsonl') {
    const partitions = splitFile(input.path, 0);
    return { partitions, settings: { kind: 'jsonl' }, columnNames: null, totalBytes: fileSize(input.path), description };
  }
  const first = readFirstLine(input.path);
  if (first === null) return { partitions: [], settings: { kind: 'csv', csvWidth: 0 }, columnNames: [], totalBytes: 0, description };
  let names: string[];
  try {
    names = parseHeader(first.bytes, 0, first.bytes.length);
  } catch (e) {
    throw new FormatError(input.path, e instanceof Error ? e.message : String(e), undefined, 1);
  }
  if (!input.header) names = names.map((_, index) => defaultColumnName(index));
  const dataStart = input.header ? first.nextOffset : 0;
  return {
    partitions: splitFile(input.path, dataStart),
    settings: { kind: 'csv', csvWidth: names.length },
    columnNames: names,
    totalBytes: fileSize(input.path),
    description,
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (e) {
    throw new FormatError(path, `cannot read the file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Cuts [from, size) of a file into line-aligned partitions of at most about PARTITION_BYTES. */
function splitFile(path: string, from: number): Partition[] {
  const size = fileSize(path);
  const partitions: Partition[] = [];
  let start = from;
  while (start < size) {
    const end = start + PARTITION_BYTES >= size ? size : nextLineStart(path, start + PARTITION_BYTES, size);
    partitions.push({ path, start, end });
    start = end;
  }
  return partitions;
}

/** The first non-blank line (BOM and CR removed) and the offset of the line after it. */
function readFirstLine(path: string): { bytes: Buffer; nextOffset: number } | null {
  const size = fileSize(path);
  let found: { bytes: Buffer; nextOffset: number } | null = null;
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(64 * 1024);
    let filled = 0;
    let position = 0;
    let lineStart = 0;
    while (found === null) {
      if (filled === buffer.length) {
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const got = position < size ? readSync(fd, buffer, filled, buffer.length - filled, position) : 0;
      position += got;
      filled += got;
      if (lineStart === 0 && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) lineStart = 3;
      while (found === null) {
        let newline = buffer.indexOf(0x0a, lineStart);
        if (newline < 0 || newline >= filled) {
          if (got > 0) break;
          newline = filled;
        }
        let end = newline;
        if (end > lineStart && buffer[end - 1] === 0x0d) end--;
        if (end > lineStart) {
          const bytes = Buffer.from(buffer.subarray(lineStart, end));
          if (!isUtf8(bytes)) throw new FormatError(path, 'the line is not valid UTF-8 text', undefined, lineNumberAt(path, lineStart));
          found = { bytes, nextOffset: Math.min(newline + 1, size) };
        } else if (newline >= filled) {
          return null;
        }
        lineStart = newline + 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

/**
 * Reads one partition into `profile`. `onBytes` is told about bytes as they are read (progress).
 */
export function scanPartition(partition: Partition, settings: ScanSettings, profile: DatasetProfile, onBytes?: (bytes: number) => void): void {
  const { path } = partition;
  let visitor: (bytes: Buffer, start: number, end: number) => void;
  if (settings.kind === 'csv') visitor = csvRowReader(settings.csvWidth ?? 0, profile);
  else if (settings.kind === 'jsonl') visitor = jsonRowReader(profile);
  else visitor = captureRowReader(settings, profile);
  readLines(
    path,
    partition.start,
    partition.end,
    {
      line(bytes, start, end, offset) {
        try {
          visitor(bytes, start, end);
        } catch (e) {
          if (e instanceof RowError) throw new FormatError(path, e.message, e.field, lineNumberAt(path, offset));
          if (e instanceof CsvSyntaxError) throw new FormatError(path, e.message, undefined, lineNumberAt(path, offset));
          throw e;
        }
      },
    },
    onBytes,
  );
}

/** A problem with one line; turned into a FormatError naming file and line by the caller. */
class RowError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV

function csvRowReader(width: number, profile: DatasetProfile): (bytes: Buffer, start: number, end: number) => void {
  return (bytes, start, end) => {
    const cells = splitCsvLine(bytes, start, end, 0, profile);
    if (cells !== width) throw new RowError(`the row has ${cells} cells but the header has ${width} columns`);
    profile.rowCount++;
  };
}

// ---------------------------------------------------------------------------------------------------
// A byte-level JSON reader: strict grammar, strings decoded only when they hold escapes.

const enum Ch {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

class JsonBytes {
  bytes: Buffer = Buffer.alloc(0);
  pos = 0;
  end = 0;
  /** Set by `string()`: the raw token without quotes, and whether it held escapes. */
  strStart = 0;
  strEnd = 0;
  strEscaped = false;

  reset(bytes: Buffer, start: number, end: number): void {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  fail(what: string): never {
    throw new RowError(`not valid JSON: ${what} at column ${this.pos + 1}`);
  }

  ws(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    while (pos < this.end) {
      const c = bytes[pos];
      if (c !== Ch.Space && c !== Ch.Tab && c !== Ch.Newline && c !== Ch.Return) break;
      pos++;
    }
    this.pos = pos;
    return pos < this.end ? bytes[pos] : -1;
  }

  expect(c: number, what: string): void {
    if (this.ws() !== c) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** Reads a string token at the current position (after whitespace). */
  string(): void {
    if (this.ws() !== Ch.Quote) this.fail('expected a string');
    const bytes = this.bytes;
    let pos = this.pos + 1;
    const start = pos;
    let escaped = false;
    for (;;) {
      if (pos >= this.end) this.fail('unterminated string');
      const c = bytes[pos];
      if (c === Ch.Quote) break;
      if (c === Ch.Backslash) {
        escaped = true;
        pos++;
      } else if (c < 0x20) {
        this.pos = pos;
        this.fail('control character in a string');
      }
      pos++;
    }
    this.strStart = start;
    this.strEnd = pos;
    this.strEscaped = escaped;
    this.pos = pos + 1;
  }

  /** The last string token's text. */
  stringText(): string {
    if (!this.strEscaped) return this.bytes.toString('utf8', this.strStart, this.strEnd);
    try {
      return JSON.parse(this.bytes.toString('utf8', this.strStart - 1, this.strEnd + 1)) as string;
    } catch {
      this.pos = this.strStart;
      this.fail('bad escape in a string');
    }
  }

  /** Reads a number token; leaves its raw bytes in strStart/strEnd. */
  number(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    const start = pos;
    if (bytes[pos] === Ch.Minus) pos++;
    if (bytes[pos] === Ch.Zero) pos++;
    else if (bytes[pos] > Ch.Zero && bytes[pos] <= Ch.Nine) while (pos < this.end && bytes[pos] >= Ch.Zero && bytes[pos] <= Ch.Nine) pos++;
    else this.fail('bad number');
    if (pos < this.end && bytes[pos] === Ch.Dot) {
      pos++;
      const digits = pos;
      while (pos < this.end && bytes[pos] >= Ch.Zero && bytes[pos] <= Ch.Nine) pos++;
      if (pos === digits) this.fail('bad number');
    }
    if (pos < this.end && (bytes[pos] === 0x65 || bytes[pos] === 0x45)) {
      pos++;
      if (bytes[pos] === 0x2b || bytes[pos] === Ch.Minus) pos++;
      const digits = pos;
      while (pos < this.end && bytes[pos] >= Ch.Zero && bytes[pos] <= Ch.Nine) pos++;
      if (pos === digits) this.fail('bad number');
    }
    this.strStart = start;
    this.strEnd = pos;
    this.pos = pos;
  }

  /** Reads `true`, `false` or `null` and returns which (by its first byte). */
  literal(): number {
    const bytes = this.bytes;
    const c = bytes[this.pos];
    const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : '';
    if (word === '' || this.pos + word.length > this.end) this.fail('unexpected character');
    for (let i = 1; i < word.length; i++) if (bytes[this.pos + i] !== word.charCodeAt(i)) this.fail('unexpected character');
    this.strStart = this.pos;
    this.pos += word.length;
    this.strEnd = this.pos;
    return c;
  }

  /** Skips any value. */
  skipValue(depth = 0): void {
    if (depth > 64) this.fail('nesting too deep');
    const c = this.ws();
    if (c === Ch.Quote) this.string();
    else if (c === Ch.OpenBrace) {
      this.pos++;
      if (this.ws() === Ch.CloseBrace) {
        this.pos++;
        return;
      }
      for (;;) {
        this.string();
        this.expect(Ch.Colon, "':'");
        this.skipValue(depth + 1);
        const next = this.ws();
        this.pos++;
        if (next === Ch.CloseBrace) return;
        if (next !== Ch.Comma) this.fail("expected ',' or '}'");
      }
    } else if (c === Ch.OpenBracket) {
      this.pos++;
      if (this.ws() === Ch.CloseBracket) {
        this.pos++;
        return;
      }
      for (;;) {
        this.skipValue(depth + 1);
        const next = this.ws();
        this.pos++;
        if (next === Ch.CloseBracket) return;
        if (next !== Ch.Comma) this.fail("expected ',' or ']'");
      }
    } else if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) this.number();
    else if (c < 0) this.fail('unexpected end of line');
    else this.literal();
  }

  /** Iterates an object's members: calls `member` with the key's raw range (unescaped keys only) per member. */
  object(member: (keyStart: number, keyEnd: number, keyEscaped: boolean) => void): void {
    this.expect(Ch.OpenBrace, "'{'");
    if (this.ws() === Ch.CloseBrace) {
      this.pos++;
      return;
    }
    for (;;) {
      this.string();
      const keyStart = this.strStart;
      const keyEnd = this.strEnd;
      const keyEscaped = this.strEscaped;
      this.expect(Ch.Colon, "':'");
      this.ws();
      member(keyStart, keyEnd, keyEscaped);
      const next = this.ws();
      this.pos++;
      if (next === Ch.CloseBrace) return;
      if (next !== Ch.Comma) {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }

  finish(): void {
    if (this.ws() >= 0) this.fail('unexpected text after the value');
  }

  keyIs(start: number, end: number, key: Uint8Array): boolean {
    if (end - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.bytes[start + i] !== key[i]) return false;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------
// Flat JSON (JSON Lines datasets, and JSON-encoded capture payloads)

/** Cells of one flat JSON value: its scalars as text (numbers keep their literal text). */
interface JsonCell {
  key: string | null;
  /** null is a missing cell. */
  bytes: Buffer | null;
  start: number;
  end: number;
}

/** Reads a flat object (or, when `allowArray`, an array of scalars) at the reader's position. */
function readFlatJson(json: JsonBytes, allowArray: boolean): JsonCell[] {
  const cells: JsonCell[] = [];
  const scalar = (key: string | null): void => {
    const c = json.ws();
    if (c === Ch.Quote) {
      json.string();
      if (json.strEscaped) {
        const text = Buffer.from(json.stringText(), 'utf8');
        cells.push({ key, bytes: text, start: 0, end: text.length });
      } else cells.push({ key, bytes: json.bytes, start: json.strStart, end: json.strEnd });
    } else if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) {
      json.number();
      cells.push({ key, bytes: json.bytes, start: json.strStart, end: json.strEnd });
    } else if (c === Ch.OpenBrace || c === Ch.OpenBracket) {
      throw new RowError('nested JSON values are not supported (flatten the record with a record preprocessor)', key ?? undefined);
    } else if (c < 0) {
      json.fail('unexpected end of line');
    } else {
      const which = json.literal();
      cells.push({ key, bytes: which === 0x6e ? null : json.bytes, start: json.strStart, end: json.strEnd });
    }
  };
  if (allowArray && json.ws() === Ch.OpenBracket) {
    json.pos++;
    if (json.ws() === Ch.CloseBracket) {
      json.pos++;
      return cells;
    }
    for (;;) {
      scalar(null);
      const next = json.ws();
      json.pos++;
      if (next === Ch.CloseBracket) return cells;
      if (next !== Ch.Comma) json.fail("expected ',' or ']'");
    }
  }
  json.object((keyStart, keyEnd, keyEscaped) => {
    json.strStart = keyStart;
    json.strEnd = keyEnd;
    json.strEscaped = keyEscaped;
    scalar(json.stringText());
  });
  return cells;
}

function jsonRowReader(profile: DatasetProfile): (bytes: Buffer, start: number, end: number) => void {
  const json = new JsonBytes();
  return (bytes, start, end) => {
    json.reset(bytes, start, end);
    if (json.ws() !== Ch.OpenBrace) json.fail('each line must be a JSON object');
    const cells = readFlatJson(json, false);
    json.finish();
    for (const cell of cells) {
      const column = profile.namedColumn(cell.key!);
      if (cell.bytes !== null) column.addCell(cell.bytes, cell.start, cell.end);
    }
    profile.rowCount++;
  };
}

// ---------------------------------------------------------------------------------------------------
// SageMaker capture records

const KEY = (text: string): Uint8Array => new TextEncoder().encode(text);
const K_CAPTURE_DATA = KEY('captureData');
const K_ENDPOINT_INPUT = KEY('endpointInput');
const K_ENDPOINT_OUTPUT = KEY('endpointOutput');
const K_DATA = KEY('data');
const K_ENCODING = KEY('encoding');
const K_EVENT_METADATA = KEY('eventMetadata');
const K_INFERENCE_TIME = KEY('inferenceTime');

function captureRowReader(settings: ScanSettings, profile: DatasetProfile): (bytes: Buffer, start: number, end: number) => void {
  const json = new JsonBytes();
  const scanner = new CaptureEnvelopeScanner();
  const fields = new CaptureFields();
  const { input, output } = fields;
  const filtered = settings.windowStartMs !== undefined || settings.windowEndMs !== undefined;

  // Member handlers are created once, not per line: the hot loop allocates nothing.
  let span = output;
  const payloadMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_DATA)) {
      json.string();
      span.dataStart = json.strStart;
      span.dataEnd = json.strEnd;
      span.dataEscaped = json.strEscaped;
    } else if (json.keyIs(keyStart, keyEnd, K_ENCODING)) {
      json.string();
      span.encoding = json.strEscaped ? json.stringText() : encodingName(json.bytes, json.strStart, json.strEnd);
    } else json.skipValue();
  };
  const payload = (target: PayloadSpan): void => {
    target.present = true;
    if (json.ws() !== Ch.OpenBrace) {
      json.skipValue();
      return;
    }
    span = target;
    json.object(payloadMember);
  };
  const captureDataMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_ENDPOINT_OUTPUT)) payload(output);
    else if (json.keyIs(keyStart, keyEnd, K_ENDPOINT_INPUT)) payload(input);
    else json.skipValue();
  };
  const eventMetadataMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_INFERENCE_TIME) && json.bytes[json.pos] === Ch.Quote) {
      json.string();
      fields.inferenceTime = json.stringText();
    } else json.skipValue();
  };
  const rootMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_CAPTURE_DATA) && json.bytes[json.pos] === Ch.OpenBrace) {
      fields.sawCaptureData = true;
      json.object(captureDataMember);
    } else if (filtered && json.keyIs(keyStart, keyEnd, K_EVENT_METADATA) && json.bytes[json.pos] === Ch.OpenBrace) {
      json.object(eventMetadataMember);
    } else json.skipValue();
  };

  return (bytes, start, end) => {
    json.reset(bytes, start, end);
    if (!scanner.scan(bytes, start, end, fields, filtered)) {
      // Not the common shape: the full reader decides (and names any error).
      fields.clear();
      json.object(rootMember);
      json.finish();
    }
    if (!fields.sawCaptureData) throw new RowError('the record has no captureData object', 'captureData');
    if (!input.present && !output.present) throw new RowError('the record has neither endpointInput nor endpointOutput', 'captureData');
    checkPayload(output, 'endpointOutput');
    checkPayload(input, 'endpointInput');
    if (input.present && output.present && input.encoding !== output.encoding) {
      throw new RowError(
        `Encoding mismatch: Encoding is ${input.encoding} for endpointInput, but Encoding is ${output.encoding} for endpointOutput. ` +
          'We currently only support the same type of input and output encoding at the moment.',
      );
    }
    if (filtered && !insideWindow(fields.inferenceTime, settings)) return;

    const encoding = output.present ? output.encoding : input.encoding;
    if (encoding === 'CSV' && !input.dataEscaped && !output.dataEscaped) {
      // Fast path: both payloads are plain single-record CSV inside the line's own bytes.
      let width = 0;
      if (output.present) width = splitCsvLine(bytes, output.dataStart, output.dataEnd, 0, profile);
      if (input.present) splitCsvLine(bytes, input.dataStart, input.dataEnd, width, profile);
      profile.rowCount++;
      return;
    }
    const outputRecords = output.present ? payloadRecords(json, output, 'endpointOutput') : null;
    const inputRecords = input.present ? payloadRecords(json, input, 'endpointInput') : null;
    const count = (outputRecords ?? inputRecords)!.length;
    if (outputRecords !== null && inputRecords !== null && outputRecords.length !== inputRecords.length) {
      throw new RowError(`endpointInput holds ${inputRecords.length} records but endpointOutput holds ${outputRecords.length}`, 'captureData');
    }
    for (let r = 0; r < count; r++) {
      let width = 0;
      if (outputRecords !== null) width = emitRecord(outputRecords[r], 0, profile);
      if (inputRecords !== null) emitRecord(inputRecords[r], width, profile);
      profile.rowCount++;
    }
  };
}

function checkPayload(span: PayloadSpan, name: string): void {
  if (span.present && span.dataStart < 0) throw new RowError('the captured payload has no data string', `captureData.${name}.data`);
  if (span.present && span.encoding !== 'CSV' && span.encoding !== 'JSON' && span.encoding !== 'BASE64') {
    throw new RowError(`unknown encoding ${JSON.stringify(span.encoding)} (expected CSV, JSON or BASE64)`, `captureData.${name}.encoding`);
  }
}

function insideWindow(inferenceTime: string | null, settings: ScanSettings): boolean {
  if (inferenceTime === null) throw new RowError('the record has no inferenceTime to filter by', 'eventMetadata.inferenceTime');
  const time = Date.parse(inferenceTime);
  if (Number.isNaN(time)) throw new RowError(`inferenceTime ${JSON.stringify(inferenceTime)} is not a date`, 'eventMetadata.inferenceTime');
  if (settings.windowStartMs !== undefined && time < settings.windowStartMs) return false;
  if (settings.windowEndMs !== undefined && time >= settings.windowEndMs) return false;
  return true;
}

/** One record of a payload: CSV bytes, or the cells of a JSON value. */
type PayloadRecord = { csv: Buffer } | { cells: JsonCell[] };

/** Decodes a payload (escapes, BASE64) and splits it into records: one per line for CSV. */
function payloadRecords(json: JsonBytes, span: PayloadSpan, name: string): PayloadRecord[] {
  json.strStart = span.dataStart;
  json.strEnd = span.dataEnd;
  json.strEscaped = span.dataEscaped;
  let text = json.stringText();
  if (span.encoding === 'BASE64') {
    const decoded = Buffer.from(text, 'base64');
    if (!isUtf8(decoded)) throw new RowError('the BASE64 payload does not decode to UTF-8 text', `captureData.${name}.data`);
    text = decoded.toString('utf8');
  }
  if (span.encoding === 'JSON') {
    const bytes = Buffer.from(text, 'utf8');
    const inner = new JsonBytes();
    inner.reset(bytes, 0, bytes.length);
    try {
      const cells = readFlatJson(inner, true);
      inner.finish();
      return [{ cells: sortedByKey(cells) }];
    } catch (e) {
      if (e instanceof RowError) throw new RowError(`the JSON payload: ${e.message}`, `captureData.${name}.data`);
      throw e;
    }
  }
  // CSV (also decoded BASE64): one record per line; a trailing line break ends the last record.
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => ({ csv: Buffer.from(line.endsWith('\r') ? line.slice(0, -1) : line, 'utf8') }));
}

/** A flat JSON object's values in key order (Spark orders inferred JSON fields by name). */
function sortedByKey(cells: JsonCell[]): JsonCell[] {
  if (cells.length === 0 || cells[0].key === null) return cells;
  return [...cells].sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
}

function emitRecord(record: PayloadRecord, firstIndex: number, target: CellTarget & DatasetProfile): number {
  if ('csv' in record) return splitCsvLine(record.csv, 0, record.csv.length, firstIndex, target);
  record.cells.forEach((cell, i) => {
    if (cell.bytes !== null) target.column(firstIndex + i).addCell(cell.bytes, cell.start, cell.end);
  });
  return record.cells.length;
}
