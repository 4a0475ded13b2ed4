import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildDemoWorkspaceWithSummary, buildDemoWorkspace } from '../../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO } from '../../../src/monitoring/demo/demoScenario';
import { isMonitoringError } from '../../../src/monitoring/errors';
import { isDataQualityConstraints } from '../../../src/monitoring/formats/constraints';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';

async function treeDigest(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(root, path), createHash('sha256').update(await readFile(path)).digest('hex'));
    }
  };
  await walk(root);
  return files;
}

describe('buildDemoWorkspace', function () {
  this.timeout(120_000);
  const now = new Date('2025-03-10T12:34:56Z');
  const roots: string[] = [];
  const tempRoot = async () => {
    const root = await mkdtemp(join(tmpdir(), 'mm-demo-'));
    roots.push(root);
    return root;
  };
  after(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

  it('builds 48 hours × 2 monitors of executions in which the drift arrives', async () => {
    const root = await tempRoot();
    const started = Date.now();
    const summary = await buildDemoWorkspaceWithSummary(root, { now });
    // Measured, not asserted (speed targets live in benchmarks): printed for the record.
    console.log(`      48-hour demo build: ${((Date.now() - started) / 1000).toFixed(1)} s, ${summary.requests} requests`);

    const backend = new LocalBackend(root);
    assert.equal(summary.requests, 48 * 418);
    assert.equal(summary.lastHour.toISOString(), '2025-03-10T11:00:00.000Z');
    for (const scheduleName of [DEMO.dataQuality.scheduleName, DEMO.modelQuality.scheduleName]) {
      const executions = (await backend.listExecutions({ scheduleName, sortOrder: 'Ascending' })).items;
      assert.equal(executions.length, 48, scheduleName);
      assert.equal(executions[0].scheduledTime.toISOString(), '2025-03-08T13:00:00.000Z');
      assert.equal(executions[47].scheduledTime.toISOString(), '2025-03-10T12:00:00.000Z');
      assert.ok(executions.every((e) => e.status === 'Completed' || e.status === 'CompletedWithViolations'), 'no execution failed');
      // Clean traffic first, drift at the end.
      assert.equal(executions[0].status, 'Completed', `${scheduleName} starts clean`);
      assert.ok(executions.slice(-12).every((e) => e.status === 'CompletedWithViolations'), `${scheduleName} ends in violation`);
    }
    const endpoint = await backend.describeEndpoint(DEMO.endpointName);
    assert.deepEqual([endpoint.status, endpoint.dataCapture?.currentSamplingPercentage, endpoint.dataCapture?.captureStatus], ['InService', 100, 'Started']);
    const last = (await backend.listExecutions({ scheduleName: DEMO.dataQuality.scheduleName, maxResults: 1 })).items[0];
    const reports = await backend.readExecutionReports(last);
    assert.ok(reports.reportUri.endsWith('/data-quality-output/reports/abalone-xgb-demo/abalone-data-quality-hourly/2025/03/10/12'), reports.reportUri);
    assert.ok(reports.violations!.violations.some((v) => v.feature_name === 'Sex' && v.constraint_check_type === 'baseline_drift_check'));
    const baseline = await backend.readConstraints(`${DEMO.dataQuality.baselineUri}/constraints.json`);
    assert.deepEqual(
      isDataQualityConstraints(baseline) ? baseline.features.map((f) => [f.name, f.inferred_type]) : [],
      ['Rings', 'Sex', 'Length', 'Diameter', 'Height', 'WholeWeight', 'ShuckedWeight', 'VisceraWeight', 'ShellWeight'].map((n) => [n, 'Fractional']),
    );
  });

  it('is the same, file for file, for the same seed — and differs for another seed', async () => {
    const [a, b, c] = [await tempRoot(), await tempRoot(), await tempRoot()];
    await buildDemoWorkspace(a, { seed: 3, hours: 2, now });
    await buildDemoWorkspace(b, { seed: 3, hours: 2, now });
    await buildDemoWorkspace(c, { seed: 4, hours: 2, now });
    const [da, db, dc] = [await treeDigest(a), await treeDigest(b), await treeDigest(c)];
    assert.deepEqual(db, da);
    assert.notDeepEqual(dc, da);
  });

  it("refuses a folder holding someone's files, and sets a previous demo aside instead of deleting it", async () => {
    const user = await tempRoot();
    await writeFile(join(user, 'notes.txt'), 'mine');
    await assert.rejects(buildDemoWorkspace(user, { hours: 1, now }), (e: unknown) => isMonitoringError(e) && e.kind === 'Validation' && /not empty and is not a demo workspace/.test(e.message));
    assert.deepEqual(await readdir(user), ['notes.txt']);

    const demo = await tempRoot();
    await buildDemoWorkspace(demo, { hours: 1, now });
    await mkdir(join(demo, 'my-analysis'));
    await buildDemoWorkspace(demo, { hours: 1, now: new Date(now.getTime() + 3_600_000) });
    const [aside] = await readdir(join(demo, '.replaced'));
    assert.ok((await readdir(join(demo, '.replaced', aside))).includes('my-analysis'), 'the earlier contents are kept');
    const executions = await new LocalBackend(demo).listExecutions({ scheduleName: DEMO.dataQuality.scheduleName });
    assert.equal(executions.items.length, 1);
  });
});
