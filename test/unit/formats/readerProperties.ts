/**
 * Fuzz properties of the analyzer's own readers (the byte-level ones in src/monitoring/analysis):
 * the capture line fast path, the capture file reader, and the CSV reader with damaged headers.
 * readerFuzz.test.ts checks them at a few hundred cases, scripts/fuzz.ts at 100,000.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CaptureEnvelopeScanner, CaptureFields, type PayloadSpan } from '../../../src/monitoring/analysis/captureEnvelope';
import { planDataset, readCsvHeader, scanPartition, type DatasetInput } from '../../../src/monitoring/analysis/datasetSources';
import { ColumnProfile, DatasetProfile } from '../../../src/monitoring/analysis/featureProfile';
import { FormatError } from '../../../src/monitoring/formats/formatError';
import { FUZZ_TARGETS } from '../support/formatArbitraries';
import { fuzzProperty, type SyncFuzzProperty } from '../support/fuzzProperty';

/** One scratch file per process, rewritten for each case (the readers read files); in memory where the system offers it. */
export class ScratchFile {
  readonly dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'reader-fuzz-'));
  readonly path = join(this.dir, 'input.txt');

  write(bytes: Uint8Array | string): string {
    writeFileSync(this.path, bytes);
    return this.path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const captureLines = FUZZ_TARGETS.find((t) => t.name === 'capture record')!.inputs;

/** Valid, damaged and arbitrary capture lines, sometimes with a character inserted or the line cut short. */
const damagedCaptureLine = fc.oneof(
  { weight: 3, arbitrary: captureLines },
  {
    weight: 2,
    arbitrary: fc
      .tuple(captureLines, fc.nat(), fc.constantFrom('', '"', '{', '}', ',', ':', '[', '1', '\u0000', '\u001f', '\\'), fc.boolean())
      .map(([line, at, insert, replace]) => {
        const cut = at % (line.length + 1);
        return insert === '' ? line.slice(0, cut) : line.slice(0, cut) + insert + line.slice(replace ? cut + 1 : cut);
      }),
  },
);

interface Parsed {
  captureData?: { endpointInput?: { data?: unknown; encoding?: unknown }; endpointOutput?: { data?: unknown; encoding?: unknown } };
  eventMetadata?: { inferenceTime?: unknown };
}

function spanData(bytes: Buffer, span: PayloadSpan): string {
  const raw = bytes.toString('utf8', span.dataStart, span.dataEnd);
  return span.dataEscaped ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/**
 * The capture line fast path accepts only lines JSON.parse accepts (unless a bad escape hides in a
 * string it does not decode), and then reads the same data, encoding and inference time.
 */
export function captureFastPathAgreesWithJsonParse(): SyncFuzzProperty<[string, boolean]> {
  const scanner = new CaptureEnvelopeScanner();
  const fields = new CaptureFields();
  return fuzzProperty(fc.tuple(damagedCaptureLine, fc.boolean()), ([line, wantTime]) => {
    const bytes = Buffer.from(`xx${line}yy`);
    if (!scanner.scan(bytes, 2, bytes.length - 2, fields, wantTime)) return;
    let parsed: Parsed;
    try {
      parsed = JSON.parse(bytes.toString('utf8', 2, bytes.length - 2)) as Parsed;
    } catch (e) {
      // Escapes in strings the analyzer never decodes are skipped, not checked, by both readers.
      if (/escape|Bad control|Unterminated/i.test((e as Error).message) && line.includes('\\')) return;
      // V8 words a backslash before a character outside the BMP as an unexpected token, not a bad escape.
      if (/\\[\u{10000}-\u{10FFFF}]/u.test(line)) return;
      throw new Error(`the fast path accepted a line JSON.parse rejects (${(e as Error).message}): ${JSON.stringify(line)}`);
    }
    const captureData = parsed.captureData;
    assert.equal(fields.sawCaptureData, typeof captureData === 'object' && captureData !== null, line);
    for (const [span, value] of [
      [fields.input, captureData?.endpointInput],
      [fields.output, captureData?.endpointOutput],
    ] as const) {
      assert.equal(span.present, value !== undefined, line);
      if (value === undefined) continue;
      if (typeof value.data === 'string') assert.equal(spanData(bytes, span), value.data, line);
      else assert.equal(span.dataStart, -1, line);
      assert.equal(span.encoding, typeof value.encoding === 'string' ? value.encoding : '', line);
    }
    if (wantTime) {
      const time = parsed.eventMetadata?.inferenceTime;
      assert.equal(fields.inferenceTime, typeof time === 'string' ? time : null, line);
    }
  });
}

/** Why `e` is not an acceptable failure of reading `file`: anything but a FormatError naming the file and a line. */
function unacceptable(e: unknown, file: string, lines: number): string | undefined {
  if (!(e instanceof FormatError)) return `threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)} instead of a FormatError`;
  if (e.file !== file) return `the FormatError names ${e.file}, not the file`;
  if (e.line === undefined || e.line < 1 || e.line > lines) return `the FormatError names line ${e.line} of a file with ${lines} line(s): ${e.message}`;
  return undefined;
}

/** A profile that sends every cell to one column, counting columns: the readers' behaviour without the sketches' cost. */
class CountingProfile extends DatasetProfile {
  width = 0;
  private readonly sink = new ColumnProfile(null);

  override column(index: number): ColumnProfile {
    this.width = Math.max(this.width, index + 1);
    return this.sink;
  }
}

function readAll(input: DatasetInput): CountingProfile {
  const plan = planDataset(input);
  const profile = new CountingProfile(plan.settings.kind === 'jsonl' ? [] : null);
  for (const partition of plan.partitions) scanPartition(partition, plan.settings, profile);
  return profile;
}

/** Damaged capture files, read by the analyzer's reader (fast path and full reader), fail only with FormatErrors naming file and line. */
export function captureReaderFailsOnlyWithFormatErrors(scratch: ScratchFile): SyncFuzzProperty<[string[], string, boolean]> {
  return fuzzProperty(fc.tuple(fc.array(damagedCaptureLine, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'), fc.boolean()), ([lines, eol, windowed]) => {
    const path = scratch.write(lines.join(eol));
    const input: DatasetInput = windowed
      ? { kind: 'capture', paths: [path], start: new Date('2020-01-01T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') }
      : { kind: 'capture', paths: [path] };
    try {
      readAll(input);
    } catch (e) {
      const why = unacceptable(e, path, lines.length);
      if (why) throw new Error(`${why}\nlines: ${JSON.stringify(lines)}`);
    }
  });
}

/** Header cells that make trouble: repeats (in any case), empty names, quotes, commas inside quotes, odd bytes. */
const headerCell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('x', 'X', 'y', 'x0', 'x1', '_c0', '_c1', 'a b', 'é') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '"x"', '"x,y"', '"a""b"', '"open', 'x"y', '\t', '\u0000') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

/** A CSV with a damaged header: blank lines before it, a BOM, CRLF, rows of the right width or not. */
const damagedCsv = fc
  .record({
    blank: fc.constantFrom('', '\n', ' \n', '\r\n\t\n'),
    bom: fc.boolean(),
    header: fc.array(headerCell, { minLength: 1, maxLength: 6 }),
    rows: fc.array(fc.array(fc.constantFrom('1', '2.5', '', 'a', '"q"', '"un'), { minLength: 0, maxLength: 6 }), { maxLength: 4 }),
    eol: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ blank, bom, header, rows, eol }) => ({
    text: `${bom ? '\ufeff' : ''}${blank}${[header.join(','), ...rows.map((row) => row.join(','))].join(eol)}${eol}`,
  }));

/**
 * A CSV with a damaged header is read with unique names (case-insensitively, as Spark needs them) and
 * rows of the header's width, or fails with a FormatError naming the file and a line.
 */
export function csvHeaderReadsUniqueNamesOrFails(scratch: ScratchFile): SyncFuzzProperty<[{ text: string }, boolean]> {
  return fuzzProperty(fc.tuple(damagedCsv, fc.boolean()), ([{ text }, header]) => {
    const path = scratch.write(text);
    const lines = text.split('\n').length;
    try {
      const read = readCsvHeader(path, header);
      if (read !== null) {
        const lower = read.names.map((name) => name.toLowerCase());
        assert.equal(new Set(lower).size, lower.length, `names repeat: ${JSON.stringify(read.names)}`);
        assert.ok(read.names.every((name) => name !== ''), `an empty name: ${JSON.stringify(read.names)}`);
      }
      const profile = readAll({ kind: 'csv', path, header });
      if (read !== null) assert.ok(profile.width <= read.names.length, 'more columns than the header names');
    } catch (e) {
      if (e instanceof assert.AssertionError) throw new Error(`${e.message}\ntext: ${JSON.stringify(text)}`);
      const why = unacceptable(e, path, lines);
      if (why) throw new Error(`${why}\ntext: ${JSON.stringify(text)}`);
    }
  });
}
