/**
 * What the captured-data browser shows: one readable row per capture line (time, inference id, input,
 * output, file and line), malformed lines as rows that say what is wrong, and pages read lazily from
 * the backend's stream so a day of traffic is never held at once. No `vscode` here: unit-tested.
 */
import type { CapturedLine } from '../monitoring/backend';
import { decodeCapturedPayload, type CapturedPayload } from '../monitoring/formats/capture';

export interface CapturedRow {
  /** The capture file's S3 URI and 1-based line, for "open the raw file at this line". */
  uri: string;
  line: number;
  /** The file's name (its last path segment): the full URI is long and the same for many rows. */
  file: string;
  /** ISO time of the inference; empty for a malformed line. */
  time: string;
  inferenceId: string;
  input: string;
  output: string;
  /** Set on a malformed line: what is wrong with it. */
  problem?: string;
}

/** The longest payload text a cell carries; the raw file has the rest. */
export const CELL_CHARS = 2000;

function cell(text: string): string {
  return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text;
}

function payloadText(payload: CapturedPayload | undefined, uri: string, line: number, field: string): string {
  if (!payload) return '';
  try {
    return cell(decodeCapturedPayload(payload, { file: uri, line, field }));
  } catch (e) {
    return `(cannot decode: ${e instanceof Error ? e.message : String(e)})`;
  }
}

export function capturedRow(found: CapturedLine): CapturedRow {
  const file = found.uri.slice(found.uri.lastIndexOf('/') + 1);
  if (found.kind === 'malformed') {
    return { uri: found.uri, line: found.line, file, time: '', inferenceId: '', input: cell(found.text ?? ''), output: '', problem: found.problem };
  }
  const { eventMetadata, captureData } = found.record;
  return {
    uri: found.uri,
    line: found.line,
    file,
    time: eventMetadata.inferenceTime,
    inferenceId: eventMetadata.inferenceId ?? eventMetadata.eventId,
    input: payloadText(captureData.endpointInput, found.uri, found.line, 'captureData.endpointInput.data'),
    output: payloadText(captureData.endpointOutput, found.uri, found.line, 'captureData.endpointOutput.data'),
  };
}

export interface RowPage<T> {
  /** 0-based. */
  index: number;
  items: T[];
  /** True when a later page exists (read ahead by one item, so "Next" never leads to an empty page). */
  hasNext: boolean;
  /** Items before this page. */
  offset: number;
}

/**
 * Pages over an async stream, read only as far as the pages asked for (plus one item, to know whether
 * there is a next page). Pages already read are kept, so going back costs nothing.
 */
export class LazyPager<T> {
  private readonly read: T[] = [];
  private done = false;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: AsyncIterator<T>,
    readonly pageSize: number,
  ) {
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`Page size must be a positive whole number, got ${pageSize}.`);
  }

  /** How many items have been read so far, and whether that is all of them. */
  get known(): { count: number; complete: boolean } {
    return { count: this.read.length, complete: this.done };
  }

  async page(index: number): Promise<RowPage<T>> {
    if (!Number.isInteger(index) || index < 0) throw new Error(`Page index must be a whole number ≥ 0, got ${index}.`);
    const offset = index * this.pageSize;
    await this.readUpTo(offset + this.pageSize + 1);
    // Past the end (the stream was shorter than the page asked for): the last page instead.
    if (offset >= this.read.length && offset > 0) {
      return this.page(Math.max(0, Math.ceil(this.read.length / this.pageSize) - 1));
    }
    return { index, offset, items: this.read.slice(offset, offset + this.pageSize), hasNext: this.read.length > offset + this.pageSize };
  }

  /** Stops reading the source (the panel closed, or a new window was chosen). */
  async close(): Promise<void> {
    this.done = true;
    await this.source.return?.();
  }

  private readUpTo(count: number): Promise<void> {
    // Serialised: two page requests in flight must not interleave their reads of the stream.
    this.reading = this.reading.then(async () => {
      while (!this.done && this.read.length < count) {
        const next = await this.source.next();
        if (next.done) this.done = true;
        else this.read.push(next.value);
      }
    });
    return this.reading;
  }
}
