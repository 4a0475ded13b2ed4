/**
 * Which monitors' latest executions found violations: what the Endpoints view's badge counts. A
 * monitor's latest execution is the newest of its own and of its one-time runs (Run Monitor Now), so
 * a run-now that came out clean clears the monitor, and one that found violations is not counted twice.
 */
import type { MonitoringBackend } from './backend';
import { listAllSchedules } from './cleanup';
import { mapWithConcurrency } from './concurrency';
import type { ExecutionSummary, ScheduleSummary } from './model';
import { monitorNameOf } from './oneTimeSchedule';

export interface ScheduleLatest {
  schedule: ScheduleSummary;
  latest?: ExecutionSummary;
}

/** The names of the monitors whose newest execution (their own or a one-time run's) completed with violations, sorted. */
export function monitorsWithViolations(entries: readonly ScheduleLatest[]): string[] {
  const newest = new Map<string, ExecutionSummary>();
  for (const { schedule, latest } of entries) {
    if (!latest) continue;
    const monitor = monitorNameOf(schedule.name);
    const current = newest.get(monitor);
    if (!current || latest.scheduledTime.getTime() > current.scheduledTime.getTime()) newest.set(monitor, latest);
  }
  return [...newest.entries()]
    .filter(([, e]) => e.status === 'CompletedWithViolations')
    .map(([name]) => name)
    .sort();
}

/** Every schedule of a backend with its latest execution: one list call per 100 schedules plus one per schedule, a few at a time. */
export async function latestExecutions(backend: MonitoringBackend, concurrency = 4): Promise<ScheduleLatest[]> {
  const schedules = await listAllSchedules(backend);
  return mapWithConcurrency(schedules, concurrency, async (schedule) => {
    const page = await backend.listExecutions({ scheduleName: schedule.name, sortOrder: 'Descending', maxResults: 1 });
    return page.items[0] ? { schedule, latest: page.items[0] } : { schedule };
  });
}
