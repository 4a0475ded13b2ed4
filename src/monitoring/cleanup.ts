/**
 * Deleting schedules and endpoints the way the chapter's cleanup cells do (schedules first, then the
 * endpoint), with a plan the user confirms before anything goes. A plan names exactly what is deleted:
 * the schedules, each job definition no remaining schedule uses (the SDK's delete_monitoring_schedule
 * deletes its job definition too), and the endpoint. Captured data, reports, baselines and endpoint
 * configs are never deleted.
 */
import type { MonitoringBackend } from './backend';
import { isMonitoringError } from './errors';
import type { MonitoringType, ScheduleSummary } from './model';

export interface JobDefinitionRef {
  name: string;
  type: MonitoringType;
}

export interface SchedulesDeletion {
  /** Deleted in this order. */
  schedules: ScheduleSummary[];
  /** Job definitions of those schedules that no other schedule uses: deleted after the schedules. */
  jobDefinitions: JobDefinitionRef[];
  /** Job definitions of those schedules kept because other schedules use them, with those schedules. */
  keptJobDefinitions: (JobDefinitionRef & { usedBy: string[] })[];
}

export interface EndpointDeletion extends SchedulesDeletion {
  endpointName: string;
  /** Where the endpoint's captured data is (kept), when capture is configured. */
  captureDestination?: string;
  /** A local endpoint's inference server is running and is stopped first. */
  stopsLocalServer: boolean;
}

export interface Confirmation {
  message: string;
  detail: string;
  /** The label of the button that goes ahead. */
  action: string;
}

/**
 * Which job definitions go with `deleting` and which stay: a definition goes only when every schedule
 * using it is being deleted. `all` is every schedule that could use them (the endpoint's, or the account's).
 */
