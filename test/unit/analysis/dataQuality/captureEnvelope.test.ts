/**
 * The capture-line fast path must read exactly what a JSON parser reads, and hand every line it is
 * not sure about back to the full reader (returning false) rather than guess.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CaptureEnvelopeScanner, CaptureFields, type PayloadSpan } from '../../../../src/monitoring/analysis/captureEnvelope';

interface Parsed {
  captureData?: { endpointInput?: { data?: unknown; encoding?: unknown }; endpointOutput?: { data?: unknown; encoding?: unknown } };
  eventMetadata?: { inferenceTime?: unknown };
}

/** Text with the characters that matter to the scanner: quotes, backslashes, control characters, UTF-8. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9.,: -]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', ',', '"', '\\', '\n', '\t', 'é', '→', '😀', '\u0001'), maxLength: 8 }) },
);
const encoding = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('CSV', 'JSON', 'BASE64') }, { weight: 1, arbitrary: text });
/** Other members a record may carry: mostly strings and objects of strings, sometimes numbers, arrays, nesting. */
const extraValue = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'mode'), text, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 2 }), fc.constant({ x: { y: 'z' } })) },
);
const extras = fc.dictionary(fc.constantFrom('observedContentType', 'mode', 'eventVersion', 'custom', 'x"y', 'ü'), extraValue, { maxKeys: 3 });
const payload = fc.record(
  { data: fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.integer() }), encoding, more: extras },
  { requiredKeys: [] },
);

/** A capture record as a plain object; key order, optional fields and odd values vary. */
const record = fc
  .record(
    {
      captureData: fc.oneof(
        { weight: 8, arbitrary: fc.record({ endpointInput: payload, endpointOutput: payload, more: extras }, { requiredKeys: [] }) },
        { weight: 1, arbitrary: extraValue },
      ),
      eventMetadata: fc.record({ eventId: text, inferenceTime: fc.oneof(text, fc.constant('2022-01-01T00:00:00Z'), fc.integer()) }, { requiredKeys: [] }),
      more: extras,
    },
    { requiredKeys: [] },
  )
  .map((r) => flatten(r as Record<string, unknown>));

/** Moves each object's `more` members into the object itself (they stand for unknown fields). */
function flatten(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'more') Object.assign(out, member);
    else out[key] = member !== null && typeof member === 'object' && !Array.isArray(member) ? flatten(member as Record<string, unknown>) : member;
  }
  return out;
}

/** JSON text with random whitespace between tokens (JSON.stringify's indentation, or none). */
const rendering = fc.record({ indent: fc.constantFrom(0, 1, '\t', ' \r\n'), duplicate: fc.boolean() });

function render(value: Record<string, unknown>, how: { indent: number | string; duplicate: boolean }): string {
  let line = JSON.stringify(value, null, how.indent);
  // A repeated key: JSON.parse keeps the last one, and so must the scanner.
  if (how.duplicate && line.startsWith('{"captureData":{"endpointInput":{')) {
    line = line.replace('{"captureData":{"endpointInput":{', '{"captureData":{"endpointInput":{"data":"first","encoding":"JSON",');
  }
  return line;
}

function scan(line: string, wantTime: boolean, scanner = new CaptureEnvelopeScanner()): CaptureFields | null {
  const bytes = Buffer.from(`xx${line}yy`);
  const fields = new CaptureFields();
  return scanner.scan(bytes, 2, bytes.length - 2, fields, wantTime) ? fields : null;
}

/** The record with each string value replaced by the next of `texts` (in turn): the same shape, other values. */
function withOtherValues(value: unknown, texts: string[], next = { at: 0 }): unknown {
  if (typeof value === 'string') return texts[next.at++ % texts.length];
  if (Array.isArray(value)) return value.map((item) => withOtherValues(item, texts, next));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, withOtherValues(member, texts, next)]));
  }
  return value;
}

/** The payload's data as JSON.parse decodes it, read back from the scanned span. */
function spanData(line: string, span: PayloadSpan): string {
  const raw = Buffer.from(`xx${line}yy`).toString('utf8', span.dataStart, span.dataEnd);
  return span.dataEscaped ? (JSON.parse(`"${raw}"`) as string) : raw;
}

