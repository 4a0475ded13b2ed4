/**
 * Runs a local workspace's monitoring schedules while it is running, with SageMaker's semantics
 * (spec §3.8, §4.5, §6.3):
 * - a cron schedule (hourly, daily at H, every N hours from S; all UTC, minute 0) fires at the top of
 *   its hours; the execution's ScheduledTime is that hour and it analyses the previous interval (or the
 *   job definition's StartTimeOffset/EndTimeOffset window). SageMaker starts executions 0–20 minutes
 *   late; we wait `startDelayMs` (default one minute) so the last minute's capture has been flushed.
 * - a NOW schedule runs once, as soon as the scheduler sees it, over its DataAnalysisStartTime/EndTime.
 * - only Scheduled schedules run; a schedule never runs for hours before it was created.
 * Missed runs are NOT back-filled: hours that passed while no scheduler was running (editor closed,
 * `serve` not started) get no execution, just as a stopped SageMaker schedule gets none.
 * Several schedulers on one workspace (two windows) are safe: each execution is claimed by exactly one.
 * A damaged schedule document (bad JSON, a wrong shape, an expression we cannot run) is reported once
 * per distinct problem, not at every poll, and never stops the healthy schedules.
 */
import type { Logger } from '../logger';
import type { ExecutionSummary } from '../model';
import { nextScheduledTimes } from '../scheduleExpression';
import type { LocalBackend } from './localBackend';
import type { ScheduleDocument } from './localDocuments';

export interface LocalSchedulerOptions {
  now?: () => Date;
  /** Delay after the scheduled time before an execution starts. */
  startDelayMs?: number;
  /** How often to look for new NOW schedules and changes. */
  pollIntervalMs?: number;
  logger?: Logger;
  onExecution?: (execution: ExecutionSummary) => void;
  /**
   * Catch up missed hours: on each check, a cron schedule's fires since its latest execution (or its
   * creation), at most `catchUpHours` back, are run, each once. Monitors that run on this machine for
   * an AWS endpoint use it, so hours while VS Code was closed still get their execution.
   */
  catchUpHours?: number;
}

export class LocalScheduler {
  private readonly now: () => Date;
  private readonly startDelayMs: number;
  private readonly pollIntervalMs: number;
  private readonly logger: Logger;
  /** Fires due at or before this time have been considered. */
  private checkedUntil: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ExecutionSummary[]> | undefined;
  private stopped = true;
  /** Bumped by every start(), so a loop left over from before a stop() never schedules itself again. */
  private generation = 0;
  /** The problem last reported per schedule document, so a poll repeats no warning until it changes. */
  private readonly reported = new Map<string, string>();

  constructor(
    private readonly backend: LocalBackend,
    private readonly options: LocalSchedulerOptions = {},
  ) {
    this.now = options.now ?? backend.now;
    this.startDelayMs = options.startDelayMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.logger = options.logger ?? backend.logger;
  }

