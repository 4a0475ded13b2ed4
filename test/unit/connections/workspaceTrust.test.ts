import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRuntime } from '../../../src/connections/localRuntime';
import type { WorkspaceTrust } from '../../../src/connections/workspaceTrust';
import { buildDemoWorkspace } from '../../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO } from '../../../src/monitoring/demo/demoScenario';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import { silentLogger } from '../../../src/monitoring/logger';

/** VS Code's workspace trust, as the extension sees it: a flag and a grant event. */
class FakeTrust implements WorkspaceTrust {
  isTrusted = false;
  private readonly listeners = new Set<() => void>();
  onDidGrantWorkspaceTrust(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  grant(): void {
    this.isTrusted = true;
    for (const l of this.listeners) l();
  }
}

const restricted = /not allowed in Restricted Mode.*Trust this workspace/;

describe('A local workspace in Restricted Mode', function () {
  this.timeout(60_000);
  const now = new Date();
  let root: string;
  let backend: LocalBackend;
  let trust: FakeTrust;
  let runtime: LocalRuntime;
  let changes: number;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-trust-'));
    await buildDemoWorkspace(root, { seed: 7, hours: 1, now });
    backend = new LocalBackend(root);
    // A cloned workspace that ships a one-time schedule: it would run the moment the folder opens.
    await backend.createSchedule({ name: 'planted-now', type: 'DataQuality', jobDefinitionName: DEMO.dataQuality.jobDefinitionName, schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT2H', dataAnalysisEndTime: '-PT0H' } });
    trust = new FakeTrust();
    changes = 0;
    runtime = new LocalRuntime(root, backend, silentLogger, () => changes++, trust);
  });
  afterEach(async () => {
    await runtime.stopAll(); // waits for an execution in progress
    runtime.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const executionsOf = async (name: string) => (await backend.store.executionTimes(name)).length;
  const finished = async (name: string) => (await backend.listExecutions({ scheduleName: name })).items.some((e) => e.status !== 'InProgress' && e.status !== 'Pending');
  const waitFor = async (condition: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await condition()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return condition();
  };

  it('runs no scheduler, NOW schedule, inference server or traffic until trust is granted, then starts the scheduler', async () => {
    runtime.startScheduler();
    assert.equal(runtime.canRun, false);
    await assert.rejects(runtime.runDueExecutions(), restricted);
    await assert.rejects(runtime.startEndpoint(DEMO.endpointName), restricted);
    await assert.rejects(runtime.startTraffic(), restricted);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await executionsOf('planted-now'), 0, 'the planted NOW schedule did not run');
    assert.equal(runtime.isServing(DEMO.endpointName), false);

    trust.grant();
    assert.ok(await waitFor(() => finished('planted-now'), 30_000), 'the scheduler started when trust was granted and ran the NOW schedule');
    assert.equal(await executionsOf('planted-now'), 1);
    assert.ok(changes >= 1, 'the tree is told to redraw');
    const url = await runtime.startEndpoint(DEMO.endpointName);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('does not start a scheduler on trust that the user had turned off', async () => {
    runtime.startScheduler();
    await runtime.stopScheduler(); // runLocalScheduler set to false meanwhile
    trust.grant();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await executionsOf('planted-now'), 0);
  });
});
