import { strict as assert } from 'node:assert';
import {
  cronFor,
  nextScheduledTimes,
  parseIsoDuration,
  validateOffsets,
  validateScheduleConfig,
  validateScheduleExpression,
} from '../../src/monitoring/scheduleExpression';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('schedule expressions', () => {
  it('accepts the three cron forms and NOW', () => {
    for (const expr of ['cron(0 * ? * * *)', 'cron(0 12 ? * * *)', 'cron(0 0 ? * * *)', 'cron(0 17/12 ? * * *)', 'cron(0 0/2 ? * * *)', 'cron(00 23 ? * * *)', 'NOW', ' cron(0 * ? * * *) ']) {
      assert.equal(validateScheduleExpression(expr), undefined, expr);
    }
  });

  it('refuses minutes other than 0, with the rule in the message', () => {
    assert.match(validateScheduleExpression('cron(30 * ? * * *)')!, /minute field must be 0/);
    assert.match(validateScheduleExpression('cron(*/5 * ? * * *)')!, /minute field must be 0/);
  });

  it('refuses anything but the supported forms, listing them', () => {
    for (const expr of ['rate(1 hour)', 'cron(0 * * * ? *)', 'cron(0 1,13 ? * * *)', 'cron(0 * ? * MON *)', 'cron(0 * ? * *)', '', 'now']) {
      const problem = validateScheduleExpression(expr);
      assert.ok(problem, `${expr} should be refused`);
    }
    assert.match(validateScheduleExpression('cron(0 1,13 ? * * *)')!, /cron\(0 \* \? \* \* \*\) \(hourly\)/);
  });

  it('refuses hours and intervals out of range', () => {
    assert.match(validateScheduleExpression('cron(0 24 ? * * *)')!, /hour 24 is out of range 0–23/);
    assert.match(validateScheduleExpression('cron(0 25/2 ? * * *)')!, /starting hour 25/);
    assert.match(validateScheduleExpression('cron(0 0/0 ? * * *)')!, /interval must be 1–24 hours, got 0/);
    assert.match(validateScheduleExpression('cron(0 0/25 ? * * *)')!, /got 25/);
  });
});

describe('ISO-8601 durations', () => {
  it('converts to signed milliseconds', () => {
    assert.equal(parseIsoDuration('-PT1H'), -3_600_000);
    assert.equal(parseIsoDuration('PT30M'), 1_800_000);
    assert.equal(parseIsoDuration('-P1D'), -86_400_000);
    assert.equal(parseIsoDuration('-P1DT2H'), -(86_400_000 + 7_200_000));
    assert.equal(parseIsoDuration('-P1W'), -7 * 86_400_000);
    assert.equal(parseIsoDuration('PT1.5S'), 1500);
    assert.equal(parseIsoDuration('-PT0H'), -0);
  });

  it('refuses text that is not a duration, and calendar months/years', () => {
    for (const bad of ['', 'P', 'PT', '-1H', 'PT1X', 'P1DT', '1D']) assert.throws(() => parseIsoDuration(bad), RangeError, bad);
    assert.throws(() => parseIsoDuration('-P1M'), /give the duration in days/);
    assert.throws(() => parseIsoDuration('P1Y'), /give the duration in days/);
  });
});

