/**
 * Reading datasets: Deequ's per-cell type rules, CSV details, capture records, and the errors a user
 * gets for bad input (they must name the file and the line).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suggestDataQualityBaseline } from '../../../../src/monitoring/analysis/dataQuality';
import { CELL_BOOLEAN, CELL_FRACTIONAL, CELL_INTEGRAL, CELL_STRING, classifyText, inferColumnType } from '../../../../src/monitoring/analysis/typeInference';
import { FormatError } from '../../../../src/monitoring/formats/formatError';
import { MonitoringError } from '../../../../src/monitoring/errors';
import { captureLine } from './captureFixtures';

describe('data quality analyzer: reading input', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'dq-read-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  describe('type of a cell (Deequ regexes)', () => {
    const cases: [string, number, number?][] = [
      ['0', CELL_INTEGRAL, 0],
      ['-3', CELL_INTEGRAL, -3],
      ['+7', CELL_INTEGRAL, 7],
      ['- 5', CELL_INTEGRAL, -5],
      ['18.0', CELL_FRACTIONAL, 18],
      ['0.455', CELL_FRACTIONAL, 0.455],
      ['1e-3', CELL_FRACTIONAL, 0.001],
      ['2.5E+10', CELL_FRACTIONAL, 2.5e10],
      ['0.1234567890123456789', CELL_FRACTIONAL, Number('0.1234567890123456789')],
      ['12345678901234567890', CELL_INTEGRAL, Number('12345678901234567890')],
      ['.5', CELL_STRING],
      ['5.', CELL_STRING],
      ['1e', CELL_STRING],
      ['NaN', CELL_STRING],
      [' 5', CELL_STRING],
      ['5 ', CELL_STRING],
      ['M', CELL_STRING],
      ['true', CELL_BOOLEAN],
      ['false', CELL_BOOLEAN],
    ];
    for (const [text, type, value] of cases) {
      it(`${JSON.stringify(text)} is ${['Integral', 'Fractional', 'Boolean', 'String'][type]}`, () => {
        const result = classifyText(text);
        assert.equal(result.type, type);
        if (value !== undefined) assert.equal(result.value, value);
      });
    }
    it('parses every numeral to the same double as Number()', () => {
      for (let i = 0; i < 20000; i++) {
        const digits = Math.floor(Math.random() * 1e9) / 10 ** Math.floor(Math.random() * 9);
        const text = String(digits);
        assert.equal(classifyText(text).value, Number(text), text);
      }
    });
    it('decides a column type as Deequ does', () => {
      assert.equal(inferColumnType([5, 0, 0, 0]), 'Integral');
      assert.equal(inferColumnType([5, 1, 0, 0]), 'Fractional');
      assert.equal(inferColumnType([5, 1, 0, 1]), 'String');
      assert.equal(inferColumnType([0, 0, 3, 0]), 'String');
      assert.equal(inferColumnType([0, 0, 0, 0]), 'Unknown');
    });
  });

  describe('CSV', () => {
    it('names columns _c0… without a header, handles quotes, CRLF, BOM and blank lines, and counts empty cells as missing', async () => {
      const path = file('plain.csv', '\ufeff1,"a,b",2.5\r\n\r\n2,"say ""hi""",\r\n3,c,4\r\n');
      const { statistics } = await suggestDataQualityBaseline({ kind: 'csv', path, header: false }, { workers: 1 });
      assert.deepEqual(
        statistics.features.map((f) => [f.name, f.inferred_type]),
        [
          ['_c0', 'Integral'],
          ['_c1', 'String'],
          ['_c2', 'Fractional'],
        ],
      );
      assert.equal(statistics.dataset.item_count, 3);
      const text = statistics.features[1].string_statistics!;
      assert.deepEqual(text.distribution?.categorical.buckets.map((b) => b.value).sort(), ['a,b', 'c', 'say "hi"']);
      assert.deepEqual(statistics.features[2].numerical_statistics!.common, { num_present: 2, num_missing: 1 });
      assert.equal(statistics.features[2].numerical_statistics!.sum, 6.5);
    });

    it('rejects a row with the wrong number of cells, naming file and line', async () => {
      const path = file('short.csv', 'a,b,c\n1,2,3\n4,5\n');
      await assert.rejects(suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 }), (e: unknown) => {
        assert.ok(e instanceof FormatError);
        assert.equal(e.file, path);
        assert.equal(e.line, 3);
        assert.match(e.message, /2 cells but the header has 3 columns/);
        return true;
      });
    });

    it('rejects bytes that are not UTF-8, naming the line', async () => {
      const path = file('latin1.csv', Buffer.concat([Buffer.from('name\nok\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]));
      await assert.rejects(suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 }), (e: unknown) => {
        assert.ok(e instanceof FormatError);
        assert.equal(e.line, 3);
        assert.match(e.message, /UTF-8/);
        return true;
      });
    });

    it('fails with BadData "Job inputs had no data" on a header-only file', async () => {
      const path = file('empty.csv', 'a,b\n');
      await assert.rejects(suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 }), (e: unknown) => {
        assert.ok(e instanceof MonitoringError);
        assert.equal(e.kind, 'BadData');
        assert.match(e.message, /^Job inputs had no data/);
        assert.ok(e.message.includes(path));
        return true;
      });
    });
  });

  describe('JSON Lines', () => {
    it('reads flat objects with columns in key order, keeping 1 and 1.0 apart', async () => {
      const path = file('rows.jsonl', '{"b": 1, "a": "x"}\n{"a": "y", "b": 2.0, "c": null}\n{"a": "x", "b": -4}\n');
      const { statistics } = await suggestDataQualityBaseline({ kind: 'jsonl', path }, { workers: 1 });
      assert.deepEqual(
        statistics.features.map((f) => [f.name, f.inferred_type]),
        [
          ['a', 'String'],
          ['b', 'Fractional'],
          ['c', 'Unknown'],
        ],
      );
      assert.equal(statistics.features[1].numerical_statistics!.sum, -1);
      assert.deepEqual(statistics.features[2].string_statistics!.common, { num_present: 0, num_missing: 3 });
    });

    it('rejects a malformed line and nested values, naming file and line', async () => {
      const bad = file('bad.jsonl', '{"a": 1}\n{"a": 2,}\n');
      await assert.rejects(suggestDataQualityBaseline({ kind: 'jsonl', path: bad }, { workers: 1 }), (e: unknown) => e instanceof FormatError && e.line === 2 && e.file === bad);
      const nested = file('nested.jsonl', '{"a": {"b": 1}}\n');
      await assert.rejects(suggestDataQualityBaseline({ kind: 'jsonl', path: nested }, { workers: 1 }), /nested JSON/);
    });
  });

  describe('SageMaker capture files', () => {
    it('puts the output fields first, then the input fields, and decodes escapes and BASE64', async () => {
      const b64 = (text: string): string => Buffer.from(text).toString('base64');
      const lines = [
        captureLine('1,2', '0.5'),
        captureLine('3,4\n', '0.25\n'),
        JSON.stringify({
          captureData: {
            endpointInput: { observedContentType: 'text/html', mode: 'INPUT', data: b64('5,6'), encoding: 'BASE64' },
            endpointOutput: { observedContentType: 'text/html', mode: 'OUTPUT', data: b64('0.75'), encoding: 'BASE64' },
          },
          eventMetadata: { eventId: 'x', inferenceTime: '2024-01-01T00:00:00Z' },
          eventVersion: '0',
        }),
      ];
      const path = file('capture.jsonl', lines.join('\n') + '\n');
      const { statistics } = await suggestDataQualityBaseline({ kind: 'capture', paths: [path] }, { workers: 1 });
      assert.equal(statistics.dataset.item_count, 3);
      assert.deepEqual(
        statistics.features.map((f) => [f.name, f.inferred_type, f.numerical_statistics?.sum]),
        [
          ['_c0', 'Fractional', 1.5],
          ['_c1', 'Integral', 9],
          ['_c2', 'Integral', 12],
        ],
      );
    });

    it('keeps only records inside the [start, end) window of inference time', async () => {
      const path = file('window.jsonl', [captureLine('1', '1', '2024-01-01T00:59:59Z'), captureLine('2', '2', '2024-01-01T01:00:00Z'), captureLine('3', '3', '2024-01-01T02:00:00Z')].join('\n'));
      const { statistics } = await suggestDataQualityBaseline(
        { kind: 'capture', paths: [path], start: new Date('2024-01-01T01:00:00Z'), end: new Date('2024-01-01T02:00:00Z') },
        { workers: 1 },
      );
      assert.equal(statistics.dataset.item_count, 1);
      assert.equal(statistics.features[0].numerical_statistics!.sum, 2);
    });

    it("fails with SageMaker's Encoding mismatch error when input and output encodings differ", async () => {
      const record = JSON.parse(captureLine('1,2', '0.5')) as { captureData: { endpointOutput: { encoding: string } } };
      record.captureData.endpointOutput.encoding = 'JSON';
      const path = file('mismatch.jsonl', captureLine('1,2', '0.5') + '\n' + JSON.stringify(record) + '\n');
      await assert.rejects(suggestDataQualityBaseline({ kind: 'capture', paths: [path] }, { workers: 1 }), (e: unknown) => {
        assert.ok(e instanceof FormatError);
        assert.equal(e.line, 2);
        assert.match(e.message, /Encoding mismatch: Encoding is CSV for endpointInput, but Encoding is JSON for endpointOutput\. We currently only support the same type of input and output encoding at the moment\./);
        return true;
      });
    });

    it('rejects a truncated capture line, naming file and line', async () => {
      const good = captureLine('1,2', '0.5');
      const path = file('truncated.jsonl', `${good}\n${good}\n${good.slice(0, 80)}\n`);
      await assert.rejects(suggestDataQualityBaseline({ kind: 'capture', paths: [path] }, { workers: 1 }), (e: unknown) => e instanceof FormatError && e.line === 3 && e.file === path);
    });

    it('fails with BadData when the window holds no records', async () => {
      const path = file('old.jsonl', captureLine('1', '1', '2020-01-01T00:00:00Z') + '\n');
      await assert.rejects(
        suggestDataQualityBaseline({ kind: 'capture', paths: [path], start: new Date('2024-01-01T00:00:00Z') }, { workers: 1 }),
        (e: unknown) => e instanceof MonitoringError && e.kind === 'BadData' && /^Job inputs had no data/.test(e.message),
      );
    });
  });
});
