import { strict as assert } from 'node:assert';
import { parseCaptureRecord } from '../../../src/monitoring/formats/capture';
import { parseConstraints } from '../../../src/monitoring/formats/constraints';
import { FormatError } from '../../../src/monitoring/formats/formatError';
import { parseGroundTruthRecord } from '../../../src/monitoring/formats/groundTruth';
import { splitJsonLines } from '../../../src/monitoring/formats/jsonLines';
import { parseStatistics } from '../../../src/monitoring/formats/statistics';
import { parseViolations } from '../../../src/monitoring/formats/violations';

/** Asserts `fn` throws a FormatError with this file, field and line, whose message says `problem`. */
function assertFormatError(fn: () => unknown, expected: { file: string; field?: string; line?: number; problem: RegExp }): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FormatError, `expected a FormatError, got ${String(e)}`);
    assert.equal(e.file, expected.file);
    assert.equal(e.field, expected.field);
    assert.equal(e.line, expected.line);
    assert.match(e.message, expected.problem);
    assert.ok(e.message.startsWith(`${expected.file}${expected.line !== undefined ? `:${expected.line}` : ''}: `), e.message);
    if (expected.field) assert.ok(e.message.includes(expected.field), e.message);
    return true;
  });
}

const STATS_FILE = 's3://bucket/baseline/statistics.json';

function statisticsWith(edit: (features: Record<string, unknown>[]) => void): string {
  const feature = () => ({
    name: 'x',
    inferred_type: 'Fractional',
    numerical_statistics: { common: { num_present: 1, num_missing: 0 }, mean: 1, sum: 1, std_dev: 0, min: 1, max: 1 },
  });
  const features: Record<string, unknown>[] = [feature(), feature(), feature(), feature()];
  edit(features);
  return JSON.stringify({ version: 0, dataset: { item_count: 1 }, features }, null, 2);
}

