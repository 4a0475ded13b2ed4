/**
 * Messages between the execution report webview and the extension. Both sides import these types;
 * every message is validated on arrival, since a webview is an untrusted boundary.
 */
import type { ExecutionReportModel } from './executionReportModel';
import type { ExecutionSummary } from '../monitoring/model';

export type ReportFileKind = 'statistics' | 'constraints' | 'violations';
export const REPORT_FILE_KINDS: readonly ReportFileKind[] = ['statistics', 'constraints', 'violations'];

/** What the webview keeps (setState) so that the extension can reopen the same report after a reload. */
export interface ReportPanelState {
  connectionId: string;
  /** The panel is the preview that the next click in the tree replaces. */
  preview?: boolean;
  execution: ExecutionSummaryJson;
}

/** An execution summary as a message carries it: the model's fields, its times as ISO-8601 strings. */
export type ExecutionSummaryJson = Omit<ExecutionSummary, ExecutionTime> & Record<ExecutionTime, string>;
type ExecutionTime = 'scheduledTime' | 'creationTime' | 'lastModifiedTime';

export type ReportToWebview =
  | { type: 'report'; report: ExecutionReportModel; restore: ReportPanelState }
  /** What to restore after a reload changed without a new report (the preview was kept open). */
  | { type: 'restore'; restore: ReportPanelState }
  | { type: 'error'; message: string };

export type ReportFromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copyUri'; uri: string }
  | { type: 'openFile'; file: ReportFileKind }
  | { type: 'openCharts' };

export function parseReportFromWebview(message: unknown): ReportFromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'openCharts':
      return { type: m.type };
    case 'copyUri':
      return typeof m.uri === 'string' && m.uri.length < 2048 ? { type: 'copyUri', uri: m.uri } : undefined;
    case 'openFile':
      return REPORT_FILE_KINDS.find((k) => k === m.file) ? { type: 'openFile', file: m.file as ReportFileKind } : undefined;
    default:
      return undefined;
  }
}

export function parseReportToWebview(message: unknown): ReportToWebview | undefined {
  if (!isRecord(message)) return undefined;
  if (message.type === 'error' && typeof message.message === 'string') return { type: 'error', message: message.message };
  if (message.type === 'report' && isReportModel(message.report) && isRestoreState(message.restore)) return { type: 'report', report: message.report, restore: message.restore };
  if (message.type === 'restore' && isRestoreState(message.restore)) return { type: 'restore', restore: message.restore };
  return undefined;
}

function isRestoreState(s: unknown): s is ReportPanelState {
  return isRecord(s) && isString(s.connectionId) && isRecord(s.execution) && isString(s.execution.scheduleName) && isString(s.execution.scheduledTime) && isString(s.execution.status) && isOptional(s.preview, (v) => typeof v === 'boolean');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isOptional = (value: unknown, test: (v: unknown) => boolean): boolean => value === undefined || test(value);
const isNumbers = (value: unknown): boolean => Array.isArray(value) && value.every(isNumber);

function isOverlay(o: unknown): boolean {
  return (
    isRecord(o) &&
    (o.kind === 'values' || o.kind === 'bins' || o.kind === 'categories') &&
    Array.isArray(o.labels) &&
    o.labels.every(isString) &&
    isNumbers(o.baseline) &&
    isNumbers(o.current) &&
    (o.baseline as number[]).length === o.labels.length &&
    (o.current as number[]).length === o.labels.length
  );
}

function isDrift(d: unknown): boolean {
  return isRecord(d) && isNumber(d.distance) && isNumber(d.threshold) && isString(d.method) && typeof d.exceeded === 'boolean' && (d.source === 'sagemaker' || d.source === 'ours');
}

function isCurve(c: unknown): boolean {
  return isRecord(c) && isNumbers(c.x) && isNumbers(c.y) && (c.x as number[]).length === (c.y as number[]).length;
}

/** The fields the webview renders, each row included, so a malformed model is refused rather than half drawn. */
function isReportModel(r: unknown): r is ExecutionReportModel {
  return (
    isRecord(r) &&
    isString(r.scheduleName) &&
    isString(r.scheduledTime) &&
    !Number.isNaN(Date.parse(r.scheduledTime)) &&
    isString(r.status) &&
    isString(r.reportUri) &&
    isString(r.summary) &&
    isOptional(r.failureReason, isString) &&
    isOptional(r.failureAdvice, isString) &&
    isOptional(r.itemCount, isNumber) &&
    isOptional(r.analysisWindow, (w) => isRecord(w) && isString(w.start) && isString(w.end)) &&
    Array.isArray(r.violations) &&
    r.violations.every(
      (v) =>
        isRecord(v) &&
        isString(v.feature) &&
        isString(v.check) &&
        isString(v.description) &&
        isString(v.meaning) &&
        isOptional(v.explanation, isString) &&
        isOptional(v.likelyCause, isString) &&
        isOptional(v.observed, isNumber) &&
        isOptional(v.threshold, isNumber),
    ) &&
    Array.isArray(r.features) &&
    r.features.every(
      (f) =>
        isRecord(f) &&
        isString(f.name) &&
        typeof f.violated === 'boolean' &&
        Array.isArray(f.checks) &&
        f.checks.every(isString) &&
        isOptional(f.drift, isDrift) &&
        isOptional(f.overlay, isOverlay),
    ) &&
    Array.isArray(r.findings) &&
    r.findings.every((f) => isRecord(f) && isString(f.feature) && isString(f.kind) && isString(f.text)) &&
    Array.isArray(r.metrics) &&
    r.metrics.every((m) => isRecord(m) && isString(m.name) && isNumber(m.value) && typeof m.violated === 'boolean' && isOptional(m.threshold, isNumber)) &&
    isOptional(
      r.confusionMatrix,
      (c) => isRecord(c) && Array.isArray(c.labels) && c.labels.every(isString) && Array.isArray(c.counts) && c.counts.every(isNumbers),
    ) &&
    isOptional(r.roc, isCurve) &&
    isOptional(r.precisionRecall, isCurve) &&
    isRecord(r.files) &&
    REPORT_FILE_KINDS.every((k) => isOptional((r.files as Record<string, unknown>)[k], isString))
  );
}
