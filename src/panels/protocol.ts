/**
 * Messages between the execution report webview and the extension. Both sides import these types;
 * every message is validated on arrival, since a webview is an untrusted boundary.
 */
import type { ExecutionReportModel } from './executionReportModel';

export type ReportToWebview = { type: 'report'; report: ExecutionReportModel } | { type: 'error'; message: string };

export type ReportFromWebview = { type: 'ready' } | { type: 'refresh' } | { type: 'copyUri'; uri: string };

export function parseReportFromWebview(message: unknown): ReportFromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
      return { type: m.type };
    case 'copyUri':
      return typeof m.uri === 'string' && m.uri.length < 2048 ? { type: 'copyUri', uri: m.uri } : undefined;
    default:
      return undefined;
  }
}

export function parseReportToWebview(message: unknown): ReportToWebview | undefined {
  if (!isRecord(message)) return undefined;
  if (message.type === 'error' && typeof message.message === 'string') return { type: 'error', message: message.message };
  if (message.type === 'report' && isReportModel(message.report)) return { type: 'report', report: message.report };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The fields the webview renders, each row included, so a malformed model is refused rather than half drawn. */
function isReportModel(r: unknown): r is ExecutionReportModel {
  return (
    isRecord(r) &&
    isString(r.scheduleName) &&
    isString(r.scheduledTime) &&
    !Number.isNaN(Date.parse(r.scheduledTime)) &&
    isString(r.status) &&
    isString(r.reportUri) &&
    Array.isArray(r.violations) &&
    r.violations.every((v) => isRecord(v) && isString(v.feature) && isString(v.check) && isString(v.description)) &&
    Array.isArray(r.features) &&
    r.features.every((f) => isRecord(f) && isString(f.name) && typeof f.violated === 'boolean') &&
    Array.isArray(r.metrics) &&
    r.metrics.every((m) => isRecord(m) && isString(m.name) && typeof m.value === 'number' && typeof m.violated === 'boolean')
  );
}
