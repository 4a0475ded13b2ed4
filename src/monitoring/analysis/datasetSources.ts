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
import { statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { FormatError } from '../formats/formatError';
import { CsvSyntaxError, countCsvCells, defaultColumnName, lineNumberAt, makeSafeHeader, nextLineStart, parseHeader, readLines, splitCsvLine, type CellTarget } from './csvRows';
import { CAPTURE_LINE, DATASET_LINE, INVOCATION_PAYLOAD_BYTES, MAX_COLUMNS, megabytes, tooManyColumns } from '../formats/inputLimits';
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
  const header = readCsvHeader(input.path, input.header);
  if (header === null) return { partitions: [], settings: { kind: 'csv', csvWidth: 0 }, columnNames: [], totalBytes: 0, description };
  return {
    partitions: splitFile(input.path, header.dataStart),
    settings: { kind: 'csv', csvWidth: header.names.length },
    columnNames: header.names,
    totalBytes: fileSize(input.path),
    description,
  };
}

export interface CsvHeader {
  /** The columns' names: the header's, made unique as Spark does, or `_c0…`. */
  names: string[];
  /** File offset where the data records start. */
  dataStart: number;
  /** What was done that a user should know (blank lines skipped, duplicate names renamed). */
  notes: string[];
}

/**
 * Reads the first non-blank line of a CSV file, as Spark does: blank lines before it are skipped;
 * with a header, empty and repeated names are renamed (makeSafeHeader). Names still repeated after
 * that (`x,x,x0`) would make Spark's columns ambiguous: refused. Null for a file with no records.
 */
