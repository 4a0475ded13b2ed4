import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { CapturedRecord } from '../../src/monitoring/backend';
import { MonitoringError } from '../../src/monitoring/errors';
import type { CaptureRecord } from '../../src/monitoring/formats/capture';
import type { DataQualityConstraints } from '../../src/monitoring/formats/constraints';
import { isDataQualityStatistics } from '../../src/monitoring/formats/statistics';
import { parseGroundTruthRecord } from '../../src/monitoring/formats/groundTruth';
import { splitJsonLines } from '../../src/monitoring/formats/jsonLines';
import { captureFileUri, MonitoringFiles, reportFolderUri } from '../../src/monitoring/monitoringFiles';
import { MemoryObjectStore } from './support/memoryObjectStore';
import { goldenPath } from './support/fixtures';

const GOLDEN = goldenPath('packt-sagemaker-cookbook-ch07');
const golden = (name: string) => readFileSync(`${GOLDEN}/${name}`, 'utf8');

function captureLine(eventId: string, inferenceTime: string): string {
  const record: CaptureRecord = {
    captureData: { endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2,3', encoding: 'CSV' } },
    eventMetadata: { eventId, inferenceTime },
    eventVersion: '0',
  };
  return JSON.stringify(record);
}

async function collect(iterable: AsyncIterable<CapturedRecord>): Promise<CapturedRecord[]> {
  const out: CapturedRecord[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

function isMonitoringError(kind: MonitoringError['kind'], ...mentions: (string | RegExp)[]) {
  return (e: unknown) => {
    assert.ok(e instanceof MonitoringError, `expected a MonitoringError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    for (const m of mentions) {
      if (typeof m === 'string') assert.ok(e.message.includes(m), e.message);
      else assert.match(e.message, m);
    }
    return true;
  };
}

describe('MonitoringFiles over an object store', () => {
  let store: MemoryObjectStore;
  let files: MonitoringFiles;
  beforeEach(() => {
    store = new MemoryObjectStore();
    files = new MonitoringFiles(store);
  });

  describe('baseline files', () => {
    it('reads statistics and constraints written by SageMaker', async () => {
      await store.put('s3://b/baseline/statistics.json', golden('baseline_statistics.json'));
      await store.put('s3://b/baseline/constraints.json', golden('baseline_constraints.json'));
      const statistics = await files.readStatistics('s3://b/baseline/statistics.json');
      assert.ok(isDataQualityStatistics(statistics));
      assert.equal(statistics.features.length, 7);
      const constraints = (await files.readConstraints('s3://b/baseline/constraints.json')) as DataQualityConstraints;
      assert.equal(constraints.features[3].name, 'science');
    });

    it('says NotFound for a missing file and BadData naming the URI and field for a broken one', async () => {
      await assert.rejects(files.readStatistics('s3://b/none/statistics.json'), isMonitoringError('NotFound', 's3://b/none/statistics.json'));
      await store.put('s3://b/bad/constraints.json', golden('baseline_constraints.json').replace('"completeness" : 1.0', '"completeness" : "full"'));
      await assert.rejects(
        files.readConstraints('s3://b/bad/constraints.json'),
        isMonitoringError('BadData', 's3://b/bad/constraints.json', 'features[0].completeness', 'must be a number'),
      );
    });

    it('reports a file that is not UTF-8 as BadData', async () => {
      await store.put('s3://b/latin1/statistics.json', Buffer.from('{"version": 0, "x": "caf\xe9"}', 'latin1'));
      await assert.rejects(files.readStatistics('s3://b/latin1/statistics.json'), isMonitoringError('BadData', 's3://b/latin1/statistics.json', 'invalid UTF-8'));
    });

    it('writes constraints in SageMaker layout and will not overwrite without being told to', async () => {
      const uri = 's3://b/edited/constraints.json';
      const constraints = (await (async () => {
        await store.put('s3://b/baseline/constraints.json', golden('baseline_constraints.json'));
        return files.readConstraints('s3://b/baseline/constraints.json');
      })()) as DataQualityConstraints;
      await files.writeConstraints(uri, constraints);
      assert.equal(store.text(uri), golden('baseline_constraints.json'));
      assert.equal(store.contentType(uri), 'application/json');

      constraints.features[0].inferred_type = 'Fractional';
      await assert.rejects(files.writeConstraints(uri, constraints), isMonitoringError('InUse', uri, /already exists/));
      assert.match(store.text(uri) ?? '', /"inferred_type" : "Integral"/);
      await files.writeConstraints(uri, constraints, { overwrite: true });
      assert.match(store.text(uri) ?? '', /"name" : "approved",\n {4}"inferred_type" : "Fractional"/);
    });

    it('does not mistake a sibling with a longer name for an existing file', async () => {
      await store.put('s3://b/edited/constraints.json.bak', '{}');
      const constraints = { version: 0, features: [] };
      await files.writeConstraints('s3://b/edited/constraints.json', constraints);
      assert.ok(store.text('s3://b/edited/constraints.json'));
    });

    it('refuses to write constraints that would not read back', async () => {
      const broken = { version: 0, features: [{ name: 'x', inferred_type: 'Float' }] } as unknown as DataQualityConstraints;
      await assert.rejects(files.writeConstraints('s3://b/c.json', broken), isMonitoringError('Validation', 'features[0].inferred_type'));
      assert.equal(store.text('s3://b/c.json'), undefined);
    });
  });

  describe('execution reports', () => {
    const folder = reportFolderUri('s3://b/reports/', 'ep', 'hourly', new Date('2021-06-13T19:04:11Z'));

    it('places reports in {output}/{endpoint}/{schedule}/yyyy/mm/dd/HH of the scheduled hour', () => {
      assert.equal(folder, 's3://b/reports/ep/hourly/2021/06/13/19');
      assert.equal(files.reportFolderUri('s3://b/reports', 'ep', 'hourly', new Date('2021-06-13T19:59:59Z')), folder);
    });

    it('reads whichever of the three files exist', async () => {
      await store.put(`${folder}/statistics.json`, golden('monitoring_statistics.json'));
      await store.put(`${folder}/constraint_violations.json`, golden('monitoring_constraint_violations.json'));
      const reports = await files.readExecutionReports(folder);
      assert.equal(reports.reportUri, folder);
      assert.equal(reports.constraints, undefined);
      assert.equal(reports.violations?.violations[0].feature_name, 'science');
      assert.ok(reports.statistics && isDataQualityStatistics(reports.statistics));
      assert.deepStrictEqual(await files.readExecutionReports('s3://b/reports/ep/hourly/2021/06/13/20'), { reportUri: 's3://b/reports/ep/hourly/2021/06/13/20' });
    });

    it('reports a broken file among them as BadData naming it', async () => {
      await store.put(`${folder}/statistics.json`, golden('monitoring_statistics.json'));
      await store.put(`${folder}/constraint_violations.json`, '{"violations": [ {"feature_name": "a"');
      await assert.rejects(files.readExecutionReports(folder), isMonitoringError('BadData', `${folder}/constraint_violations.json`, 'not valid JSON'));
    });
  });

  describe('captured records', () => {
    const dest = 's3://b/capture/';
    const at = (iso: string) => new Date(iso);

    async function putCapture(variant: string, time: string, lines: string[], eol = '\n'): Promise<string> {
      const uri = captureFileUri(dest, 'ep', variant, at(time));
      await store.put(uri, lines.join(eol));
      return uri;
    }

    it('names capture files {MM}-{SS}-{mmm}-{uuid}.jsonl under the UTC hour, without a double slash', () => {
      const uri = captureFileUri(dest, 'ep', 'AllTraffic', at('2022-04-18T00:20:48.871Z'));
      assert.match(uri, /^s3:\/\/b\/capture\/ep\/AllTraffic\/2022\/04\/18\/00\/20-48-871-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jsonl$/);
      assert.notEqual(uri, files.captureFileUri(dest, 'ep', 'AllTraffic', at('2022-04-18T00:20:48.871Z')));
    });

    it('yields the records inside [start, end) with their file and line, listing only the hours of the window', async () => {
      store.streamChunkSize = 7; // records span chunks
      const early = await putCapture('AllTraffic', '2024-03-01T09:59:00Z', [captureLine('too-early', '2024-03-01T09:59:30Z'), captureLine('a', '2024-03-01T10:00:00Z')], '\r\n');
      const late = await putCapture('AllTraffic', '2024-03-01T11:30:00Z', ['', captureLine('b', '2024-03-01T11:30:01Z'), captureLine('at-end', '2024-03-01T12:00:00Z'), '']);
      await putCapture('AllTraffic', '2024-03-01T12:10:00Z', [captureLine('outside', '2024-03-01T12:10:00Z')]);
      await putCapture('AllTraffic', '2024-02-01T10:10:00Z', [captureLine('other-day', '2024-02-01T10:10:00Z')]);
      await putCapture('Shadow', '2024-03-01T10:15:00Z', [captureLine('shadow', '2024-03-01T10:15:00Z')]);

      const records = await collect(files.readCapturedRecords({ destinationS3Uri: dest, endpointName: 'ep', variantName: 'AllTraffic', start: at('2024-03-01T09:59:45Z'), end: at('2024-03-01T12:00:00Z') }));
      assert.deepStrictEqual(
        records.map((r) => [r.record.eventMetadata.eventId, r.uri, r.line]),
        [
          ['a', early, 2],
          ['b', late, 2],
        ],
      );
      assert.deepStrictEqual(store.listedPrefixes, [
        's3://b/capture/ep/AllTraffic/2024/03/01/09/',
        's3://b/capture/ep/AllTraffic/2024/03/01/10/',
        's3://b/capture/ep/AllTraffic/2024/03/01/11/',
      ]);
    });

    it('finds the variants when none is given', async () => {
      await putCapture('AllTraffic', '2024-03-01T10:00:00Z', [captureLine('main', '2024-03-01T10:00:00Z')]);
      await putCapture('Shadow', '2024-03-01T10:15:00Z', [captureLine('shadow', '2024-03-01T10:15:00Z')]);
      const records = await collect(files.readCapturedRecords({ destinationS3Uri: dest, endpointName: 'ep', start: at('2024-03-01T10:00:00Z'), end: at('2024-03-01T11:00:00Z') }));
      assert.deepStrictEqual(records.map((r) => r.record.eventMetadata.eventId), ['main', 'shadow']);
      assert.deepStrictEqual(store.listedFolderPrefixes, ['s3://b/capture/ep/']);
    });

    it('yields nothing for an endpoint without captures', async () => {
      assert.deepStrictEqual(await collect(files.readCapturedRecords({ destinationS3Uri: dest, endpointName: 'none', start: at('2024-03-01T10:00:00Z'), end: at('2024-03-01T11:00:00Z') })), []);
    });

    it('stops with BadData naming the file and line of a malformed record', async () => {
      const uri = await putCapture('AllTraffic', '2024-03-01T10:00:00Z', [captureLine('a', '2024-03-01T10:00:00Z'), '{"captureData": {}, "eventMetadata": {"eventId": 5}}']);
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const r of files.readCapturedRecords({ destinationS3Uri: dest, endpointName: 'ep', variantName: 'AllTraffic', start: at('2024-03-01T10:00:00Z'), end: at('2024-03-01T11:00:00Z') })) seen.push(r.record.eventMetadata.eventId);
        })(),
        isMonitoringError('BadData', `${uri}:2`, 'eventMetadata.eventId', 'must be a string'),
      );
      assert.deepStrictEqual(seen, ['a']);
    });
  });

  describe('ground truth', () => {
    const at = (iso: string) => new Date(iso);

    it('writes the labels as JSON Lines under the collection hour and returns the file', async () => {
      const records = [
        { groundTruthData: { data: '1', encoding: 'CSV' as const }, eventMetadata: { eventId: 'id-1' }, eventVersion: '0' },
        { groundTruthData: { data: '0', encoding: 'CSV' as const }, eventMetadata: { eventId: 'id-2' }, eventVersion: '0' },
      ];
      const uri = await files.writeGroundTruth({ groundTruthS3Uri: 's3://b/gt/', time: at('2022-02-18T23:04:12Z'), records });
      assert.match(uri, /^s3:\/\/b\/gt\/2022\/02\/18\/23\/0412-[0-9a-f-]{36}\.jsonl$/);
      const text = store.text(uri) ?? '';
      const read = [...splitJsonLines(text, uri)].map(({ line, text: t }) => parseGroundTruthRecord(t, uri, line));
      assert.deepStrictEqual(read, records);
    });

    it('refuses an empty or invalid upload, writing nothing', async () => {
      await assert.rejects(files.writeGroundTruth({ groundTruthS3Uri: 's3://b/gt', time: new Date(), records: [] }), isMonitoringError('Validation', 'no ground-truth records'));
      const bad = [{ groundTruthData: { data: 1, encoding: 'CSV' }, eventMetadata: { eventId: 'x' }, eventVersion: '0' }] as unknown as Parameters<MonitoringFiles['writeGroundTruth']>[0]['records'];
      await assert.rejects(files.writeGroundTruth({ groundTruthS3Uri: 's3://b/gt', time: new Date(), records: bad }), isMonitoringError('Validation', 'record 1', 'groundTruthData.data'));
      assert.deepStrictEqual(store.uris(), []);
    });
  });
});
