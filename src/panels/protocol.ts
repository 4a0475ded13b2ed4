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
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'error' && typeof m.message === 'string') return { type: 'error', message: m.message };
  if (m.type === 'report' && typeof m.report === 'object' && m.report !== null) {
    const r = m.report as Record<string, unknown>;
    if (typeof r.scheduleName === 'string' && Array.isArray(r.violations) && Array.isArray(r.features) && Array.isArray(r.metrics)) {
      return { type: 'report', report: m.report as ExecutionReportModel };
    }
  }
  return undefined;
}
