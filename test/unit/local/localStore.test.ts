import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile, utimes, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isMonitoringError } from '../../../src/monitoring/errors';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import type { ScheduleDocument } from '../../../src/monitoring/local/localDocuments';
import { LocalStore } from '../../../src/monitoring/local/localStore';

/** Two windows on one folder: two backends with their own stores, sharing nothing but the files. */
async function twoWindows(root: string): Promise<[LocalBackend, LocalBackend]> {
  const a = new LocalBackend(root);
  const b = new LocalBackend(root);
  await a.createEndpointConfig({ name: 'ep-config', variants: [{ variantName: 'AllTraffic' }] });
  await a.createEndpoint('ep', 'ep-config');
  await a.createJobDefinition({
    name: 'def',
    type: 'DataQuality',
    input: { kind: 'Endpoint', endpointName: 'ep', localPath: '/opt/ml/processing/input/endpoint' },
    outputS3Uri: 's3://b/reports',
    imageUri: 'analyzer',
    roleArn: 'arn:aws:iam::000000000000:role/r',
    resources: { instanceCount: 1, instanceType: 'ml.m5.xlarge', volumeSizeInGB: 1 },
  });
  return [a, b];
}

describe('LocalStore: concurrent windows on one workspace', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-store-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('loses no update when two backends modify the same schedule at once', async () => {
    const [a, b] = await twoWindows(root);
    await a.createSchedule({ name: 'shared', type: 'DataQuality', jobDefinitionName: 'def', schedule: { scheduleExpression: 'cron(0 * ? * * *)' } });
    // Each window appends its own tags through read-modify-write; interleaved, a lost update would drop some.
    const append = (backend: LocalBackend, who: string) =>
      Array.from({ length: 25 }, (_, i) =>
        backend.store.update<ScheduleDocument>('monitoring-schedules', 'shared', (doc) => ({ ...doc, Tags: [...(doc.Tags ?? []), { Key: `${who}${i}`, Value: who }] })),
      );
    await Promise.all([...append(a, 'a'), ...append(b, 'b'), a.stopSchedule('shared'), b.updateSchedule('shared', { scheduleExpression: 'cron(0 5 ? * * *)' })]);
    const doc = (await a.store.read<ScheduleDocument>('monitoring-schedules', 'shared'))!;
    assert.equal(doc.Tags?.length, 50);
    assert.equal(new Set(doc.Tags?.map((t) => t.Key)).size, 50);
    assert.equal(doc.MonitoringScheduleStatus, 'Stopped');
    assert.equal(doc.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression, 'cron(0 5 ? * * *)');
    assert.deepEqual((await readdir(join(root, 'api', 'monitoring-schedules'))).sort(), ['shared.json'], 'no lock or temp file is left');
  });

  it('creates each of many schedules exactly once, and one name only once, across two backends', async () => {
    const [a, b] = await twoWindows(root);
    const names = Array.from({ length: 20 }, (_, i) => `s-${i}`);
    const create = (backend: LocalBackend, name: string) =>
      backend.createSchedule({ name, type: 'DataQuality', jobDefinitionName: 'def', schedule: { scheduleExpression: 'cron(0 * ? * * *)' } });
    await Promise.all(names.map((name, i) => create(i % 2 ? a : b, name)));
    const listed = await b.listSchedules();
    assert.deepEqual(listed.items.map((s) => s.name).sort(), [...names].sort());

    const race = await Promise.allSettled([create(a, 'contended'), create(b, 'contended')]);
    assert.equal(race.filter((r) => r.status === 'fulfilled').length, 1);
    const loser = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(isMonitoringError(loser.reason) && loser.reason.kind === 'InUse', String(loser.reason));
  });

  it('lets readers see whole documents only, while another backend keeps rewriting them', async () => {
    const [a, b] = await twoWindows(root);
    await a.createSchedule({ name: 'busy', type: 'DataQuality', jobDefinitionName: 'def', schedule: { scheduleExpression: 'cron(0 * ? * * *)' } });
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 40; i++) await a.updateSchedule('busy', { scheduleExpression: i % 2 ? 'cron(0 * ? * * *)' : 'cron(0 3 ? * * *)' });
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const schedule = await b.describeSchedule('busy'); // throws BadData on a torn document
      assert.match(schedule.schedule.scheduleExpression, /^cron\(0 (\*|3) \? \* \* \*\)$/);
      reads++;
    }
    await writer;
    assert.ok(reads > 0);
  });

  it('breaks a lock left behind by a crashed window', async () => {
    const store = new LocalStore(root, { lockTimeoutMs: 2000 });
    await store.create('models', 'm', { n: 0 });
    const lock = join(root, 'api', 'models', '.m.json.lock');
    // A process id that cannot be running, on this host.
    await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), token: 'dead', acquiredAt: new Date().toISOString() }));
    assert.deepEqual(await store.update<{ n: number }>('models', 'm', (d) => ({ n: d.n + 1 })), { n: 1 });
    // A lock from another machine is broken only once it is older than staleLockMs.
    await writeFile(lock, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'old', acquiredAt: '2020-01-01T00:00:00Z' }));
    await utimes(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    assert.deepEqual(await store.update<{ n: number }>('models', 'm', (d) => ({ n: d.n + 1 })), { n: 2 });
  });

  it('gives up on a live lock with a message naming the holder and the way out', async () => {
    const store = new LocalStore(root, { lockTimeoutMs: 200 });
    await store.create('models', 'm', { n: 0 });
    const lock = join(root, 'api', 'models', '.m.json.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), token: 'live', acquiredAt: '2024-01-01T00:00:00Z' }));
    await assert.rejects(store.update('models', 'm', (d) => d), (e: unknown) => isMonitoringError(e) && e.kind === 'InUse' && e.message.includes(`process ${process.pid}`) && e.message.includes('delete'));
    assert.deepEqual(JSON.parse(await readFile(join(root, 'api', 'models', 'm.json'), 'utf8')), { n: 0 });
  });
});