describe('analysis windows of NOW schedules', () => {
  it('requires both offsets for NOW', () => {
    assert.match(validateOffsets('NOW')!, /needs both DataAnalysisStartTime and DataAnalysisEndTime/);
    assert.match(validateOffsets('NOW', '-PT2H')!, /needs both/);
    assert.equal(validateOffsets('NOW', '-PT2H', '-PT1H'), undefined);
    assert.equal(validateOffsets('NOW', '-P1D', '-PT0H'), undefined);
  });

  it('requires negative durations, start before end, at most 24 hours', () => {
    assert.match(validateOffsets('NOW', 'PT2H', '-PT1H')!, /DataAnalysisStartTime "PT2H" must be a negative duration/);
    assert.match(validateOffsets('NOW', '-PT1H', '-PT2H')!, /must not be after DataAnalysisEndTime/);
    assert.match(validateOffsets('NOW', '-PT25H', '-PT0H')!, /longer than the 24 hours/);
    assert.equal(validateOffsets('NOW', '-PT25H', '-PT1H'), undefined);
    assert.match(validateOffsets('NOW', '-1 hour', '-PT0H')!, /^DataAnalysisStartTime: "-1 hour" is not an ISO-8601 duration/);
  });

  it('refuses offsets on cron schedules', () => {
    assert.equal(validateOffsets('cron(0 * ? * * *)'), undefined);
    assert.match(validateOffsets('cron(0 * ? * * *)', '-PT2H', '-PT1H')!, /only to a one-time NOW schedule/);
  });

  it('validates expression and window together', () => {
    assert.match(validateScheduleConfig({ scheduleExpression: 'cron(5 * ? * * *)' })!, /minute/);
    assert.match(validateScheduleConfig({ scheduleExpression: 'NOW' })!, /needs both/);
    assert.equal(validateScheduleConfig({ scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT3H', dataAnalysisEndTime: '-PT1H' }), undefined);
  });
});

describe('next scheduled times (UTC)', () => {
  const after = new Date('2024-01-01T22:30:00Z');

  it('hourly fires at every top of the hour, strictly after the given time', () => {
    assert.deepEqual(iso(nextScheduledTimes('cron(0 * ? * * *)', after, 3)), ['2024-01-01T23:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-02T01:00:00.000Z']);
    assert.deepEqual(iso(nextScheduledTimes('cron(0 * ? * * *)', new Date('2024-01-01T23:00:00Z'), 1)), ['2024-01-02T00:00:00.000Z']);
  });

  it('daily fires once a day at the hour', () => {
    assert.deepEqual(iso(nextScheduledTimes('cron(0 5 ? * * *)', after, 2)), ['2024-01-02T05:00:00.000Z', '2024-01-03T05:00:00.000Z']);
  });

  it('every N hours restarts from the starting hour each day', () => {
    assert.deepEqual(iso(nextScheduledTimes('cron(0 17/12 ? * * *)', after, 2)), ['2024-01-02T17:00:00.000Z', '2024-01-03T17:00:00.000Z']);
    assert.deepEqual(iso(nextScheduledTimes('cron(0 1/8 ? * * *)', after, 4)), [
      '2024-01-02T01:00:00.000Z',
      '2024-01-02T09:00:00.000Z',
      '2024-01-02T17:00:00.000Z',
      '2024-01-03T01:00:00.000Z',
    ]);
  });

  it('NOW has no recurring times; an invalid expression throws its problem', () => {
    assert.deepEqual(nextScheduledTimes('NOW', after, 3), []);
    assert.throws(() => nextScheduledTimes('cron(15 * ? * * *)', after, 1), /minute field must be 0/);
  });

  it('an invalid start time (a damaged CreationTime) is a RangeError saying so, not an endless search', () => {
    // Found by npm run fuzz: NaN never reaches a firing hour, so the search looped forever.
    assert.throws(() => nextScheduledTimes('cron(0 * ? * * *)', new Date(Number.NaN), 1), (e: unknown) => e instanceof RangeError && /not a time/.test(e.message));
  });
});

describe('cron builders', () => {
  it('build the expressions the SDK builds', () => {
    assert.equal(cronFor.hourly(), 'cron(0 * ? * * *)');
    assert.equal(cronFor.daily(7), 'cron(0 7 ? * * *)');
    assert.equal(cronFor.daily(), 'cron(0 0 ? * * *)');
    assert.equal(cronFor.everyNHours(6, 2), 'cron(0 2/6 ? * * *)');
    for (const expr of [cronFor.hourly(), cronFor.daily(23), cronFor.everyNHours(24, 0)]) assert.equal(validateScheduleExpression(expr), undefined);
  });

  it('refuse hours and intervals SageMaker would refuse', () => {
    assert.throws(() => cronFor.daily(24), /hour must be 0–23/);
    assert.throws(() => cronFor.everyNHours(0), /N must be 1–24/);
    assert.throws(() => cronFor.everyNHours(2, -1), /starting hour/);
  });
});
