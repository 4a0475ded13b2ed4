import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../cli/cliSupport';
import { loadAbalone, splitAbalone } from '../../../src/monitoring/demo/abaloneData';
import { buildDemoWorkspace } from '../../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO } from '../../../src/monitoring/demo/demoScenario';
import { addRandomness, dropRandomly, toCsvPayload } from '../../../src/monitoring/demo/perturbation';
import { DemoRandom } from '../../../src/monitoring/demo/prng';
import { pythonFloat } from '../../../src/monitoring/demo/pythonFloat';
import type { CaptureRecord } from '../../../src/monitoring/formats/capture';
import type { GroundTruthRecord } from '../../../src/monitoring/formats/groundTruth';
import { LocalObjectStore } from '../../../src/monitoring/local/localObjectStore';
import { serveWorkspace } from '../../../src/monitoring/local/serveWorkspace';

describe('demo data and traffic', function () {
  this.timeout(60_000);

  it('prepares the chapter splits: 3341/418/418 rows, stratified by Sex, disjoint', () => {
    const rows = loadAbalone();
    assert.equal(rows.length, 4177);
    const { train, validation, test } = splitAbalone(rows, 42);
    assert.deepEqual([train.length, validation.length, test.length], [3341, 418, 418]);
    assert.equal(new Set([...train, ...validation, ...test].map((r) => r.index)).size, 4177);
    const share = (part: typeof rows, sex: number) => part.filter((r) => r.features[0] === sex).length / part.length;
    for (const sex of [0, 1, 2]) assert.ok(Math.abs(share(test, sex) - share(rows, sex)) < 0.005, `Sex ${sex} keeps its share in the test split`);
  });

  it("perturbs like the chapter: Sex rewritten to 0 or 1, values dropped about 5 % of the time, floats written as pandas does", () => {
    const random = new DemoRandom(1);
    const row = [2, 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15];
    let sexTwo = 0;
    let dropped = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const noisy = addRandomness(row, random);
      if (noisy[0] === 2) sexTwo++;
      else assert.ok(noisy[0] === 0 || noisy[0] === 1);
      dropped += dropRandomly(noisy, random).filter(Number.isNaN).length;
    }
    assert.ok(Math.abs(sexTwo / n - 0.1) < 0.02, `Sex kept only when selected: ${sexTwo / n}`);
    assert.ok(Math.abs(dropped / (8 * n) - 0.05) < 0.01, `drop rate ${dropped / (8 * n)}`);
    assert.equal(toCsvPayload([1, 0.455, Number.NaN, 0.095, 0.5249999999999999, 15, 1e-5, 1e16]), '1.0,0.455,,0.095,0.5249999999999999,15.0,1e-05,1e+16');
    assert.equal(pythonFloat(-0.0001), '-0.0001');
  });

  it('sends live traffic to the served endpoint and writes the ground truth of what it sent', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mm-traffic-'));
    try {
      await buildDemoWorkspace(root, { hours: 1, now: new Date(Date.now() - 3 * 3_600_000) });
      const served = await serveWorkspace(root, { traffic: true, trafficRequestsPerSecond: 500, captureFlushIntervalMs: 0 });
      const deadline = Date.now() + 10_000;
      while ((served.traffic?.stats.sent ?? 0) < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await served.stop();
      const stats = served.traffic!.stats;
      assert.ok(stats.sent >= 40, `sent ${stats.sent}`);
      assert.equal(stats.failed, 0);
      assert.equal(stats.labelsWritten, stats.sent);

      const store = new LocalObjectStore(root);
      const sinceStart = new Date(Date.now() - 60_000);
      const captured: CaptureRecord[] = [];
      const labels: GroundTruthRecord[] = [];
      for await (const o of store.list(`${DEMO.captureUri}/`)) {
        const text = Buffer.from((await store.get(o.uri))!).toString();
        for (const line of text.trim().split('\n')) captured.push(JSON.parse(line) as CaptureRecord);
      }
      for await (const o of store.list(`${DEMO.groundTruthUri}/`)) {
        const text = Buffer.from((await store.get(o.uri))!).toString();
        for (const line of text.trim().split('\n')) labels.push(JSON.parse(line) as GroundTruthRecord);
      }
      const live = captured.filter((r) => Date.parse(r.eventMetadata.inferenceTime) >= sinceStart.getTime() - 1000);
      assert.equal(live.length, stats.sent, 'every live request is captured (100 % sampling)');
      const labelled = new Set(labels.map((l) => l.eventMetadata.eventId));
      assert.ok(live.every((r) => r.eventMetadata.inferenceId && labelled.has(r.eventMetadata.inferenceId)), 'each live request has its label');
      assert.ok(live.every((r) => /^\d+-[0-9a-f]{32}$/.test(r.eventMetadata.inferenceId!)), 'inference ids look like the chapter\'s');
      assert.deepEqual(await readdir(join(root, 'runtime', 'endpoints')), [], 'the server removed its runtime file');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('offers demo and serve on the command line, with clear refusals', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mm-demo-cli-'));
    try {
      const built = await cli('demo', '--output', join(root, 'ws'), '--hours', '2', '--seed', '5');
      assert.equal(built.code, 0, built.stderr);
      assert.match(built.stdout, /Built the demo workspace in .* 836 requests, 4 executions/);
      assert.equal(JSON.parse(await readFile(join(root, 'ws', 'model-monitor-workspace.json'), 'utf8')).demo.seed, 5);

      await writeFile(join(root, 'notes.txt'), 'mine');
      const refused = await cli('demo', '--output', root);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /not empty and is not a demo workspace/);

      const notWorkspace = await cli('serve', '--workspace', join(root, 'nothing'));
      assert.equal(notWorkspace.code, 2);
      assert.match(notWorkspace.stderr, /is not a local Model Monitor workspace/);
      assert.equal((await cli('serve', '--workspace', join(root, 'ws'), '--rate', '0')).code, 2);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