function assertAgrees(line: string, wantTime: boolean, scanner?: CaptureEnvelopeScanner): void {
  const fields = scan(line, wantTime, scanner);
  if (fields === null) return; // handed back to the full reader: always allowed
  // The scanner reads bytes: compare with what JSON.parse reads from the same bytes (a lone surrogate in a
  // generated string does not survive UTF-8 encoding).
  const parsed = JSON.parse(Buffer.from(line).toString('utf8')) as Parsed;
  const captureData = parsed.captureData;
  assert.equal(fields.sawCaptureData, typeof captureData === 'object' && captureData !== null, line);
  for (const [span, value] of [
    [fields.input, captureData?.endpointInput],
    [fields.output, captureData?.endpointOutput],
  ] as const) {
    assert.equal(span.present, value !== undefined, line);
    if (value === undefined) continue;
    assert.equal(span.dataStart >= 0, typeof value.data === 'string', line);
    if (typeof value.data === 'string') assert.equal(spanData(line, span), value.data, line);
    assert.equal(span.encoding, typeof value.encoding === 'string' ? value.encoding : '', line);
  }
  if (wantTime) {
    const time = parsed.eventMetadata?.inferenceTime;
    assert.equal(fields.inferenceTime, typeof time === 'string' ? time : null, line);
  }
}

/**
 * `line` with a character inserted at (or replacing the one at) `at`, or cut there when `insert` is
 * empty: `scanner` must refuse it when JSON.parse does, and otherwise read what JSON.parse reads.
 */
function assertBrokenRefused(line: string, change: { at: number; insert: string; replace: boolean }, wantTime: boolean, scanner: CaptureEnvelopeScanner): void {
  const { insert, replace } = change;
  const cut = change.at % (line.length + 1);
  // A character inside an escape sequence makes a bad escape, which the full reader (and so the
  // fast path) only rejects when it decodes the string: not a case for these properties.
  fc.pre(insert === '' || !line.slice(Math.max(0, cut - 6), cut + 1).includes('\\'));
  const broken = insert === '' ? line.slice(0, cut) : line.slice(0, cut) + insert + line.slice(replace ? cut + 1 : cut);
  let valid = true;
  try {
    JSON.parse(Buffer.from(broken).toString('utf8'));
  } catch {
    valid = false;
  }
  if (!valid) assert.equal(scan(broken, wantTime, scanner), null, broken);
  else assertAgrees(broken, wantTime, scanner);
}

describe('capture line fast path', () => {
  it('reads the fields JSON.parse reads, or hands the line back', () => {
    fc.assert(
      fc.property(record, rendering, fc.boolean(), (value, how, wantTime) => assertAgrees(render(value, how), wantTime)),
      { numRuns: 1500 },
    );
  });

  it('never accepts a line JSON.parse rejects (cut short, or with a stray or replaced character)', () => {
    fc.assert(
      fc.property(record, rendering, fc.nat(), fc.constantFrom('', '"', '{', '}', ',', ':', '[', 'x', '\u0000', '\u001f'), fc.boolean(), fc.boolean(), (value, how, at, insert, replace, wantTime) => {
        assertBrokenRefused(render(value, how), { at, insert, replace }, wantTime, new CaptureEnvelopeScanner());
      }),
      { numRuns: 1500 },
    );
  });

  it('reads later lines of the same shape with other values as JSON.parse does (the kept template)', () => {
    fc.assert(
      fc.property(record, rendering, fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (value, how, variants, wantTime) => {
        const scanner = new CaptureEnvelopeScanner();
        assertAgrees(render(value, how), wantTime, scanner);
        for (const texts of variants) assertAgrees(render(withOtherValues(value, texts) as Record<string, unknown>, how), wantTime, scanner);
      }),
      { numRuns: 1500 },
    );
  });

  it('never accepts a broken copy of the line before it (the template does not vouch for it)', () => {
    fc.assert(
      fc.property(record, rendering, fc.nat(), fc.constantFrom('', '"', '{', '}', ',', ':', 'x', ' ', '\u0000', '\u001f'), fc.boolean(), fc.boolean(), (value, how, at, insert, replace, wantTime) => {
        const line = render(value, how);
        const scanner = new CaptureEnvelopeScanner();
        scan(line, wantTime, scanner);
        assertBrokenRefused(line, { at, insert, replace }, wantTime, scanner);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the common SageMaker shape itself', () => {
    const line =
      '{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"M,0.455,0.365","encoding":"CSV"},' +
      '"endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":"9.87","encoding":"CSV"}},' +
      '"eventMetadata":{"eventId":"b7d5","inferenceTime":"2022-01-01T10:00:00Z"},"eventVersion":"0"}';
    const fields = scan(line, true);
    assert.ok(fields !== null);
    assert.equal(spanData(line, fields.input), 'M,0.455,0.365');
    assert.equal(spanData(line, fields.output), '9.87');
    assert.equal(fields.input.encoding, 'CSV');
    assert.equal(fields.inferenceTime, '2022-01-01T10:00:00Z');
  });
});
