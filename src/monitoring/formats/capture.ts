/** One line of SageMaker's data capture JSON Lines (spec §1.4). */
import { FieldChecker, fieldPath, parseJsonText, type JsonObject } from './jsonFields';
import { writeCompactJson } from './jacksonJson';
import { FormatError } from './formatError';
import { INVOCATION_PAYLOAD_BYTES, megabytes } from './inputLimits';
import { decodeUtf8 } from './utf8';

export type CaptureEncoding = 'CSV' | 'JSON' | 'BASE64';

export interface CapturedPayload {
  observedContentType: string;
  mode: 'INPUT' | 'OUTPUT';
  data: string;
  encoding: CaptureEncoding;
  [unknownField: string]: unknown;
}

export interface CaptureRecord {
  captureData: {
    endpointInput?: CapturedPayload;
    endpointOutput?: CapturedPayload;
    [unknownField: string]: unknown;
  };
  eventMetadata: {
    eventId: string;
    inferenceId?: string;
    inferenceTime: string;
    customAttributes?: string;
    [unknownField: string]: unknown;
  };
  eventVersion: string;
  [unknownField: string]: unknown;
}

const ENCODINGS: readonly CaptureEncoding[] = ['CSV', 'JSON', 'BASE64'];

/** ISO-8601 UTC/offset time as the service writes it (`2022-04-18T00:21:48Z`, fractions allowed). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** One capture line (`line` is 1-based, for the error message). Keys we do not know are kept. */
export function parseCaptureRecord(text: string, file: string, line: number): CaptureRecord {
  const check = new FieldChecker({ file, line });
  const root = check.object(parseJsonText(text, { file, line }), '');
  const captureData = check.field(root, 'captureData', '', (v, p) => check.object(v, p));
  check.optional(captureData, 'endpointInput', 'captureData', (v, p) => checkPayload(check, v, p));
  check.optional(captureData, 'endpointOutput', 'captureData', (v, p) => checkPayload(check, v, p));
  const metadata = check.field(root, 'eventMetadata', '', (v, p) => check.object(v, p));
  check.field(metadata, 'eventId', 'eventMetadata', (v, p) => check.string(v, p));
  check.optional(metadata, 'inferenceId', 'eventMetadata', (v, p) => check.string(v, p));
  check.field(metadata, 'inferenceTime', 'eventMetadata', (v, p) => {
    const time = check.string(v, p);
    if (!ISO_TIME.test(time) || Number.isNaN(Date.parse(time))) {
      check.fail(p, `must be an ISO-8601 time such as "2022-04-18T00:21:48Z", found ${JSON.stringify(time)}`);
    }
    return time;
  });
  check.optional(metadata, 'customAttributes', 'eventMetadata', (v, p) => check.string(v, p));
  check.field(root, 'eventVersion', '', (v, p) => check.string(v, p));
  return root as CaptureRecord;
}

function checkPayload(check: FieldChecker, value: unknown, path: string): void {
  const payload: JsonObject = check.object(value, path);
  check.field(payload, 'observedContentType', path, (v, p) => check.string(v, p));
  check.field(payload, 'mode', path, (v, p) => check.oneOf(v, p, ['INPUT', 'OUTPUT'] as const));
  check.field(payload, 'data', path, (v, p) => check.string(v, p));
  const encoding = check.field(payload, 'encoding', path, (v, p) => check.oneOf(v, p, ENCODINGS));
  const size = payloadBytes(payload.data as string, encoding);
  if (size > INVOCATION_PAYLOAD_BYTES) {
    check.fail(
      fieldPath(path, 'data'),
      `holds ${megabytes(size)}, but SageMaker's invocation payload is at most ${megabytes(INVOCATION_PAYLOAD_BYTES)}, so no endpoint captured it`,
    );
  }
  if (encoding === 'BASE64' && !isBase64(payload.data as string)) {
    check.fail(fieldPath(path, 'data'), 'is not valid base64 although encoding is "BASE64"');
  }
}

/** The payload's size in bytes (an upper bound for BASE64); measured only when it could be over the limit. */
function payloadBytes(data: string, encoding: CaptureEncoding): number {
  if (encoding === 'BASE64') return Math.floor((data.length * 3) / 4);
  return data.length * 3 > INVOCATION_PAYLOAD_BYTES ? Buffer.byteLength(data, 'utf8') : data.length;
}

/** One JSON Lines line (no newline), compact as SageMaker writes it. */
export function serializeCaptureRecord(record: CaptureRecord): string {
  return writeCompactJson(record);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isBase64(text: string): boolean {
  return BASE64.test(text.replace(/\s+/g, ''));
}

/**
 * The payload as text: CSV and JSON payloads are stored as text already; BASE64 payloads are decoded and
 * must be UTF-8 text. `source` names where the payload came from for the FormatError (file, line, field).
 */
export function decodeCapturedPayload(
  payload: CapturedPayload,
  source: { file: string; line?: number; field?: string } = { file: '(captured payload)' },
): string {
  if (payload.encoding !== 'BASE64') return payload.data;
  const field = source.field ?? 'data';
  if (!isBase64(payload.data)) throw new FormatError(source.file, 'is not valid base64 although encoding is "BASE64"', field, source.line);
  const bytes = Buffer.from(payload.data, 'base64');
  try {
    return decodeUtf8(bytes, source.file, source.line);
  } catch (e) {
    const problem = e instanceof FormatError ? e.problem : String(e);
    throw new FormatError(source.file, `base64 payload is not UTF-8 text: ${problem}`, field, source.line);
  }
}
