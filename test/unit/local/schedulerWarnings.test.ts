import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoWorkspace } from '../../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO } from '../../../src/monitoring/demo/demoScenario';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import { LocalScheduler } from '../../../src/monitoring/local/scheduler';
import type { Logger } from '../../../src/monitoring/logger';

/** What `model-monitor serve` prints: the scheduler's warnings, poll after poll. */
function recordingLogger(): Logger & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return { warnings, errors, debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: (m) => errors.push(m) };
}

describe('LocalScheduler with damaged schedule documents', function () {
  this.timeout(60_000);
  const now = new Date('2024-06-03T09:20:00Z');
  let root: string;
  let backend: LocalBackend;
  const scheduleFile = (name: string) => join(root, 'api', 'monitoring-schedules', `${name}.json`);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mm-scheduler-warnings-'));
    await buildDemoWorkspace(root, { seed: 7, hours: 1, now });
    backend = new LocalBackend(root, { now: () => now });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('warns once per problem, not at every poll, and keeps running the healthy schedules', async () => {
    const healthy = await backend.describeSchedule(DEMO.dataQuality.scheduleName);
    await backend.createSchedule({ name: 'dq-now', type: 'DataQuality', jobDefinitionName: DEMO.dataQuality.jobDefinitionName, schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT2H', dataAnalysisEndTime: '-PT0H' } });
    // A truncated document sorts before the healthy ones, so it would be read first.
    await writeFile(scheduleFile('aaa-truncated'), '{"MonitoringScheduleName": "aaa-truncated", "MonitoringSche');
    await writeFile(scheduleFile('bad-expression'), JSON.stringify({ MonitoringScheduleName: 'bad-expression', MonitoringScheduleStatus: 'Scheduled', CreationTime: '2024-06-01T00:00:00Z', MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'every tuesday' } } }));
    await writeFile(scheduleFile('not-a-schedule'), '[1, 2, 3]');

    const logger = recordingLogger();
    const scheduler = new LocalScheduler(backend, { startDelayMs: 0, logger });
    const ran = await scheduler.tick();
    assert.deepEqual(ran.map((e) => e.scheduleName), ['dq-now'], 'the healthy NOW schedule ran despite the broken ones');
    for (let poll = 0; poll < 5; poll++) await scheduler.tick();

    assert.equal(logger.warnings.length, 3, logger.warnings.join('\n'));
    assert.match(logger.warnings.find((w) => w.includes('aaa-truncated'))!, /aaa-truncated\.json.*not valid JSON/);
    assert.match(logger.warnings.find((w) => w.includes('bad-expression'))!, /Schedule bad-expression .*cannot run/);
    assert.match(logger.warnings.find((w) => w.includes('not-a-schedule'))!, /not a monitoring schedule/);
    assert.deepEqual(logger.errors, []);

    // Each change of a document that is still broken is reported once; a fixed one goes quiet and then runs.
    await writeFile(scheduleFile('aaa-truncated'), '{"MonitoringScheduleName": ');
    await scheduler.tick();
    await scheduler.tick();
    assert.equal(logger.warnings.length, 4);
    assert.match(logger.warnings[3], /aaa-truncated\.json/);

    await writeFile(scheduleFile('aaa-truncated'), JSON.stringify({ ...(await backend.store.read<object>('monitoring-schedules', 'dq-now')), MonitoringScheduleName: 'aaa-truncated' }));
    const afterFix = await scheduler.tick();
    assert.deepEqual(afterFix.map((e) => e.scheduleName), ['aaa-truncated'], 'the repaired NOW schedule runs');
    await scheduler.tick();
    assert.equal(logger.warnings.length, 4, 'no new warning once the document is repaired');

    // Breaking it again is a new problem, reported again (once).
    await writeFile(scheduleFile('aaa-truncated'), '{');
    await scheduler.tick();
    await scheduler.tick();
    assert.equal(logger.warnings.length, 5);
    assert.equal(healthy.status, 'Scheduled');
  });

  it('reports a cron schedule whose CreationTime is missing or not a time, instead of never running it silently or hanging', async () => {
    // Found by npm run fuzz: NaN placed no fire after creation (never ran, no word), and catching up looped forever.
    const document = (creationTime: unknown) =>
      JSON.stringify({ MonitoringScheduleName: 'no-time', MonitoringScheduleStatus: 'Scheduled', ...(creationTime === undefined ? {} : { CreationTime: creationTime }), MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } } });
    for (const [creationTime, said] of [
      [undefined, /Schedule no-time .*no-time\.json.*cannot run: it has no CreationTime/],
      [['2024-06-03T05:00:00Z'], /cannot run: its CreationTime \["2024-06-03T05:00:00Z"\] is not an ISO-8601 time/],
      ['yesterday', /cannot run: its CreationTime "yesterday" is not an ISO-8601 time/],
    ] as const) {
      await writeFile(scheduleFile('no-time'), document(creationTime));
      for (const catchUpHours of [undefined, 3]) {
        const logger = recordingLogger();
        await new LocalScheduler(backend, { startDelayMs: 0, logger, ...(catchUpHours ? { catchUpHours } : {}) }).tick();
        assert.equal(logger.warnings.filter((w) => w.includes('no-time')).length, 1, logger.warnings.join('\n'));
        assert.match(logger.warnings.find((w) => w.includes('no-time'))!, said);
      }
    }
  });
});
