import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { FormatError } from '../../../src/monitoring/formats/formatError';
import { joinJsonLines, readJsonLines, readJsonLinesLenient, splitJsonLines, type JsonLine, type UndecodableLine } from '../../../src/monitoring/formats/jsonLines';

async function readAll(chunks: (string | Uint8Array)[], file = 'f.jsonl'): Promise<JsonLine[]> {
  const out: JsonLine[] = [];
  for await (const line of readJsonLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c)))), file)) out.push(line);
  return out;
}

/** Splits bytes into chunks of `size`, to move chunk boundaries through lines and characters. */
function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('JSON Lines', () => {
  const FILE_TEXT = '{"a":1}\r\n\r\n  \n{"b":"é€😀"}\n{"c":3}';
  const EXPECTED = [
    { line: 1, text: '{"a":1}' },
    { line: 4, text: '{"b":"é€😀"}' },
    { line: 5, text: '{"c":3}' },
  ];

  it('yields non-blank lines with their file line numbers, for CRLF, blank lines and no final newline', () => {
    assert.deepStrictEqual([...splitJsonLines(FILE_TEXT, 'f')], EXPECTED);
    assert.deepStrictEqual([...splitJsonLines(`${FILE_TEXT}\n`, 'f')], EXPECTED);
  });

  it('streams the same lines whatever the chunk boundaries, even inside a multi-byte character', async () => {
    const bytes = Buffer.from(FILE_TEXT, 'utf8');
    for (const size of [1, 2, 3, 5, 7, 64]) assert.deepStrictEqual(await readAll(chunked(bytes, size)), EXPECTED, `chunks of ${size}`);
  });

  it('drops a byte-order mark at the start of the file', async () => {
    assert.deepStrictEqual(await readAll(['\ufeff{"a":1}\n']), [{ line: 1, text: '{"a":1}' }]);
  });

  it('reports invalid UTF-8 with the file and line, also when streamed byte by byte', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n\n{"b":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    await assert.rejects(
      readAll(chunked(bytes, 1), 's3://b/k.jsonl'),
      (e: unknown) => e instanceof FormatError && e.file === 's3://b/k.jsonl' && e.line === 3 && /invalid UTF-8 byte 0xc3/.test(e.message),
    );
    assert.throws(() => [...splitJsonLines(bytes, 'k')], (e: unknown) => e instanceof FormatError && e.line === 3);
  });

  it('the lenient reader yields an undecodable line where it stands and reads on, whatever the chunk boundaries', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n\n{"b":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\r\n{"c":3}')]);
    for (const size of [1, 4, 64]) {
      const out: (JsonLine | UndecodableLine)[] = [];
      for await (const l of readJsonLinesLenient(Readable.from(chunked(bytes, size)), 'k.jsonl')) out.push(l);
      assert.deepStrictEqual(out.map((l) => ('text' in l ? l : { line: l.line, problem: /invalid UTF-8 byte 0xc3/.test(l.problem) })), [
        { line: 1, text: '{"a":1}' },
        { line: 3, problem: true },
        { line: 4, text: '{"c":3}' },
      ], `chunks of ${size}`);
    }
  });

  it('rejects overlong encodings and lone surrogates that a lenient decoder would let through', () => {
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      assert.throws(() => [...splitJsonLines(Buffer.from([0x22, ...bad, 0x22]), 'k')], FormatError, `bytes ${bad}`);
    }
  });

  it('writes one record per line, ending with a newline, and refuses a record spanning lines', () => {
    assert.equal(joinJsonLines(['{"a":1}', '{"b":2}']), '{"a":1}\n{"b":2}\n');
    assert.deepStrictEqual(
      [...splitJsonLines(joinJsonLines(['{"a":1}', '{"b":2}']), 'f')].map((l) => l.line),
      [1, 2],
    );
    assert.throws(() => joinJsonLines(['{\n}']), /must not contain a newline/);
  });
});