describe('format errors name the file, the line and the field', () => {
  it('a number field holding a string', () => {
    const text = statisticsWith((f) => ((f[3].numerical_statistics as Record<string, unknown>).sum = '12.5'));
    assertFormatError(() => parseStatistics(text, STATS_FILE), {
      file: STATS_FILE,
      field: 'features[3].numerical_statistics.sum',
      problem: /must be a number, found the string "12\.5"/,
    });
  });

  it('a sketch item that is not a number, by its level and index', () => {
    const kll = { buckets: [], sketch: { parameters: { c: 0.64, k: 2048 }, data: [[1, 2, 3], [4, 5, '6', 7]] } };
    const text = statisticsWith((f) => ((f[2].numerical_statistics as Record<string, unknown>).distribution = { kll }));
    assertFormatError(() => parseStatistics(text, STATS_FILE), {
      file: STATS_FILE,
      field: 'features[2].numerical_statistics.distribution.kll.sketch.data[1][2]',
      problem: /must be a number, found the string "6"/,
    });
  });

  it('a required field missing', () => {
    const text = statisticsWith((f) => delete (f[1].numerical_statistics as Record<string, unknown>).common);
    assertFormatError(() => parseStatistics(text, STATS_FILE), {
      file: STATS_FILE,
      field: 'features[1].numerical_statistics.common',
      problem: /is required but missing/,
    });
  });

  it('a value outside its allowed set', () => {
    const text = statisticsWith((f) => (f[2].inferred_type = 'Float'));
    assertFormatError(() => parseStatistics(text, STATS_FILE), {
      file: STATS_FILE,
      field: 'features[2].inferred_type',
      problem: /must be one of "Integral", "Fractional", "String", "Unknown", found the string "Float"/,
    });
  });

  it('a count that is negative or fractional', () => {
    const text = JSON.stringify({ version: 0, dataset: { item_count: -3 }, features: [] });
    assertFormatError(() => parseStatistics(text, STATS_FILE), { file: STATS_FILE, field: 'dataset.item_count', problem: /whole number ≥ 0, found -3/ });
  });

  it('a number too large for a double', () => {
    const text = statisticsWith((f) => (f[0].name = 'ok')).replace('"mean": 1', '"mean": 1e999');
    assertFormatError(() => parseStatistics(text, STATS_FILE), {
      file: STATS_FILE,
      field: 'features[0].numerical_statistics.mean',
      problem: /must be a finite number, found Infinity/,
    });
  });

  it('broken JSON in a document, at the line of the defect', () => {
    const text = '{\n  "version" : 0.0,\n  "features" : [ {\n    "name" : "a",\n  } ]\n}\n';
    assertFormatError(() => parseConstraints(text, 'constraints.json'), { file: 'constraints.json', line: 5, problem: /not valid JSON: .*\(column 3\)/ });
  });

  it('a document cut short, at its last line', () => {
    assertFormatError(() => parseViolations('{\n  "violations" : [ {\n', 'v.json'), { file: 'v.json', line: 2, problem: /ends before the JSON value is complete/ });
  });

  it('an empty file', () => {
    assertFormatError(() => parseStatistics('  \n', STATS_FILE), { file: STATS_FILE, problem: /is empty/ });
  });

  it('a document that is neither variant', () => {
    assertFormatError(() => parseStatistics('{"version": 0}', STATS_FILE), { file: STATS_FILE, problem: /neither data-quality statistics .* nor model-quality/ });
    assertFormatError(() => parseConstraints('[]', 'c.json'), { file: 'c.json', problem: /must be an object, found an array/ });
  });

  it('a model-quality threshold with an unknown operator', () => {
    const text = JSON.stringify({ version: 0, regression_constraints: { mae: { threshold: 1, comparison_operator: 'Bigger' } } });
    assertFormatError(() => parseConstraints(text, 'c.json'), {
      file: 'c.json',
      field: 'regression_constraints.mae.comparison_operator',
      problem: /must be one of "LessThanThreshold"/,
    });
  });

  it('a metric whose standard deviation is text other than "NaN"', () => {
    const text = JSON.stringify({ binary_classification_metrics: { 'f0.5': { value: 1, standard_deviation: 'n/a' } } });
    assertFormatError(() => parseStatistics(text, STATS_FILE), {
      file: STATS_FILE,
      field: 'binary_classification_metrics["f0.5"].standard_deviation',
      problem: /must be a number, found the string "n\/a"/,
    });
  });

  it('a violation without a description', () => {
    const text = JSON.stringify({ violations: [{ feature_name: 'a', constraint_check_type: 'data_type_check' }] });
    assertFormatError(() => parseViolations(text, 'v.json'), { file: 'v.json', field: 'violations[0].description', problem: /required/ });
  });

  const CAPTURE = 's3://b/capture/ep/AllTraffic/2024/01/01/00/00-00-000-u.jsonl';
  const record = (edit: (r: Record<string, Record<string, unknown>>) => void) => {
    const r: Record<string, Record<string, unknown>> = {
      captureData: { endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' } },
      eventMetadata: { eventId: 'e1', inferenceTime: '2024-01-01T00:00:01Z' },
      eventVersion: '0' as unknown as Record<string, unknown>,
    };
    edit(r);
    return JSON.stringify(r);
  };

  it('broken JSON on a capture line, with file, line and column', () => {
    assertFormatError(() => parseCaptureRecord('{"captureData": {}, ', CAPTURE, 12), { file: CAPTURE, line: 12, problem: /not valid JSON/ });
  });

  it('a capture line with an unreadable inferenceTime', () => {
    const text = record((r) => (r.eventMetadata.inferenceTime = '18/04/2022 00:21'));
    assertFormatError(() => parseCaptureRecord(text, CAPTURE, 3), {
      file: CAPTURE,
      line: 3,
      field: 'eventMetadata.inferenceTime',
      problem: /must be an ISO-8601 time/,
    });
  });

  it('a capture payload with an unknown encoding or mode', () => {
    const text = record((r) => ((r.captureData.endpointInput as Record<string, unknown>).encoding = 'XML'));
    assertFormatError(() => parseCaptureRecord(text, CAPTURE, 1), {
      file: CAPTURE,
      line: 1,
      field: 'captureData.endpointInput.encoding',
      problem: /must be one of "CSV", "JSON", "BASE64"/,
    });
  });

  it('a BASE64 payload that is not base64', () => {
    const text = record((r) => Object.assign(r.captureData.endpointInput as object, { encoding: 'BASE64', data: 'not base64!' }));
    assertFormatError(() => parseCaptureRecord(text, CAPTURE, 4), {
      file: CAPTURE,
      line: 4,
      field: 'captureData.endpointInput.data',
      problem: /not valid base64/,
    });
  });

  it('a ground-truth label encoded other than CSV', () => {
    const text = JSON.stringify({ groundTruthData: { data: '1', encoding: 'JSON' }, eventMetadata: { eventId: 'a' }, eventVersion: '0' });
    assertFormatError(() => parseGroundTruthRecord(text, 'gt.jsonl', 9), {
      file: 'gt.jsonl',
      line: 9,
      field: 'groundTruthData.encoding',
      problem: /must be one of "CSV", found the string "JSON"/,
    });
  });

  it('bytes that are not UTF-8, at their line', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n{"b":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    assertFormatError(() => [...splitJsonLines(bytes, CAPTURE)], { file: CAPTURE, line: 2, problem: /invalid UTF-8 byte 0xe9/ });
  });
});
