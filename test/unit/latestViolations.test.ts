import { strict as assert } from 'node:assert';
import { monitorsWithViolations, type ScheduleLatest } from '../../src/monitoring/latestViolations';
import type { ExecutionStatus } from '../../src/monitoring/model';

const entry = (name: string, latest?: { hour: number; status: ExecutionStatus }): ScheduleLatest => ({
  schedule: { name, arn: `arn:aws:sagemaker:us-east-1:1:monitoring-schedule/${name}`, status: 'Scheduled', creationTime: new Date(0), lastModifiedTime: new Date(0) },
  ...(latest
    ? { latest: { scheduleName: name, scheduledTime: new Date(Date.UTC(2026, 0, 1, latest.hour)), creationTime: new Date(0), lastModifiedTime: new Date(0), status: latest.status } }
    : {}),
});

describe("The view's badge: monitors whose latest execution found violations", () => {
  it('counts a monitor when its newest execution completed with violations, not when an older one did', () => {
    assert.deepEqual(
      monitorsWithViolations([
        entry('dq', { hour: 10, status: 'CompletedWithViolations' }),
        entry('mq', { hour: 10, status: 'Completed' }),
        entry('never-ran'),
        entry('failed', { hour: 9, status: 'Failed' }),
      ]),
      ['dq'],
    );
  });

  it("takes a one-time run as the monitor's latest execution, counting the monitor once", () => {
    assert.deepEqual(
      monitorsWithViolations([
        entry('dq', { hour: 10, status: 'CompletedWithViolations' }),
        entry('dq-now-20260101113000', { hour: 11, status: 'CompletedWithViolations' }),
        entry('mq', { hour: 10, status: 'CompletedWithViolations' }),
        entry('mq-now-20260101113000', { hour: 11, status: 'Completed' }),
      ]),
      ['dq'],
    );
  });
});