export function planSchedulesDeletion(deleting: readonly ScheduleSummary[], all: readonly ScheduleSummary[]): SchedulesDeletion {
  const names = new Set(deleting.map((s) => s.name));
  const jobDefinitions: JobDefinitionRef[] = [];
  const keptJobDefinitions: SchedulesDeletion['keptJobDefinitions'] = [];
  const seen = new Set<string>();
  for (const s of deleting) {
    if (!s.jobDefinitionName || !s.type) continue;
    const key = `${s.type}:${s.jobDefinitionName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const usedBy = all.filter((o) => !names.has(o.name) && o.jobDefinitionName === s.jobDefinitionName && o.type === s.type).map((o) => o.name);
    if (usedBy.length) keptJobDefinitions.push({ name: s.jobDefinitionName, type: s.type, usedBy });
    else jobDefinitions.push({ name: s.jobDefinitionName, type: s.type });
  }
  return { schedules: [...deleting], jobDefinitions, keptJobDefinitions };
}

const KEPT_DATA = 'Captured data, monitoring reports and baselines are not deleted.';

function keptLines(plan: SchedulesDeletion): string[] {
  return plan.keptJobDefinitions.map((d) => `Job definition ${d.name} is kept: ${d.usedBy.join(', ')} still ${d.usedBy.length === 1 ? 'uses' : 'use'} it.`);
}

export function scheduleDeletionConfirmation(plan: SchedulesDeletion): Confirmation {
  const [schedule] = plan.schedules;
  const goes = [`• the monitoring schedule ${schedule.name}`, ...plan.jobDefinitions.map((d) => `• its job definition ${d.name}`)];
  return {
    message: `Delete the monitoring schedule ${schedule.name}?`,
    detail: ['This deletes:', ...goes, '', ...keptLines(plan), KEPT_DATA].join('\n'),
    action: 'Delete Schedule',
  };
}

export function endpointDeletionConfirmation(plan: EndpointDeletion): Confirmation {
  const steps: string[] = [];
  if (plan.stopsLocalServer) steps.push(`• its local inference server on 127.0.0.1 is stopped`);
  for (const s of plan.schedules) steps.push(`• the monitoring schedule ${s.name}`);
  for (const d of plan.jobDefinitions) steps.push(`• the job definition ${d.name}`);
  steps.push(`• then the endpoint ${plan.endpointName}`);
  const kept = [
    ...keptLines(plan),
    `Its endpoint configs are kept. ${KEPT_DATA}${plan.captureDestination ? ` Captured data stays in ${plan.captureDestination}.` : ''}`,
  ];
  return {
    message: `Delete the endpoint ${plan.endpointName}${plan.schedules.length ? ` and its ${plan.schedules.length} monitoring schedule${plan.schedules.length === 1 ? '' : 's'}` : ''}?`,
    detail: ['In this order:', ...steps, '', ...kept].join('\n'),
    action: 'Delete Endpoint',
  };
}

/** Every schedule a list call returns, page by page. */
export async function listAllSchedules(backend: MonitoringBackend, endpointName?: string): Promise<ScheduleSummary[]> {
  const all: ScheduleSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await backend.listSchedules({ ...(endpointName ? { endpointName } : {}), maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    all.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** The plan for deleting one schedule: its job definition goes unless another schedule (on the same endpoint) uses it. */
export async function planScheduleDeletion(backend: MonitoringBackend, schedule: ScheduleSummary): Promise<SchedulesDeletion> {
  // A job definition reads one endpoint, so only that endpoint's schedules can share it.
  return planSchedulesDeletion([schedule], await listAllSchedules(backend, schedule.endpointName));
}

export async function planEndpointDeletion(
  backend: MonitoringBackend,
  endpointName: string,
  options: { stopsLocalServer?: boolean } = {},
): Promise<EndpointDeletion> {
  const [endpoint, schedules] = await Promise.all([backend.describeEndpoint(endpointName), listAllSchedules(backend, endpointName)]);
  return {
    ...planSchedulesDeletion(schedules, schedules),
    endpointName,
    ...(endpoint.dataCapture?.destinationS3Uri ? { captureDestination: endpoint.dataCapture.destinationS3Uri } : {}),
    stopsLocalServer: options.stopsLocalServer ?? false,
  };
}

export interface DeletionOutcome {
  deleted: string[];
  /** What could not be deleted after the rest was, and why (e.g. a job definition SageMaker still counts as in use). */
  warnings: string[];
}

export interface DeletionOptions {
  /** Waits between attempts at deleting a job definition SageMaker still reports in use (default 2 s, 5 tries). */
  retryDelayMs?: number;
  attempts?: number;
  onStep?: (message: string) => void;
}

/**
 * Deletes the plan's schedules, then its job definitions. A schedule that is already gone counts as
 * deleted (another window may have been quicker); a job definition that cannot be deleted is reported,
 * not thrown, because its schedule is gone by then and stopping there would leave the rest half-done.
 */
export async function deleteSchedules(backend: MonitoringBackend, plan: SchedulesDeletion, options: DeletionOptions = {}): Promise<DeletionOutcome> {
  const outcome: DeletionOutcome = { deleted: [], warnings: [] };
  for (const s of plan.schedules) {
    options.onStep?.(`Deleting the schedule ${s.name}`);
    try {
      await backend.deleteSchedule(s.name);
    } catch (e) {
      if (!(isMonitoringError(e) && e.kind === 'NotFound')) throw e;
    }
    outcome.deleted.push(`schedule ${s.name}`);
  }
  const attempts = options.attempts ?? 5;
  for (const d of plan.jobDefinitions) {
    options.onStep?.(`Deleting the job definition ${d.name}`);
    for (let attempt = 1; ; attempt++) {
      try {
        await backend.deleteJobDefinition(d.name, d.type);
        outcome.deleted.push(`job definition ${d.name}`);
        break;
      } catch (e) {
        if (isMonitoringError(e) && e.kind === 'NotFound') break;
        // SageMaker may count a just-deleted schedule as a user of its definition for a moment.
        if (isMonitoringError(e) && e.kind === 'InUse' && attempt < attempts) {
          await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 2000));
          continue;
        }
        outcome.warnings.push(`The job definition ${d.name} was kept: ${e instanceof Error ? e.message : String(e)}`);
        break;
      }
    }
  }
  return outcome;
}

/** Deletes the endpoint's schedules and their job definitions, then the endpoint (the caller stops a local server first). */
export async function deleteEndpoint(backend: MonitoringBackend, plan: EndpointDeletion, options: DeletionOptions = {}): Promise<DeletionOutcome> {
  const outcome = await deleteSchedules(backend, plan, options);
  options.onStep?.(`Deleting the endpoint ${plan.endpointName}`);
  await backend.deleteEndpoint(plan.endpointName);
  outcome.deleted.push(`endpoint ${plan.endpointName}`);
  return outcome;
}
