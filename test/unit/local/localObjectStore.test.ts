import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStore } from '../../../src/monitoring/local/localObjectStore';
import { isMonitoringError } from '../../../src/monitoring/errors';

describe('LocalObjectStore', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-objects-'));
    store = new LocalObjectStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const list = async (prefix: string) => {
    const uris: string[] = [];
    for await (const o of store.list(prefix)) uris.push(o.uri);
    return uris;
  };

  it('maps s3://bucket/key onto <root>/s3/bucket/key and reads back what it wrote', async () => {
    await store.put('s3://b/a/b/c.json', '{"x":1}');
    assert.equal(store.localPath('s3://b/a/b/c.json'), join(root, 's3', 'b', 'a', 'b', 'c.json'));
    assert.equal(Buffer.from((await store.get('s3://b/a/b/c.json'))!).toString(), '{"x":1}');
    assert.equal(await store.get('s3://b/a/b/missing.json'), undefined);
    await assert.rejects(store.getStream('s3://b/nope'), (e: unknown) => isMonitoringError(e) && e.kind === 'NotFound');
  });

  it('lists in S3 key order (byte order of the whole key), under a folder or a partial name', async () => {
    for (const key of ['data/a/b.json', 'data/a-b.json', 'data/a.json', 'data/B.json', 'other/x.json']) await store.put(`s3://b/${key}`, key);
    assert.deepEqual(await list('s3://b/data/'), ['s3://b/data/B.json', 's3://b/data/a-b.json', 's3://b/data/a.json', 's3://b/data/a/b.json']);
    assert.deepEqual(await list('s3://b/data/a'), ['s3://b/data/a-b.json', 's3://b/data/a.json', 's3://b/data/a/b.json']);
    assert.deepEqual(await list('s3://b/nothing/'), []);
  });

  it('lists immediate folders, but not empty directories (S3 has none)', async () => {
    await store.put('s3://b/cap/ep/AllTraffic/2024/01/01/00/x.jsonl', '{}');
    await store.put('s3://b/cap/ep/Shadow/2024/01/01/00/y.jsonl', '{}');
    await mkdir(join(root, 's3', 'b', 'cap', 'ep', 'Empty', '2024'), { recursive: true });
    assert.deepEqual(await store.listFolders('s3://b/cap/ep/'), ['s3://b/cap/ep/AllTraffic/', 's3://b/cap/ep/Shadow/']);
  });

  it('putNew never replaces an existing object (captured data is only ever added)', async () => {
    assert.equal(await store.putNew('s3://b/cap/f.jsonl', 'first\n'), true);
    assert.equal(await store.putNew('s3://b/cap/f.jsonl', 'second\n'), false);
    assert.equal(Buffer.from((await store.get('s3://b/cap/f.jsonl'))!).toString(), 'first\n');
    assert.deepEqual(await readdir(join(root, 's3', 'b', 'cap')), ['f.jsonl'], 'no temp files are left behind');
  });

  it('refuses keys that would leave the workspace', async () => {
    await assert.rejects(store.put('s3://b/../../etc/x', 'x'), (e: unknown) => isMonitoringError(e) && e.kind === 'Validation' && /\.\./.test(e.message));
  });
});
