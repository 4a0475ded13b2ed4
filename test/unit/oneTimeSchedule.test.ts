import { strict as assert } from 'node:assert';
import { oneTimeRunRequest, oneTimeScheduleName } from '../../src/monitoring/oneTimeSchedule';
import type { Schedule } from '../../src/monitoring/model';

const now = new Date('2026-11-25T16:20:05Z');

describe('running a monitor now', () => {
  it('names the one-time schedule after the monitor and the time, within 63 characters', () => {
    assert.equal(oneTimeScheduleName('abalone-data-quality-hourly', now), 'abalone-data-quality-hourly-now-20261125162005');
    const long = oneTimeScheduleName('a'.repeat(63), now);
    assert.ok(long.length <= 63 && /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(long), long);
    assert.equal(oneTimeScheduleName('m-now-20261125150000', now), 'm-now-20261125162005', 'running a one-time run again does not stack suffixes');
  });

  it('asks for a NOW schedule over the last hour with the monitor’s job definition', () => {
    const monitor = { name: 'm', type: 'ModelQuality', jobDefinitionName: 'jd' } as Schedule;
    assert.deepEqual(oneTimeRunRequest(monitor, now), {
      name: 'm-now-20261125162005',
      type: 'ModelQuality',
      jobDefinitionName: 'jd',
      schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT1H', dataAnalysisEndTime: '-PT0H' },
    });
    assert.throws(() => oneTimeRunRequest({ name: 'inline' } as Schedule, now), /inline job definition/);
  });
});
