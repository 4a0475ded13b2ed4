/**
 * Fuzz property of the workspace's schedule documents as the scheduler reads them (what `model-monitor
 * serve` and an open local workspace run): valid, damaged and arbitrary `api/monitoring-schedules/*.json`
 * in a scratch workspace. scheduleDocumentFuzz.test.ts checks it at a few hundred cases, scripts/fuzz.ts
 * at 100,000.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { LocalBackend } from '../../../src/monitoring/local/localBackend';
import { LocalScheduler } from '../../../src/monitoring/local/scheduler';
import type { Logger } from '../../../src/monitoring/logger';
import { validateScheduleExpression } from '../../../src/monitoring/scheduleExpression';
import { damagedDocuments } from './formatArbitraries';
import { asyncFuzzProperty, type AsyncFuzzProperty } from './fuzzProperty';

const NOW = new Date('2024-06-03T09:20:00Z');

const scheduleDocument = fc.record({
  MonitoringScheduleArn: fc.constant('arn:aws:sagemaker:local:000000000000:monitoring-schedule/s'),
  MonitoringScheduleName: fc.constantFrom('s', 'dq-hourly', 'x1'),
  MonitoringScheduleStatus: fc.constantFrom('Scheduled', 'Stopped', 'Pending', 'Failed'),
  MonitoringType: fc.constantFrom('DataQuality', 'ModelQuality'),
  CreationTime: fc.constantFrom('2024-06-03T05:00:00.000Z', '2024-06-01T00:00:00Z', '2024-06-03T09:00:00.000Z'),
  LastModifiedTime: fc.constant('2024-06-03T05:00:00.000Z'),
  EndpointName: fc.constant('ep'),
  MonitoringScheduleConfig: fc.record({
    MonitoringJobDefinitionName: fc.constant('missing-definition'),
    MonitoringType: fc.constant('DataQuality'),
    ScheduleConfig: fc.oneof(
      fc.record({ ScheduleExpression: fc.constantFrom('cron(0 * ? * * *)', 'cron(0 8 ? * * *)', 'cron(0 1/2 ? * * *)') }),
      fc.record({ ScheduleExpression: fc.constant('NOW'), DataAnalysisStartTime: fc.constant('-PT2H'), DataAnalysisEndTime: fc.constant('-PT0H') }),
    ),
  }),
});

/** A scratch workspace with no endpoints or job definitions: a schedule that runs fails fast, as a recorded execution. */
export class ScratchWorkspace {
  readonly root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'schedule-fuzz-'));
  readonly file = join(this.root, 'api', 'monitoring-schedules', 'fuzz.json');
  readonly backend = new LocalBackend(this.root, { now: () => NOW });

  /** Only this document, and no executions left from the case before. */
  write(text: string): void {
    rmSync(join(this.root, 'api'), { recursive: true, force: true });
    mkdirSync(join(this.root, 'api', 'monitoring-schedules'), { recursive: true });
    writeFileSync(this.file, text);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** What the scheduler should make of the document, read independently of it: why it cannot run, or undefined. */
function expectedProblem(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'not an object';
  const record = doc as Record<string, unknown>;
  if (typeof record.MonitoringScheduleName !== 'string' || typeof record.MonitoringScheduleStatus !== 'string') return 'no name or status';
  if (record.MonitoringScheduleStatus !== 'Scheduled') return undefined;
  const config = record.MonitoringScheduleConfig as { ScheduleConfig?: { ScheduleExpression?: unknown } } | undefined;
  const expression = typeof config?.ScheduleConfig?.ScheduleExpression === 'string' ? config.ScheduleConfig.ScheduleExpression : '';
  if (validateScheduleExpression(expression.trim()) !== undefined) return 'bad expression';
  if (expression.trim() !== 'NOW' && (typeof record.CreationTime !== 'string' || !Number.isFinite(Date.parse(record.CreationTime)))) return 'no creation time';
  return undefined;
}

/**
 * One poll of the scheduler over a damaged schedule document never rejects and never hangs; every
 * warning names the document's file; a document that cannot run is reported, never silently skipped
 * or run half-read.
 */
export function scheduleDocumentsRunOrAreReported(workspace: ScratchWorkspace): AsyncFuzzProperty<[string, boolean]> {
  const text = damagedDocuments(scheduleDocument, (v) => JSON.stringify(v, null, 2), 'pretty');
  return asyncFuzzProperty(fc.tuple(text, fc.boolean()), async ([document, catchUp]) => {
    workspace.write(document);
    const messages: { level: 'warn' | 'error'; text: string }[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => messages.push({ level: 'warn', text: m }),
      error: (m) => messages.push({ level: 'error', text: m }),
    };
    const scheduler = new LocalScheduler(workspace.backend, { now: () => NOW, startDelayMs: 0, logger, ...(catchUp ? { catchUpHours: 3 } : {}) });
    const show = `document: ${JSON.stringify(document)}${catchUp ? ' (catching up)' : ''}`;
    try {
      await scheduler.tick();
    } catch (e) {
      throw new Error(`the scheduler's poll rejected with ${e instanceof Error ? e.message : String(e)}\n${show}`);
    }
    const warnings = messages.filter((m) => m.level === 'warn');
    for (const w of warnings) assert.ok(w.text.includes(workspace.file), `a warning does not name the file: ${w.text}\n${show}`);
    const expected = expectedProblem(document);
    if (expected === undefined) assert.deepEqual(warnings, [], `a runnable document was reported\n${show}`);
    else assert.ok(warnings.length > 0, `a document that cannot run (${expected}) was skipped without a word\n${show}`);
  });
}
