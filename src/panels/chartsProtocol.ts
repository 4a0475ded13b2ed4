/**
 * Messages between the charts webview and the extension, validated on arrival on both sides (a webview
 * is an untrusted boundary).
 */
import type { ChartSpec, ChartsData } from './chartData';
import { parseChartSpec } from './chartData';
import { FEATURE_STATISTICS, type RunsOn } from './executionDigest';
import { INFERRED_TYPES } from '../monitoring/formats/statistics';

/** What the webview keeps (setState) so that the extension can reopen the same charts after a reload. */
export interface ChartsRestoreState {
  connectionId: string;
  endpointName: string;
}

export type ChartsToWebview =
  | { type: 'loading'; endpointName: string; done: number; total: number }
  | { type: 'data'; data: ChartsData; charts: ChartSpec[]; restore: ChartsRestoreState; errors: string[] }
  | { type: 'error'; message: string };

export type ChartsFromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'saveCharts'; charts: ChartSpec[] }
  /** `runsOn` names the monitors on this machine beside an AWS endpoint's; absent for the connection's own. */
  | { type: 'openReport'; scheduleName: string; time: number; runsOn?: RunsOn }
  | { type: 'exportCsv'; fileName: string; csv: string }
  | { type: 'exportPng'; fileName: string; dataUrl: string };

const MAX_EXPORT_CHARS = 50_000_000;
const FILE_NAME = /^[\w .()-]{1,120}$/;

export function parseChartsFromWebview(message: unknown): ChartsFromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
      return { type: m.type };
    case 'saveCharts': {
      if (!Array.isArray(m.charts) || m.charts.length > 50) return undefined;
      const charts = m.charts.map(parseChartSpec);
      return charts.every((c): c is ChartSpec => c !== undefined) ? { type: 'saveCharts', charts } : undefined;
    }
    case 'openReport':
      return typeof m.scheduleName === 'string' && m.scheduleName.length < 300 && typeof m.time === 'number' && Number.isFinite(m.time) && (m.runsOn === undefined || m.runsOn === 'thisMachine')
        ? { type: 'openReport', scheduleName: m.scheduleName, time: m.time, ...(m.runsOn ? { runsOn: m.runsOn } : {}) }
        : undefined;
    case 'exportCsv':
      return typeof m.fileName === 'string' && FILE_NAME.test(m.fileName) && typeof m.csv === 'string' && m.csv.length < MAX_EXPORT_CHARS
        ? { type: 'exportCsv', fileName: m.fileName, csv: m.csv }
        : undefined;
    case 'exportPng':
      return typeof m.fileName === 'string' && FILE_NAME.test(m.fileName) && typeof m.dataUrl === 'string' && m.dataUrl.startsWith('data:image/png;base64,') && m.dataUrl.length < MAX_EXPORT_CHARS
        ? { type: 'exportPng', fileName: m.fileName, dataUrl: m.dataUrl }
        : undefined;
    default:
      return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isValues = (v: unknown): boolean => isRecord(v) && Object.entries(v).every(([k, n]) => FEATURE_STATISTICS.some((s) => s === k) && isNumber(n));

function isChartsData(d: unknown): d is ChartsData {
  return (
    isRecord(d) &&
    isString(d.endpointName) &&
    Array.isArray(d.baselines) &&
    d.baselines.every(
      (b) =>
        isRecord(b) &&
        isString(b.scheduleName) &&
        Array.isArray(b.features) &&
        b.features.every((f) => isRecord(f) && isString(f.name) && isValues(f.values) && (f.inferredType === undefined || INFERRED_TYPES.some((t) => t === f.inferredType))) &&
        Array.isArray(b.metrics) &&
        b.metrics.every((m) => isRecord(m) && isString(m.name) && isNumber(m.threshold) && isString(m.operator)) &&
        (b.drift === undefined || (isRecord(b.drift) && isNumber(b.drift.numerical) && isNumber(b.drift.categorical))),
    ) &&
    Array.isArray(d.executions) &&
    d.executions.every(
      (e) =>
        isRecord(e) &&
        isString(e.scheduleName) &&
        (e.runsOn === undefined || e.runsOn === 'thisMachine') &&
        isNumber(e.time) &&
        isString(e.status) &&
        Array.isArray(e.features) &&
        e.features.every((f) => isRecord(f) && isString(f.name) && isValues(f.values)) &&
        Array.isArray(e.metrics) &&
        e.metrics.every((m) => isRecord(m) && isString(m.name) && isNumber(m.value)) &&
        Array.isArray(e.violations) &&
        e.violations.every((v) => isRecord(v) && isString(v.name) && isString(v.check)),
    )
  );
}

export function parseChartsToWebview(message: unknown): ChartsToWebview | undefined {
  if (!isRecord(message)) return undefined;
  switch (message.type) {
    case 'loading':
      return isString(message.endpointName) && isNumber(message.done) && isNumber(message.total)
        ? { type: 'loading', endpointName: message.endpointName, done: message.done, total: message.total }
        : undefined;
    case 'error':
      return isString(message.message) ? { type: 'error', message: message.message } : undefined;
    case 'data': {
      const r = message.restore;
      if (!isChartsData(message.data) || !Array.isArray(message.charts) || !isRecord(r) || !isString(r.connectionId) || !isString(r.endpointName)) return undefined;
      if (!Array.isArray(message.errors) || !message.errors.every(isString)) return undefined;
      const charts = message.charts.map(parseChartSpec);
      if (!charts.every((c): c is ChartSpec => c !== undefined)) return undefined;
      return { type: 'data', data: message.data, charts, restore: { connectionId: r.connectionId, endpointName: r.endpointName }, errors: message.errors };
    }
    default:
      return undefined;
  }
}
