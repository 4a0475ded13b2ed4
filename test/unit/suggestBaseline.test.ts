import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalBackend } from '../../src/monitoring/local/localBackend';
import { isMonitoringError } from '../../src/monitoring/errors';
import { formatOfName, suggestBaselineInto } from '../../src/monitoring/suggestBaseline';

describe('Suggest Baseline into a backend', () => {
  let dir: string;
  let backend: LocalBackend;
  const csv = 'age,income,city\n30,1000.5,Paris\n41,2200,Lyon\n52,,Paris\n';

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mm-suggest-'));
    backend = new LocalBackend(join(dir, 'workspace'));
  });
  afterEach(async () => {
    backend.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('analyses a local CSV with a header and writes both files into the output folder', async () => {
    const path = join(dir, 'train.csv');
    await writeFile(path, csv);
    const fractions: number[] = [];
    const result = await suggestBaselineInto(backend, { dataset: { kind: 'file', path }, format: 'csv', header: true, outputUri: 's3://bucket/baseline', onProgress: (f) => fractions.push(f) });
    assert.deepEqual({ rows: result.rows, columns: result.columns }, { rows: 3, columns: 3 });
    assert.equal(result.constraintsUri, 's3://bucket/baseline/constraints.json');
    const constraints = (await backend.readConstraints(result.constraintsUri)) as { features: { name: string }[] };
    assert.deepEqual(constraints.features.map((f) => f.name), ['age', 'income', 'city']);
    const statistics = (await backend.readStatistics(result.statisticsUri)) as { dataset: { item_count: number } };
    assert.equal(statistics.dataset.item_count, 3);
    assert.equal(fractions.at(-1), 1);
  });

  it('reads a dataset from S3 (here the workspace), CSV without header or JSON Lines', async () => {
    await backend.objects.put('s3://bucket/data/train.csv', '30,1000.5\n41,2200\n');
    const headerless = await suggestBaselineInto(backend, { dataset: { kind: 's3', uri: 's3://bucket/data/train.csv' }, format: 'csv', outputUri: 's3://bucket/b1' });
    assert.deepEqual(((await backend.readConstraints(headerless.constraintsUri)) as { features: { name: string }[] }).features.map((f) => f.name), ['_c0', '_c1']);
    await backend.objects.put('s3://bucket/data/train.jsonl', '{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n');
    const lines = await suggestBaselineInto(backend, { dataset: { kind: 's3', uri: 's3://bucket/data/train.jsonl' }, format: formatOfName('train.jsonl'), outputUri: 's3://bucket/b2' });
    assert.equal(lines.rows, 2);
    await assert.rejects(suggestBaselineInto(backend, { dataset: { kind: 's3', uri: 's3://bucket/data/missing.csv' }, format: 'csv', outputUri: 's3://bucket/b3' }), (e: unknown) => isMonitoringError(e) && e.kind === 'NotFound');
  });

  it('writes nothing when cancelled, and refuses to replace an existing baseline unless asked', async () => {
    const path = join(dir, 'train.csv');
    await writeFile(path, csv);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(suggestBaselineInto(backend, { dataset: { kind: 'file', path }, format: 'csv', header: true, outputUri: 's3://bucket/cancelled', signal: controller.signal }));
    assert.equal(await backend.statObject('s3://bucket/cancelled/statistics.json'), undefined);
    assert.equal(await backend.statObject('s3://bucket/cancelled/constraints.json'), undefined);
    await suggestBaselineInto(backend, { dataset: { kind: 'file', path }, format: 'csv', header: true, outputUri: 's3://bucket/once' });
    await assert.rejects(suggestBaselineInto(backend, { dataset: { kind: 'file', path }, format: 'csv', header: true, outputUri: 's3://bucket/once' }), (e: unknown) => isMonitoringError(e) && e.kind === 'InUse');
    await suggestBaselineInto(backend, { dataset: { kind: 'file', path }, format: 'csv', header: true, outputUri: 's3://bucket/once', overwrite: true });
  });
});
