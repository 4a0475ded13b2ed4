import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoWorkspace } from '../../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO } from '../../../src/monitoring/demo/demoScenario';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import { LocalScheduler } from '../../../src/monitoring/local/scheduler';
import type { ExecutionSummary } from '../../../src/monitoring/model';
import { silentLogger } from '../../../src/monitoring/logger';

const HOUR = 3_600_000;

describe('LocalScheduler', function () {
  this.timeout(60_000);
  // One demo hour, fully perturbed as the chapter's traffic loop does; the hour before `now` holds it.
  const now = new Date('2024-06-03T09:20:00Z');
  let root: string;
  let clock: Date;
  let backend: LocalBackend;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-scheduler-'));
    await buildDemoWorkspace(root, { seed: 7, hours: 1, now });
  });
  after(() => rm(root, { recursive: true, force: true }));
  beforeEach(() => {
    clock = now;
    backend = new LocalBackend(root, { now: () => clock });
  });

  const byName = (executions: ExecutionSummary[], name: string) => executions.find((e) => e.scheduleName === name)!;

  it("runs NOW schedules at once over their window, with the violations the chapter's perturbation causes", async () => {
    for (const [name, type, definition] of [
      ['dq-now', 'DataQuality', DEMO.dataQuality.jobDefinitionName],
      ['mq-now', 'ModelQuality', DEMO.modelQuality.jobDefinitionName],
    ] as const) {
      await backend.createSchedule({ name, type, jobDefinitionName: definition, schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT2H', dataAnalysisEndTime: '-PT0H' } });
    }
    const scheduler = new LocalScheduler(backend, { startDelayMs: 0 });
    const ran = await scheduler.tick();
    assert.deepEqual(ran.map((e) => e.scheduleName).sort(), ['dq-now', 'mq-now']);

    const dq = byName(ran, 'dq-now');
    assert.equal(dq.status, 'CompletedWithViolations');
    assert.equal(dq.scheduledTime.toISOString(), now.toISOString());
    const dqViolations = (await backend.readExecutionReports(dq)).violations!.violations;
    const completeness = dqViolations.filter((v) => v.constraint_check_type === 'completeness_check').map((v) => v.feature_name);
    assert.deepEqual(completeness.sort(), ['Diameter', 'Height', 'Length', 'Sex', 'ShellWeight', 'ShuckedWeight', 'VisceraWeight', 'WholeWeight']);
    assert.ok(dqViolations.some((v) => v.constraint_check_type === 'baseline_drift_check' && v.feature_name === 'Sex'), JSON.stringify(dqViolations));

    const mq = byName(ran, 'mq-now');
    assert.equal(mq.status, 'CompletedWithViolations');
    const mqViolations = (await backend.readExecutionReports(mq)).violations!.violations;
    const operators = Object.fromEntries(mqViolations.map((v) => [v.metric_name, v.constraint_check_type]));
    assert.deepEqual(operators, { mae: 'GreaterThanThreshold', mse: 'GreaterThanThreshold', rmse: 'GreaterThanThreshold', r2: 'LessThanThreshold' });

    assert.deepEqual(await scheduler.tick(), [], 'a NOW schedule runs once');
    assert.equal((await backend.describeSchedule('dq-now')).lastExecution?.status, 'CompletedWithViolations');
  });

  it('fires an hourly schedule at the top of the hour, once, without back-filling hours it missed', async () => {
    const topOfNextHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
    const scheduler = new LocalScheduler(backend, { startDelayMs: 0 });
    clock = new Date(topOfNextHour.getTime() - 1000);
    assert.deepEqual(await scheduler.tick(), []);
    clock = topOfNextHour;
    const ran = await scheduler.tick();
    assert.deepEqual(ran.map((e) => e.scheduleName).sort(), [DEMO.dataQuality.scheduleName, DEMO.modelQuality.scheduleName]);
    assert.ok(ran.every((e) => e.scheduledTime.getTime() === topOfNextHour.getTime()));

    // The hour before it had no traffic: the executions fail and say why and where they looked.
    const dq = byName(ran, DEMO.dataQuality.scheduleName);
    assert.equal(dq.status, 'Failed');
    assert.match(dq.failureReason!, /^Job inputs had no data: no captured records for endpoint "abalone-xgb-demo" under s3:\/\/.*\/datacapture\/abalone-xgb-demo\/ between 2024-06-03T09:00:00.000Z and 2024-06-03T10:00:00.000Z/);
    assert.deepEqual(await backend.readExecutionReports(dq).then((r) => r.violations), undefined);

    assert.deepEqual(await scheduler.tick(), [], 'the same hour does not run twice');
    const otherWindow = new LocalScheduler(new LocalBackend(root, { now: () => clock }), { startDelayMs: 0 });
    await otherWindow.tick();
    clock = new Date(topOfNextHour.getTime() + 5 * 60_000);
    assert.deepEqual(await otherWindow.tick(), [], 'a second window does not repeat an execution another one ran');

    // Five hours later, a scheduler that was not running sees only what falls due from now on.
    const late = new LocalScheduler(backend, { startDelayMs: 0 });
    clock = new Date(topOfNextHour.getTime() + 5 * HOUR + 1000);
    assert.deepEqual(await late.tick(), []);
    const executions = await backend.listExecutions({ scheduleName: DEMO.dataQuality.scheduleName });
    assert.equal(executions.items.length, 2, 'the demo hour and the one run above, nothing back-filled');
  });

  it('waits the start delay after the top of the hour, and skips stopped schedules', async () => {
    const base = Math.floor(now.getTime() / HOUR) * HOUR + 10 * HOUR;
    await backend.stopSchedule(DEMO.modelQuality.scheduleName);
    const scheduler = new LocalScheduler(backend, { startDelayMs: 60_000 });
    clock = new Date(base - 1000);
    await scheduler.tick();
    clock = new Date(base + 30_000);
    assert.deepEqual(await scheduler.tick(), []);
    clock = new Date(base + 61_000);
    const ran = await scheduler.tick();
    assert.deepEqual(ran.map((e) => [e.scheduleName, e.scheduledTime.toISOString()]), [[DEMO.dataQuality.scheduleName, new Date(base).toISOString()]]);
    await backend.startSchedule(DEMO.modelQuality.scheduleName);
  });

  it('marks an execution Failed, not InProgress for ever, when the workspace cannot be updated after claiming it', async () => {
    await backend.createSchedule({ name: 'dq-disk-full', type: 'DataQuality', jobDefinitionName: DEMO.dataQuality.jobDefinitionName, schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT2H', dataAnalysisEndTime: '-PT0H' } });
    const store = backend.store as { update: unknown };
    const update = store.update;
    store.update = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    try {
      await backend.runScheduledExecution('dq-disk-full', now).catch(() => undefined);
    } finally {
      store.update = update;
    }
    const [execution] = (await backend.listExecutions({ scheduleName: 'dq-disk-full' })).items;
    assert.equal(execution.status, 'Failed');
    assert.match(execution.failureReason ?? '', /no space left on device/);
    await backend.deleteSchedule('dq-disk-full');
  });

  it('keeps one polling loop when stopped and restarted while it was working out its next check', async () => {
    const pollMs = 50; // the scheduler never polls more often than every 50 ms
    let calls = 0;
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A workspace without schedules whose second listing (the first delay computation) waits for the test.
    const idle = {
      now: () => new Date(),
      logger: silentLogger,
      store: {
        listEach: async () => {
          if (++calls === 2) await held;
          return [];
        },
      },
    } as unknown as LocalBackend;
    const scheduler = new LocalScheduler(idle, { pollIntervalMs: pollMs });
    scheduler.start();
    while (calls < 2) await new Promise((r) => setTimeout(r, 1));
    await scheduler.stop();
    scheduler.start();
    release?.();
    const before = calls;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 500));
    await scheduler.stop();
    // One loop lists twice (due schedules, next check) per poll interval at most; two loops list twice as often.
    const limit = 2 * Math.ceil((Date.now() - started) / pollMs) + 4;
    assert.ok(calls - before <= limit, `${calls - before} listings in ${Date.now() - started} ms: more than one loop is polling`);
  });
});