export function readCsvHeader(path: string, header: boolean): CsvHeader | null {
  const size = fileSize(path);
  let first: { bytes: Buffer; offset: number; nextOffset: number } | null = null;
  const stop = new Error('first line read');
  try {
    readLines(
      path,
      0,
      size,
      {
        line(bytes, start, end, offset) {
          let after = end;
          if (bytes[after] === 0x0d) after++;
          first = { bytes: Buffer.from(bytes.subarray(start, end)), offset, nextOffset: Math.min(size, offset + (after - start) + 1) };
          throw stop;
        },
      },
      undefined,
      DATASET_LINE,
    );
  } catch (e) {
    if (e !== stop) throw e;
  }
  if (first === null) return null;
  const { bytes, offset, nextOffset } = first as { bytes: Buffer; offset: number; nextOffset: number };
  const lineNumber = offset === 0 ? 1 : lineNumberAt(path, offset);
  let raw: string[];
  try {
    raw = parseHeader(bytes, 0, bytes.length);
  } catch (e) {
    throw new FormatError(path, e instanceof Error ? e.message : String(e), undefined, lineNumber);
  }
  const notes: string[] = [];
  if (lineNumber > 1) {
    const skipped = lineNumber === 2 ? 'line 1 is blank' : `lines 1-${lineNumber - 1} are blank`;
    notes.push(
      `${path}: ${skipped} and skipped, as SageMaker's CSV reader (Spark) skips blank lines; ` +
        `line ${lineNumber} is the ${header ? 'header' : 'first record'}.`,
    );
  }
  if (!header) return { names: raw.map((_, index) => defaultColumnName(index)), dataStart: offset, notes };
  const names = makeSafeHeader(raw);
  const renamed = names.map((name, index) => ({ from: raw[index], to: name })).filter(({ from, to }) => from !== to);
  if (renamed.length > 0) {
    const shown = renamed.slice(0, 6).map(({ from, to }) => `${JSON.stringify(from)} → ${to}`);
    notes.push(
      `${path}:${lineNumber}: the header has empty or repeated column names; named as SageMaker's CSV reader (Spark) names them, ` +
        `with the column's index: ${shown.join(', ')}${renamed.length > 6 ? ` and ${renamed.length - 6} more` : ''}.`,
    );
  }
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      throw new FormatError(
        path,
        `columns ${earlier + 1} and ${index + 1} would both be named ${JSON.stringify(name)} (after naming repeated names as Spark does); ` +
          'rename the columns so that each name is unique',
        undefined,
        lineNumber,
      );
    }
    seen.set(name.toLowerCase(), index);
  });
  return { names, dataStart: nextOffset, notes };
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
    settings.kind === 'capture' ? CAPTURE_LINE : DATASET_LINE,
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
    const cells = splitCsvLine(bytes, start, end, 0, profile, width);
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
  /** Where the line starts in `bytes`: columns in messages count from here. */
  lineStart = 0;
  /** Set by `string()`: the raw token without quotes, and whether it held escapes. */
  strStart = 0;
  strEnd = 0;
  strEscaped = false;

  reset(bytes: Buffer, start: number, end: number): void {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.lineStart = start;
  }

  fail(what: string): never {
    throw new RowError(`not valid JSON: ${what} at column ${this.column(this.pos)}`);
  }

  /** 1-based column of `pos` in the line, in characters (UTF-8 continuation bytes are not counted). */
  column(pos: number): number {
    let column = 1;
    for (let i = this.lineStart; i < Math.min(pos, this.end); i++) if ((this.bytes[i] & 0xc0) !== 0x80) column++;
    return column;
  }

  /**
   * What the value at the current position is, for a message on a value of the wrong type ("the
   * number 12345"); skips it (so a value that is not JSON at all is reported as such).
   */
  describeValue(): string {
    const c = this.ws();
    const start = this.pos;
    this.skipValue();
    const text = this.bytes.toString('utf8', start, Math.min(this.pos, start + 40)) + (this.pos - start > 40 ? '…' : '');
    if (c === Ch.Quote) return `the string ${text}`;
    if (c === Ch.OpenBrace) return 'an object';
    if (c === Ch.OpenBracket) return 'an array';
    if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) return `the number ${text}`;
    return text;
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
    if (cells.length === MAX_COLUMNS) throw new RowError(tooManyColumns(undefined));
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
    if (profile.names!.length > MAX_COLUMNS) {
      throw new RowError(`the records so far have ${profile.names!.length} different keys; at most ${MAX_COLUMNS} columns are supported (the limit of Spark's readers)`);
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
  let spanName = 'endpointOutput';
  /** A value of the wrong type is named as such, not as "not valid JSON". */
  const expect = (c: number, type: string, field: string): void => {
    if (json.ws() !== c) throw new RowError(`must be ${type}, found ${json.describeValue()}`, field);
  };
  const payloadMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_DATA)) {
      expect(Ch.Quote, "a string (the payload's text)", `captureData.${spanName}.data`);
      json.string();
      span.dataStart = json.strStart;
      span.dataEnd = json.strEnd;
      span.dataEscaped = json.strEscaped;
    } else if (json.keyIs(keyStart, keyEnd, K_ENCODING)) {
      expect(Ch.Quote, 'a string (CSV, JSON or BASE64)', `captureData.${spanName}.encoding`);
      json.string();
      span.encoding = json.strEscaped ? json.stringText() : encodingName(json.bytes, json.strStart, json.strEnd);
    } else json.skipValue();
  };
  const payload = (target: PayloadSpan, name: string): void => {
    target.present = true;
    expect(Ch.OpenBrace, 'an object', `captureData.${name}`);
    span = target;
    spanName = name;
    json.object(payloadMember);
  };
  const captureDataMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_ENDPOINT_OUTPUT)) payload(output, 'endpointOutput');
    else if (json.keyIs(keyStart, keyEnd, K_ENDPOINT_INPUT)) payload(input, 'endpointInput');
    else json.skipValue();
  };
  const eventMetadataMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_INFERENCE_TIME)) {
      expect(Ch.Quote, 'a string (an ISO-8601 time)', 'eventMetadata.inferenceTime');
      json.string();
      fields.inferenceTime = json.stringText();
    } else json.skipValue();
  };
  const rootMember = (keyStart: number, keyEnd: number): void => {
    if (json.keyIs(keyStart, keyEnd, K_CAPTURE_DATA)) {
      expect(Ch.OpenBrace, 'an object', 'captureData');
      fields.sawCaptureData = true;
      json.object(captureDataMember);
    } else if (filtered && json.keyIs(keyStart, keyEnd, K_EVENT_METADATA)) {
      expect(Ch.OpenBrace, 'an object', 'eventMetadata');
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
    checkPayload(json, output, 'endpointOutput');
    checkPayload(json, input, 'endpointInput');
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
      // A record that could be wider than the limit is counted first: columns are costly to create.
      if (spanBytes(output) + spanBytes(input) >= MAX_COLUMNS - 1) {
        const cells = (output.present ? countCsvCells(bytes, output.dataStart, output.dataEnd) : 0) + (input.present ? countCsvCells(bytes, input.dataStart, input.dataEnd) : 0);
        if (cells > MAX_COLUMNS) throw new RowError(tooManyColumns(cells), 'captureData');
      }
      let width = 0;
      if (output.present) width = splitCsvLine(bytes, output.dataStart, output.dataEnd, 0, profile);
      if (input.present) width += splitCsvLine(bytes, input.dataStart, input.dataEnd, width, profile);
      if (width > MAX_COLUMNS) throw new RowError(tooManyColumns(width), 'captureData');
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
      const cells = recordWidth(outputRecords?.[r]) + recordWidth(inputRecords?.[r]);
      if (cells > MAX_COLUMNS) throw new RowError(tooManyColumns(cells), 'captureData');
      let width = 0;
      if (outputRecords !== null) width = emitRecord(outputRecords[r], 0, profile);
      if (inputRecords !== null) width += emitRecord(inputRecords[r], width, profile);
      if (width > MAX_COLUMNS) throw new RowError(tooManyColumns(width), 'captureData');
      profile.rowCount++;
    }
  };
}

