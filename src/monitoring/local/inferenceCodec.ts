/**
 * Request and response bodies of a local endpoint, as SageMaker's built-in XGBoost container takes them:
 * `text/csv` (one row of features per line, no header, an empty field is a missing value) or
 * `application/json` (`{"instances": [[...], ...]}`, `{"instances": [{"features": [...]}]}`, a list of
 * rows, or one row). Bad input becomes an InferenceRequestError carrying the HTTP status to answer with.
 */

export class InferenceRequestError extends Error {
  override readonly name = 'InferenceRequestError';
  constructor(
    readonly status: 400 | 403 | 404 | 406 | 413 | 415 | 500 | 503,
    message: string,
  ) {
    super(message);
  }
}

export type PayloadFormat = 'csv' | 'json';

/** The media type without parameters, lower-cased: `Text/CSV; charset=utf-8` → `text/csv`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function requestFormat(contentType: string | undefined): PayloadFormat {
  const type = mediaType(contentType);
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json' || type === 'application/jsonlines') return 'json';
  throw new InferenceRequestError(
    415,
    type ? `Unsupported content type "${type}": send text/csv (one row of features per line) or application/json ({"instances": [[...]]})` : 'The request has no Content-Type: send text/csv or application/json',
  );
}

/** The response format: what Accept asks for, else the request's own format. */
export function responseFormat(accept: string | undefined, request: PayloadFormat): PayloadFormat {
  const wanted = (accept ?? '').split(',').map(mediaType).filter((t) => t && t !== '*/*');
  if (wanted.length === 0) return request;
  for (const type of wanted) {
    if (type === 'text/csv') return 'csv';
    if (type === 'application/json') return 'json';
  }
  throw new InferenceRequestError(406, `Cannot answer with ${accept}: this endpoint answers text/csv or application/json`);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The feature rows of a request; NaN marks a missing value. */
export function parseInferenceRequest(format: PayloadFormat, body: Uint8Array, featureNames: readonly string[]): number[][] {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new InferenceRequestError(400, 'The request body is not valid UTF-8 text');
  }
  if (text.trim() === '') throw new InferenceRequestError(400, 'The request body is empty: send at least one row of features');
  const rows = format === 'csv' ? parseCsvRows(text) : parseJsonRows(text);
  rows.forEach((row, i) => {
    if (row.length !== featureNames.length) {
      throw new InferenceRequestError(
        400,
        `Row ${i + 1} has ${row.length} value${row.length === 1 ? '' : 's'}; the model expects ${featureNames.length} (${featureNames.join(', ')})`,
      );
    }
  });
  return rows;
}

function parseCsvRows(text: string): number[][] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) =>
    line.split(',').map((field, j) => {
      const value = field.trim();
      if (value === '' || value.toLowerCase() === 'nan') return Number.NaN;
      const x = Number(value);
      if (!Number.isFinite(x)) {
        const hint = i === 0 ? ' (send the features without a header row)' : '';
        throw new InferenceRequestError(400, `Row ${i + 1}, column ${j + 1}: "${truncate(value)}" is not a number${hint}`);
      }
      return x;
    }),
  );
}

function parseJsonRows(text: string): number[][] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InferenceRequestError(400, `The request body is not valid JSON: ${(e as Error).message}`);
  }
  let instances: unknown[];
  if (Array.isArray(doc)) instances = doc.every((x) => typeof x === 'number' || x === null) ? [doc] : doc;
  else if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { instances?: unknown }).instances)) instances = (doc as { instances: unknown[] }).instances;
  else if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { features?: unknown }).features)) instances = [doc];
  else throw new InferenceRequestError(400, 'Expected JSON like {"instances": [[f1, f2, ...]]}, a list of rows, or one row of numbers');
  if (instances.length === 0) throw new InferenceRequestError(400, '"instances" is empty: send at least one row of features');
  return instances.map((instance, i) => {
    const values = Array.isArray(instance) ? instance : (instance as { features?: unknown } | null)?.features;
    if (!Array.isArray(values)) throw new InferenceRequestError(400, `instances[${i}] must be a list of numbers or {"features": [...]}`);
    return values.map((v, j) => {
      if (v === null) return Number.NaN;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InferenceRequestError(400, `instances[${i}][${j}]: ${truncate(JSON.stringify(v))} is not a number`);
      return v;
    });
  });
}

export interface EncodedResponse {
  contentType: string;
  body: string;
}

export function formatPredictions(format: PayloadFormat, predictions: readonly number[]): EncodedResponse {
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: predictions.map((p) => String(p)).join('\n') };
  return { contentType: 'application/json', body: JSON.stringify({ predictions: predictions.map((score) => ({ score })) }) };
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