  /** Starts running schedules from now on (nothing before now is back-filled). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.checkedUntil ??= this.now().getTime();
    void this.loop(++this.generation);
  }

  /** Stops timing; resolves when an execution in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Runs every execution due now, one after the other, and returns those this scheduler ran. Called by
   * the timer; tests call it directly with an injected clock.
   */
  tick(): Promise<ExecutionSummary[]> {
    this.running ??= this.runDue().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(generation: number): Promise<void> {
    const current = () => !this.stopped && generation === this.generation;
    if (!current()) return;
    try {
      await this.tick();
    } catch (e) {
      this.logger.error(`Scheduler: ${(e as Error).message}`);
    }
    if (!current()) return;
    const delay = await this.delayUntilNextCheck();
    // stop() (and maybe start()) may have run while the delay was computed.
    if (!current()) return;
    this.timer = setTimeout(() => void this.loop(generation), delay);
    this.timer.unref?.();
  }

  private async runDue(): Promise<ExecutionSummary[]> {
    const now = this.now().getTime();
    const from = this.checkedUntil ?? now;
    const ran: ExecutionSummary[] = [];
    const problems = new Map<string, string>();
    for (const { file, schedule } of await this.readSchedules(problems)) {
      if (schedule.MonitoringScheduleStatus !== 'Scheduled') continue;
      const name = schedule.MonitoringScheduleName;
      let due: Date[];
      try {
        due = await this.dueTimes(schedule, from, now);
      } catch (e) {
        problems.set(file, `Schedule ${name} (${file}) cannot run: ${(e as Error).message}`);
        continue;
      }
      for (const scheduledTime of due) {
        try {
          const execution = await this.backend.runScheduledExecution(name, scheduledTime);
          if (!execution) continue; // another window or process ran it
          ran.push(execution);
          this.logger.info(`${name}: execution for ${scheduledTime.toISOString()} ${execution.status}${execution.failureReason ? ` — ${execution.failureReason}` : ''}`);
          this.options.onExecution?.(execution);
        } catch (e) {
          this.logger.error(`${name}: could not run the execution for ${scheduledTime.toISOString()}: ${(e as Error).message}`);
        }
      }
    }
    this.report(problems);
    this.checkedUntil = Math.max(from, now);
    return ran;
  }

  /** The scheduled times of a schedule due in (from, now]; throws when its expression or name is unusable. */
  private async dueTimes(schedule: ScheduleDocument, from: number, now: number): Promise<Date[]> {
    const expression = expressionOf(schedule);
    if (expression === 'NOW') return (await this.backend.store.executionTimes(schedule.MonitoringScheduleName)).length === 0 ? [new Date(now)] : [];
    const creationTime: unknown = schedule.CreationTime;
    const created = typeof creationTime === 'string' ? Date.parse(creationTime) : Number.NaN;
    // Without it no fire could be placed after the schedule's creation: it would never run, silently.
    if (!Number.isFinite(created)) {
      throw new Error(creationTime === undefined ? 'it has no CreationTime' : `its CreationTime ${JSON.stringify(creationTime)} is not an ISO-8601 time`);
    }
    const due: Date[] = [];
    const catchUp = this.options.catchUpHours;
    const since = catchUp ? await this.catchUpFrom(schedule.MonitoringScheduleName, created, now, catchUp) : from;
    // Fires whose start time (fire + delay) falls in (since, now], never before the schedule existed.
    for (const fire of nextScheduledTimes(expression, new Date(since - this.startDelayMs), 1000)) {
      if (fire.getTime() + this.startDelayMs > now) break;
      if (fire.getTime() >= created) due.push(fire);
    }
    return due;
  }

  /** Just after the schedule's latest execution (or its creation), but no more than `hours` back. */
  private async catchUpFrom(name: string, created: number, now: number, hours: number): Promise<number> {
    const times = await this.backend.store.executionTimes(name);
    const latest = times.reduce((max, t) => Math.max(max, t.getTime()), -Infinity);
    // The latest fire already ran; start just after it so it is not offered again.
    const after = Number.isFinite(latest) ? latest + 1 + this.startDelayMs : created;
    return Math.max(after, created, now - hours * 3_600_000);
  }

  /** The readable schedules with their files; each unreadable or misshapen document goes into `problems`. */
  private async readSchedules(problems: Map<string, string>): Promise<{ file: string; schedule: ScheduleDocument }[]> {
    const schedules: { file: string; schedule: ScheduleDocument }[] = [];
    let entries;
    try {
      entries = await this.backend.store.listEach<unknown>('monitoring-schedules');
    } catch (e) {
      problems.set(this.backend.layout.documentDir('monitoring-schedules'), `Cannot read the schedules: ${(e as Error).message}`);
      return [];
    }
    for (const entry of entries) {
      if ('error' in entry) problems.set(entry.file, `Skipping the schedule document ${entry.file}: ${entry.error.message}`);
      else if (!isScheduleDocument(entry.doc)) {
        problems.set(entry.file, `Skipping the schedule document ${entry.file}: it is not a monitoring schedule (it needs the strings "MonitoringScheduleName" and "MonitoringScheduleStatus").`);
      } else schedules.push({ file: entry.file, schedule: entry.doc });
    }
    return schedules;
  }

  /**
   * Warns about each document's problem unless it is the very problem last reported for it; a document
   * without a problem now forgets its report, so breaking it again is reported again.
   */
  private report(problems: ReadonlyMap<string, string>): void {
    for (const file of [...this.reported.keys()]) if (!problems.has(file)) this.reported.delete(file);
    for (const [file, problem] of problems) {
      if (this.reported.get(file) === problem) continue;
      this.reported.set(file, problem);
      this.logger.warn(problem);
    }
  }

  /** Until the next fire's start time, but at most the poll interval (new NOW schedules, edits). */
  private async delayUntilNextCheck(): Promise<number> {
    const now = this.now().getTime();
    let next = now + this.pollIntervalMs;
    const entries = await this.backend.store.listEach<unknown>('monitoring-schedules').catch(() => []);
    for (const entry of entries) {
      if (!('doc' in entry) || !isScheduleDocument(entry.doc)) continue; // reported by runDue
      const expression = expressionOf(entry.doc);
      if (entry.doc.MonitoringScheduleStatus !== 'Scheduled' || expression === 'NOW') continue;
      try {
        const [fire] = nextScheduledTimes(expression, new Date(now - this.startDelayMs), 1);
        if (fire) next = Math.min(next, fire.getTime() + this.startDelayMs);
      } catch {
        // reported by runDue; the others still set the delay
      }
    }
    return Math.max(50, next - now);
  }
}

function expressionOf(schedule: ScheduleDocument): string {
  const expression: unknown = schedule.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression;
  return typeof expression === 'string' ? expression.trim() : '';
}

function isScheduleDocument(doc: unknown): doc is ScheduleDocument {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const record = doc as Record<string, unknown>;
  return typeof record.MonitoringScheduleName === 'string' && typeof record.MonitoringScheduleStatus === 'string';
}