function spanBytes(span: PayloadSpan): number {
  return span.present ? span.dataEnd - span.dataStart : 0;
}

/** The cells of one payload record: counted only when it could be wider than the limit. */
function recordWidth(record: PayloadRecord | undefined): number {
  if (record === undefined) return 0;
  if ('cells' in record) return record.cells.length;
  return record.csv.length >= MAX_COLUMNS - 1 ? countCsvCells(record.csv, 0, record.csv.length) : 0;
}

function checkPayload(json: JsonBytes, span: PayloadSpan, name: string): void {
  if (span.present && span.dataStart < 0) throw new RowError('the captured payload has no data string', `captureData.${name}.data`);
  if (span.present && span.encoding !== 'CSV' && span.encoding !== 'JSON' && span.encoding !== 'BASE64') {
    throw new RowError(`unknown encoding ${JSON.stringify(span.encoding)} (expected CSV, JSON or BASE64)`, `captureData.${name}.encoding`);
  }
  // The raw text is never shorter than the payload it encodes: only a long one needs decoding to measure.
  if (span.present && span.dataEnd - span.dataStart > INVOCATION_PAYLOAD_BYTES) {
    const size = payloadBytes(json, span);
    if (size > INVOCATION_PAYLOAD_BYTES) {
      throw new RowError(
        `the payload is ${megabytes(size)}, but SageMaker's invocation payload is at most ${megabytes(INVOCATION_PAYLOAD_BYTES)}, so no endpoint captured it`,
        `captureData.${name}.data`,
      );
    }
  }
}

/** The size in bytes of the payload a data string encodes. */
function payloadBytes(json: JsonBytes, span: PayloadSpan): number {
  let length = span.dataEnd - span.dataStart;
  if (span.dataEscaped) {
    json.strStart = span.dataStart;
    json.strEnd = span.dataEnd;
    json.strEscaped = true;
    length = Buffer.byteLength(json.stringText(), 'utf8');
  }
  return span.encoding === 'BASE64' ? Math.floor((length * 3) / 4) : length;
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

// ---------------------------------------------------------------------------------------------------
// Explaining an input that yielded no records (cold path: only after a run found nothing)

/**
 * Why an input gave no rows, as SageMaker's "Job inputs had no data" failure followed by what would
 * help: for captures read with a time window, how many records the files hold outside it and which
 * hours (UTC) they are from.
 */
export function noRecordsMessage(input: DatasetInput, description = describeInput(input)): string {
  const prefix = `Job inputs had no data: ${description}`;
  if (input.kind !== 'capture' || (input.start === undefined && input.end === undefined)) return `${prefix} holds no records to analyse.`;
  const window = `${input.start?.toISOString() ?? 'the beginning'} <= inferenceTime < ${input.end?.toISOString() ?? 'the end'}`;
  const hours = new Map<string, number>();
  let records = 0;
  const scanner = new CaptureEnvelopeScanner();
  const fields = new CaptureFields();
  for (const path of input.paths) {
    try {
      readLines(path, 0, fileSize(path), {
        line(bytes, start, end) {
          records++;
          if (!scanner.scan(bytes, start, end, fields, true) || fields.inferenceTime === null) return;
          const time = Date.parse(fields.inferenceTime);
          if (Number.isNaN(time)) return;
          const hour = new Date(time).toISOString().slice(0, 13);
          hours.set(hour, (hours.get(hour) ?? 0) + 1);
        },
      }, undefined, CAPTURE_LINE);
    } catch {
      // A damaged file is reported by the run itself; here it only adds nothing.
    }
  }
  if (records === 0) return `${prefix} holds no records at all (the window was ${window}).`;
  const sorted = [...hours.keys()].sort();
  const shown = sorted.length <= 6 ? sorted.map((h) => `${h}:00`).join(', ') : `${sorted.slice(0, 3).map((h) => `${h}:00`).join(', ')}, … ${sorted.slice(-2).map((h) => `${h}:00`).join(', ')}`;
  const where = sorted.length > 0 ? `; they hold data in ${sorted.length === 1 ? 'the hour' : `${sorted.length} hours`} (UTC) ${shown}` : '';
  return `${prefix} hold ${records} record(s), none with ${window}${where}. Choose --start/--end (or the execution's hour) where the data is.`;
}
