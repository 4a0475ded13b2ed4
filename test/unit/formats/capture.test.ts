import { strict as assert } from 'node:assert';
import { decodeCapturedPayload, parseCaptureRecord, serializeCaptureRecord } from '../../../src/monitoring/formats/capture';
import { FormatError } from '../../../src/monitoring/formats/formatError';
import { parseGroundTruthRecord, serializeGroundTruthRecord } from '../../../src/monitoring/formats/groundTruth';

const FILE = 's3://bucket/datacapture/ep/AllTraffic/2022/04/18/00/20-48-871-0b7bfd33-c8a7-4adf-a09a-98fd0af79974.jsonl';

/** A line as SageMaker writes it (spec §1.4 example). */
const CSV_LINE =
  '{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"132,10,182.9,54\\n","encoding":"CSV"},' +
  '"endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":"0.036397725343704224","encoding":"CSV"}},' +
  '"eventMetadata":{"eventId":"f04a8538-696c-4648-8064-8b680b2e3318","inferenceId":"c7f0edc0","inferenceTime":"2022-04-18T00:21:48Z"},"eventVersion":"0"}';

describe('capture and ground-truth records', () => {
  it('reads a CSV capture line and writes it back identically', () => {
    const record = parseCaptureRecord(CSV_LINE, FILE, 1);
    assert.equal(record.captureData.endpointInput?.data, '132,10,182.9,54\n');
    assert.equal(record.captureData.endpointOutput?.encoding, 'CSV');
    assert.equal(record.eventMetadata.inferenceId, 'c7f0edc0');
    assert.equal(serializeCaptureRecord(record), CSV_LINE);
  });

  it('reads a capture with output only, no inferenceId, and keeps keys it does not know', () => {
    const line = JSON.stringify({
      eventMetadata: { eventId: 'e', inferenceTime: '2024-02-03T04:05:06.789Z', customAttributes: 'c=1', traceId: 'T-1' },
      eventVersion: '0',
      captureData: { endpointOutput: { observedContentType: 'application/json', mode: 'OUTPUT', data: '{"p":[0.1]}', encoding: 'JSON' } },
      futureField: { nested: [1, 2] },
    });
    const record = parseCaptureRecord(line, FILE, 2);
    assert.equal(record.captureData.endpointInput, undefined);
    assert.equal(record.eventMetadata.traceId, 'T-1');
    assert.equal(serializeCaptureRecord(record), line);
  });

  it('rewrites unknown numbers exactly, even -0 and literals too large for a double', () => {
    const line = CSV_LINE.replace('"eventVersion":"0"', '"eventVersion":"0","x":[-0,1e999,-1e999,0.1]');
    const record = parseCaptureRecord(line, FILE, 1);
    assert.deepStrictEqual(parseCaptureRecord(serializeCaptureRecord(record), FILE, 1), record);
    assert.match(serializeCaptureRecord(record), /"x":\[-0,1e999,-1e999,0\.1\]/);
  });

  it('decodes BASE64 payloads to text and passes CSV/JSON through', () => {
    const html = '<p>héllo</p>';
    const payload = { observedContentType: 'text/html; charset=utf-8', mode: 'OUTPUT' as const, data: Buffer.from(html).toString('base64'), encoding: 'BASE64' as const };
    assert.equal(decodeCapturedPayload(payload), html);
    assert.equal(decodeCapturedPayload({ ...payload, data: '1,2,3', encoding: 'CSV' }), '1,2,3');
  });

  it('reports a BASE64 payload that is not UTF-8 text, naming where it came from', () => {
    const payload = { observedContentType: 'image/png', mode: 'INPUT' as const, data: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), encoding: 'BASE64' as const };
    assert.throws(
      () => decodeCapturedPayload(payload, { file: FILE, line: 8, field: 'captureData.endpointInput.data' }),
      (e: unknown) =>
        e instanceof FormatError && e.file === FILE && e.line === 8 && e.field === 'captureData.endpointInput.data' && /not UTF-8 text/.test(e.message),
    );
  });

  it('reads and writes a ground-truth line (spec §2.1), inferenceTime optional', () => {
    const line = '{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"aaaa-bbbb-cccc"},"eventVersion":"0"}';
    const record = parseGroundTruthRecord(line, 'gt.jsonl', 1);
    assert.equal(record.groundTruthData.data, '1');
    assert.equal(serializeGroundTruthRecord(record), line);
  });
});
