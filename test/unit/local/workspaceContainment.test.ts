import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMonitoringError } from '../../../src/monitoring/errors';
import { LocalObjectStore } from '../../../src/monitoring/local/localObjectStore';
import { LocalStore } from '../../../src/monitoring/local/localStore';
import { WorkspaceLayout } from '../../../src/monitoring/local/workspaceLayout';

/** A cloned workspace is not ours: nothing in it may lead our reads or writes out of its folder. */
describe('A hostile workspace cannot lead reads or writes outside its folder', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'mm-containment-'));
    root = join(base, 'workspace');
    outside = join(base, 'outside');
    await mkdir(join(root, 's3'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(outside, 'secret.txt'), 'not yours');
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  const refusedLink = (e: unknown) => isMonitoringError(e) && e.kind === 'AccessDenied' && /symbolic link out of the workspace/.test(e.message);

  describe('S3 URIs', () => {
    const layout = () => new WorkspaceLayout(root);

    it('refuses "\\" in buckets and keys (a folder separator on Windows)', () => {
      for (const uri of ['s3://..\\..\\x/k', 's3://b/a\\..\\..\\x', 's3://b\\c/k']) {
        assert.throws(() => layout().objectFile(uri), /may not contain "\\" \(a folder separator on Windows\)/, uri);
      }
    });

    it('refuses "." and ".." segments and keeps every path below s3/', () => {
      assert.throws(() => layout().objectFile('s3://../x'), /Not a usable bucket name/);
      assert.throws(() => layout().objectFile('s3://b/a/../../../x'), /"\." or "\.\." segments/);
      assert.equal(layout().objectFile('s3://b//a/b'), join(root, 's3', 'b', 'a', 'b'));
    });

    it('the object store reports such a URI as a validation error and writes nothing', async () => {
      const store = new LocalObjectStore(root);
      await assert.rejects(store.put('s3://..\\..\\outside/k', 'x'), (e: unknown) => isMonitoringError(e) && e.kind === 'Validation');
      assert.deepEqual(await readdir(join(root, 's3')), []);
    });
  });

  describe('symbolic links', () => {
    it('does not write through a bucket folder linked outside the workspace', async () => {
      await symlink(outside, join(root, 's3', 'bucket'));
      const store = new LocalObjectStore(root);
      await assert.rejects(store.put('s3://bucket/reports/statistics.json', '{}'), refusedLink);
      await assert.rejects(store.putNew('s3://bucket/capture/x.jsonl', '{}'), refusedLink);
      assert.deepEqual((await readdir(outside)).sort(), ['secret.txt'], 'nothing was written outside');
    });

    it('does not read, stream or list through links out of the workspace', async () => {
      await symlink(outside, join(root, 's3', 'bucket'));
      await mkdir(join(root, 's3', 'own'));
      await symlink(join(outside, 'secret.txt'), join(root, 's3', 'own', 'key.txt'));
      const store = new LocalObjectStore(root);
      await assert.rejects(store.get('s3://bucket/secret.txt'), refusedLink);
      await assert.rejects(store.get('s3://own/key.txt'), refusedLink);
      await assert.rejects(store.getStream('s3://own/key.txt'), refusedLink);
      await assert.rejects(async () => {
        for await (const _ of store.list('s3://bucket/')) void _;
      }, refusedLink);
      await assert.rejects(store.listFolders('s3://bucket/'), refusedLink);
    });

    it('refuses a dangling link whose target mkdir would create outside', async () => {
      await symlink(join(outside, 'new-folder'), join(root, 's3', 'bucket'));
      await assert.rejects(new LocalObjectStore(root).put('s3://bucket/k', 'x'), refusedLink);
      assert.deepEqual((await readdir(outside)).sort(), ['secret.txt']);
    });

    it('still follows links that stay inside the workspace, and a workspace opened through a link', async () => {
      await mkdir(join(root, 's3', 'real'));
      await symlink(join(root, 's3', 'real'), join(root, 's3', 'alias'));
      const linkedRoot = join(base, 'linked-workspace');
      await symlink(root, linkedRoot);
      const store = new LocalObjectStore(linkedRoot);
      await store.put('s3://alias/k.json', '{"ok":true}');
      assert.equal(await readFile(join(root, 's3', 'real', 'k.json'), 'utf8'), '{"ok":true}');
      assert.equal(Buffer.from((await store.get('s3://alias/k.json'))!).toString(), '{"ok":true}');
    });

    it('does not read or write API documents through a linked folder', async () => {
      await mkdir(join(root, 'api'), { recursive: true });
      await symlink(outside, join(root, 'api', 'monitoring-schedules'));
      await writeFile(join(outside, 'planted.json'), '{"MonitoringScheduleName":"planted"}');
      const store = new LocalStore(root);
      await assert.rejects(store.list('monitoring-schedules'), refusedLink);
      await assert.rejects(store.read('monitoring-schedules', 'planted'), refusedLink);
      await assert.rejects(store.put('monitoring-schedules', 'mine', { MonitoringScheduleName: 'mine' }), refusedLink);
      await assert.rejects(store.create('monitoring-schedules', 'mine', { MonitoringScheduleName: 'mine' }), refusedLink);
      assert.deepEqual((await readdir(outside)).sort(), ['planted.json', 'secret.txt'], 'no document or lock file was written outside');
    });

    it('does not read a document that is itself a link out of the workspace', async () => {
      await mkdir(join(root, 'api', 'monitoring-schedules'), { recursive: true });
      await writeFile(join(outside, 'planted.json'), '{"MonitoringScheduleName":"planted"}');
      await symlink(join(outside, 'planted.json'), join(root, 'api', 'monitoring-schedules', 'planted.json'));
      const store = new LocalStore(root);
      await assert.rejects(store.list('monitoring-schedules'), refusedLink);
      const [entry] = await store.listEach('monitoring-schedules');
      assert.ok('error' in entry && refusedLink(entry.error), 'the scheduler gets the refusal as that document\'s problem');
    });
  });
});
