/**
 * "Run a monitor now" the way SageMaker offers it: a one-time `NOW` schedule with the monitor's job
 * definition over the last hour. Its report lands under its own name, so no scheduled report is touched.
 */
import type { CreateScheduleRequest, Schedule } from './model';

const ONE_TIME_SUFFIX = /-now-\d{14}$/;

/** `<monitor>-now-<yyyymmddHHMMSS>`, within SageMaker's 63 characters. */
export function oneTimeScheduleName(scheduleName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const base = scheduleName.replace(ONE_TIME_SUFFIX, '').slice(0, 63 - stamp.length - '-now-'.length).replace(/-+$/, '');
  return `${base}-now-${stamp}`;
}

/** The monitor a schedule belongs to: a one-time run's monitor, or the schedule itself. */
export function monitorNameOf(scheduleName: string): string {
  return scheduleName.replace(ONE_TIME_SUFFIX, '');
}

export function isOneTimeScheduleName(scheduleName: string): boolean {
  return ONE_TIME_SUFFIX.test(scheduleName);
}

export function oneTimeRunRequest(monitor: Schedule, now: Date): CreateScheduleRequest {
  if (!monitor.jobDefinitionName || !monitor.type) {
    throw new Error(`${monitor.name} has an inline job definition; only monitors with a job definition can run now.`);
  }
  return {
    name: oneTimeScheduleName(monitor.name, now),
    type: monitor.type,
    jobDefinitionName: monitor.jobDefinitionName,
    schedule: { scheduleExpression: 'NOW', dataAnalysisStartTime: '-PT1H', dataAnalysisEndTime: '-PT0H' },
  };
}
