/**
 * Messages between the captured-data webview and the extension. Both sides import these types; every
 * message is validated on arrival, since a webview is an untrusted boundary.
 */
import type { CapturedRow } from './capturedDataModel';

/** What the panel shows, enough to rebuild it after a reload (kept by the webview with setState). */
export interface CapturedDataState {
  connectionId: string;
  endpointName: string;
  destinationS3Uri: string;
  /** ISO times, [start, end). */
  start: string;
  end: string;
  page: number;
}

export interface CapturedDataPage {
  index: number;
  offset: number;
  hasNext: boolean;
  rows: CapturedRow[];
  /** Lines read so far, and whether that is all of the window. */
  read: number;
  complete: boolean;
}

export type CapturedToWebview =
  | { type: 'loading'; state: CapturedDataState }
  | { type: 'page'; state: CapturedDataState; page: CapturedDataPage }
  | { type: 'error'; state: CapturedDataState; message: string };

export type CapturedFromWebview =
  | { type: 'ready' }
  | { type: 'page'; index: number }
  | { type: 'openRaw'; uri: string; line: number }
  | { type: 'changeWindow' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9;

export function parseCapturedFromWebview(message: unknown): CapturedFromWebview | undefined {
  if (!isRecord(message)) return undefined;
  switch (message.type) {
    case 'ready':
    case 'changeWindow':
      return { type: message.type };
    case 'page':
      return isCount(message.index) ? { type: 'page', index: message.index } : undefined;
    case 'openRaw':
      return isString(message.uri) && message.uri.startsWith('s3://') && message.uri.length < 2048 && isCount(message.line) && message.line >= 1
        ? { type: 'openRaw', uri: message.uri, line: message.line }
        : undefined;
    default:
      return undefined;
  }
}

export function isCapturedDataState(s: unknown): s is CapturedDataState {
  return (
    isRecord(s) &&
    isString(s.connectionId) &&
    isString(s.endpointName) &&
    isString(s.destinationS3Uri) &&
    isString(s.start) &&
    !Number.isNaN(Date.parse(s.start)) &&
    isString(s.end) &&
    !Number.isNaN(Date.parse(s.end)) &&
    isCount(s.page)
  );
}

function isRow(r: unknown): r is CapturedRow {
  return (
    isRecord(r) &&
    isString(r.uri) &&
    isCount(r.line) &&
    isString(r.file) &&
    isString(r.time) &&
    isString(r.inferenceId) &&
    isString(r.input) &&
    isString(r.output) &&
    (r.problem === undefined || isString(r.problem))
  );
}

export function parseCapturedToWebview(message: unknown): CapturedToWebview | undefined {
  if (!isRecord(message) || !isCapturedDataState(message.state)) return undefined;
  const state = message.state;
  if (message.type === 'loading') return { type: 'loading', state };
  if (message.type === 'error' && isString(message.message)) return { type: 'error', state, message: message.message };
  const p = message.page;
  if (message.type === 'page' && isRecord(p) && isCount(p.index) && isCount(p.offset) && typeof p.hasNext === 'boolean' && isCount(p.read) && typeof p.complete === 'boolean' && Array.isArray(p.rows) && p.rows.every(isRow)) {
    return { type: 'page', state, page: { index: p.index, offset: p.offset, hasNext: p.hasNext, rows: p.rows, read: p.read, complete: p.complete } };
  }
  return undefined;
}
