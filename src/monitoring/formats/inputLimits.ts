/**
 * Limits on single records of the analyzer's inputs. Each is refused at once, with file:line and the
 * limit, before anything proportional to the record is built, so memory stays bounded on any line.
 */

const MB = 1024 * 1024;

export interface LineLimit {
  bytes: number;
  /** What the limit is, for the message: "a capture line", "a dataset line". */
  what: string;
}

/** One capture record: two payloads of at most 6 MB each, BASE64-encoded (4/3), and the envelope. */
export const CAPTURE_LINE: LineLimit = { bytes: 25 * MB, what: 'a capture line' };

/** One line of a CSV or JSON Lines dataset (or of a ground-truth file). */
export const DATASET_LINE: LineLimit = { bytes: 16 * MB, what: 'a dataset line' };

/** SageMaker's documented maximum invocation payload: nothing larger can have been captured. */
export const INVOCATION_PAYLOAD_BYTES = 6 * MB;

/** Spark's CSV reader (univocity `maxColumns`) refuses records wider than this. */
export const MAX_COLUMNS = 20_480;

export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;
}

/** "the line is longer than 25 MB, the limit for a capture line". */
export function lineTooLong(limit: LineLimit, length?: number): string {
  const size = length === undefined ? `longer than ${megabytes(limit.bytes)}` : `${megabytes(length)} long`;
  return `the line is ${size}; ${limit.what} may be at most ${megabytes(limit.bytes)}`;
}

export function tooManyColumns(count: number | undefined): string {
  const found = count === undefined ? `more than ${MAX_COLUMNS.toLocaleString('en-US')}` : count.toLocaleString('en-US');
  return `the record has ${found} columns; at most ${MAX_COLUMNS.toLocaleString('en-US')} are supported (the limit of Spark's CSV reader)`;
}
