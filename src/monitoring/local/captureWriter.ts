/**
 * Writes data capture exactly as a SageMaker endpoint does (spec §1.3–1.4): sampled request/response
 * pairs as JSON Lines, batched into files named `{MM}-{SS}-{mmm}-{uuid}.jsonl` (the batch's creation
 * time) under `{DestinationS3Uri}/{Endpoint}/{Variant}/yyyy/mm/dd/HH/` — the UTC hour of each
 * invocation. Buffered records are flushed at least every `flushIntervalMs` (default one minute),
 * when the buffer grows large, and on close. Files are only ever added, never rewritten.
 */
import { randomUUID } from 'node:crypto';
import type { CaptureEncoding, CaptureRecord, CapturedPayload } from '../formats/capture';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { DataCaptureConfig } from '../model';
import { captureFileName } from '../monitoringFiles';
import { hourPath, joinUri } from '../objectStore';
import { mediaType } from './inferenceCodec';

/** What a capture writer needs from storage: create-only writes. */
export interface CaptureSink {
  putNew(uri: string, body: string): Promise<boolean>;
}

export interface CaptureWriterOptions {
  endpointName: string;
  variantName: string;
  now?: () => Date;
  /** Uniform [0, 1): decides sampling. */
  random?: () => number;
  /** Event ids and file-name UUIDs. */
  uuid?: () => string;
  flushIntervalMs?: number;
  maxBufferedRecords?: number;
  logger?: Logger;
}

export interface CapturedExchange {
  inputContentType: string;
  input: Uint8Array;
  outputContentType: string;
  output: Uint8Array;
  inferenceId?: string;
  /** When the invocation happened; default now. */
  time?: Date;
}

interface Batch {
  createdAt: Date;
  lines: string[];
}

export class CaptureWriter {
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly uuid: () => string;
  private readonly maxBuffered: number;
  private readonly logger: Logger;
  /** Open batches by hour folder URI. */
  private batches = new Map<string, Batch>();
  private buffered = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly sink: CaptureSink,
    private readonly options: CaptureWriterOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.uuid = options.uuid ?? randomUUID;
    this.maxBuffered = options.maxBufferedRecords ?? 5000;
    this.logger = options.logger ?? silentLogger;
    const interval = options.flushIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => void this.flush(), interval);
      this.timer.unref();
    }
  }

  /**
   * Records one invocation if capture is on and the sample says so; returns whether it was captured.
   * Writing happens later (flush), so a slow disk never slows an invocation down.
   */
  capture(config: DataCaptureConfig | undefined, exchange: CapturedExchange): boolean {
    if (this.closed) throw new Error(`The capture writer of ${this.options.endpointName} is closed`);
    if (!config?.enableCapture || !config.destinationS3Uri) return false;
    if (!(this.random() * 100 < config.initialSamplingPercentage)) return false;
    const time = exchange.time ?? this.now();
    const record = buildCaptureRecord(config, exchange, time, this.uuid());
    const folder = joinUri(config.destinationS3Uri, this.options.endpointName, this.options.variantName, hourPath(time));
    let batch = this.batches.get(folder);
    if (!batch) this.batches.set(folder, (batch = { createdAt: time, lines: [] }));
    batch.lines.push(JSON.stringify(record));
    if (++this.buffered >= this.maxBuffered) void this.flush();
    return true;
  }

  /** Writes every buffered record; resolves when they are on disk. */
  flush(): Promise<void> {
    const batches = this.batches;
    this.batches = new Map();
    this.buffered = 0;
    this.flushing = this.flushing.then(async () => {
      for (const [folder, batch] of batches) {
        const uri = joinUri(folder, captureFileName(batch.createdAt, this.uuid()));
        let problem: string | undefined;
        try {
          if (!(await this.sink.putNew(uri, `${batch.lines.join('\n')}\n`))) problem = 'the file already exists';
        } catch (e) {
          problem = (e as Error).message;
        }
        if (problem) {
          // Captured requests are the user's data: keep them for the next flush rather than drop them.
          this.requeue(folder, batch);
          this.logger.warn(`Could not write capture file ${uri} (${problem}); its ${batch.lines.length} records are kept and written at the next flush`);
        }
      }
    });
    return this.flushing;
  }

  private requeue(folder: string, batch: Batch): void {
    const newer = this.batches.get(folder);
    this.batches.set(folder, newer ? { createdAt: batch.createdAt, lines: [...batch.lines, ...newer.lines] } : batch);
    this.buffered += batch.lines.length;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    this.closed = true;
    if (this.buffered > 0) {
      this.logger.error(`${this.buffered} captured records of ${this.options.endpointName} could not be written before the endpoint stopped; see the warnings above`);
    }
  }
}

export function buildCaptureRecord(config: DataCaptureConfig, exchange: CapturedExchange, time: Date, eventId: string): CaptureRecord {
  const modes = new Set(config.captureModes.length ? config.captureModes : ['Input', 'Output']);
  const wantInput = modes.has('Input') || modes.has('InputAndOutput');
  const wantOutput = modes.has('Output') || modes.has('InputAndOutput');
  const captureData: CaptureRecord['captureData'] = {};
  if (wantInput) captureData.endpointInput = payload(config, exchange.inputContentType, exchange.input, 'INPUT');
  if (wantOutput) captureData.endpointOutput = payload(config, exchange.outputContentType, exchange.output, 'OUTPUT');
  return {
    captureData,
    eventMetadata: {
      eventId,
      ...(exchange.inferenceId !== undefined ? { inferenceId: exchange.inferenceId } : {}),
      inferenceTime: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    eventVersion: '0',
  };
}

function payload(config: DataCaptureConfig, contentType: string, body: Uint8Array, mode: 'INPUT' | 'OUTPUT'): CapturedPayload {
  const encoding = captureEncoding(config, contentType);
  const data = encoding === 'BASE64' ? Buffer.from(body).toString('base64') : Buffer.from(body).toString('utf8');
  return { observedContentType: contentType, mode, data, encoding };
}

/** CSV/JSON when the content type (ignoring parameters) is listed in the config, else BASE64. */
export function captureEncoding(config: DataCaptureConfig, contentType: string): CaptureEncoding {
  const type = mediaType(contentType);
  if (config.csvContentTypes?.some((t) => mediaType(t) === type)) return 'CSV';
  if (config.jsonContentTypes?.some((t) => mediaType(t) === type)) return 'JSON';
  return 'BASE64';
}
