/**
 * Captured data and ground truth read from S3 (or any ObjectStore) for our analyzer, without ever
 * holding the whole window in memory or on disk:
 * - listing follows SageMaker's layout (`{prefix}/{variant}/yyyy/mm/dd/HH/*.jsonl`): with a window,
 *   only the hour folders overlapping it are listed, one variant after another, which is S3 key order;
 * - data quality reads an hour at a time: the hour's objects are downloaded to a private temp folder
 *   with bounded concurrency (the next hour downloads while this one is analysed), analysed, deleted;
 * - model quality streams each object straight from S3 line by line (its reader is a stream already).
 * Messages always name the S3 object, never the temp file.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runDataQualityMonitoringInBatches, type AnalysisOptions, type DataQualityBaseline } from '../analysis/dataQuality';
import type { ByteSource } from '../analysis/modelQuality';
import { LOCAL_FILES } from '../analysis/modelQuality/lineReader';
import { mapWithConcurrency } from '../concurrency';
import { MonitoringError } from '../errors';
import { FormatError } from '../formats/formatError';
import { hourPath, hoursBetween, type ObjectInfo, type ObjectStore } from '../objectStore';

export interface CaptureWindow {
  start?: Date;
  end?: Date;
}

/** Downloads in flight at once: enough to hide S3's latency, few enough for a laptop's link. */
export const DEFAULT_CONCURRENCY = 8;
/** An hour larger than this is cut into several batches (files are never split). */
const MAX_BATCH_BYTES = 256 * 1024 * 1024;
const HOUR_FOLDER = /^\d{4}\/$/;

export function isS3Uri(path: string): boolean {
  return path.startsWith('s3://');
}

/** A prefix as a folder (`…/`), unless it names a `.jsonl` object. */
export function folderPrefix(uri: string): string {
  return uri.endsWith('/') || uri.endsWith('.jsonl') ? uri : `${uri}/`;
}

/**
 * The prefixes under which `yyyy/` hour trees start: the prefix itself (a variant's folder), or each
 * variant below an endpoint's folder. Undefined when the prefix is not laid out that way.
 */
async function hourRoots(store: ObjectStore, prefix: string, depth: number): Promise<string[] | undefined> {
  const folders = await store.listFolders(prefix);
  if (folders.length === 0) return undefined;
  if (folders.some((folder) => HOUR_FOLDER.test(folder.slice(prefix.length)))) return [prefix];
  if (depth === 0) return undefined;
  const roots: string[] = [];
  for (const folder of folders) {
    const below = await hourRoots(store, folder, depth - 1);
    if (below === undefined) return undefined;
    roots.push(...below);
  }
  return roots;
}

async function collect(store: ObjectStore, prefix: string, into: ObjectInfo[]): Promise<void> {
  for await (const object of store.list(prefix)) {
    // SageMaker writes only .jsonl files here; folder markers and stray files are not data.
    if (object.uri.endsWith('.jsonl')) into.push(object);
  }
}

/**
 * Every `.jsonl` object under `prefixUri`, in S3 key order. With both ends of a window and an
 * hour-partitioned layout, only the hour folders overlapping the window are listed.
 */
export async function listJsonlObjects(store: ObjectStore, prefixUri: string, window: CaptureWindow = {}): Promise<ObjectInfo[]> {
  const prefix = folderPrefix(prefixUri);
  const objects: ObjectInfo[] = [];
  const { start, end } = window;
  const roots = start && end && !prefix.endsWith('.jsonl') ? await hourRoots(store, prefix, 2) : undefined;
  if (!roots || !start || !end) {
    await collect(store, prefix, objects);
    return objects;
  }
  for (const root of roots) {
    for (const hour of hoursBetween(start, end)) await collect(store, `${root}${hourPath(hour)}/`, objects);
  }
  return objects;
}

/** `2024-05-01T10:00Z` for an hour folder `…/2024/05/01/10/`. */
function hourLabel(folder: string): string | undefined {
  const m = /(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/$/.exec(folder);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:00Z` : undefined;
}

/**
 * The hours that hold data under a prefix, nearest the window first: for the "empty window" message.
 * Walks years, months and days by folder listing and lists hours only for the days nearest the window.
 */
export async function hoursWithData(store: ObjectStore, prefixUri: string, window: CaptureWindow, limit = 6): Promise<string[]> {
  const prefix = folderPrefix(prefixUri);
  const roots = (await hourRoots(store, prefix, 2)) ?? [];
  const days: string[] = [];
  for (const root of roots) {
    for (const year of await store.listFolders(root)) {
      if (!HOUR_FOLDER.test(year.slice(root.length))) continue;
      for (const month of await store.listFolders(year)) days.push(...(await store.listFolders(month)));
    }
  }
  const target = (window.start ?? window.end ?? new Date()).getTime();
  const dayTime = (folder: string): number => {
    const m = /(\d{4})\/(\d{2})\/(\d{2})\/$/.exec(folder);
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  };
  const nearest = days.filter((d) => !Number.isNaN(dayTime(d))).sort((a, b) => Math.abs(dayTime(a) - target) - Math.abs(dayTime(b) - target));
  const hours = new Set<string>();
  for (const day of nearest.slice(0, 4)) {
    for (const hour of await store.listFolders(day)) {
      const label = hourLabel(hour);
      if (label) hours.add(label);
    }
  }
  return [...hours].sort((a, b) => Math.abs(Date.parse(a) - target) - Math.abs(Date.parse(b) - target)).slice(0, limit).sort();
}

/** The "no data in the window" failure, saying which hours do hold data. */
export async function emptyWindowError(store: ObjectStore, prefixUri: string, window: CaptureWindow): Promise<MonitoringError> {
  const span = window.start && window.end ? ` between ${window.start.toISOString()} and ${window.end.toISOString()}` : '';
  const hours = await hoursWithData(store, prefixUri, window).catch(() => []);
  const where =
    hours.length > 0
      ? ` Hours that hold captured data nearby: ${hours.join(', ')}. Choose a window that covers some of them.`
      : ' No hour under this prefix holds capture files: check the prefix (the endpoint\'s DataCaptureConfig.DestinationS3Uri) and that data capture is on and the endpoint receives traffic.';
  return new MonitoringError('BadData', `Job inputs had no data: no capture files under ${folderPrefix(prefixUri)}${span}.${where}`, { resource: prefixUri });
}

/** Consecutive objects of the same hour folder, cut when a batch would pass `maxBytes`. */
export function batchesByHour(objects: readonly ObjectInfo[], maxBytes = MAX_BATCH_BYTES): ObjectInfo[][] {
  const batches: ObjectInfo[][] = [];
  let current: ObjectInfo[] = [];
  let folder = '';
  let bytes = 0;
  for (const object of objects) {
    const parent = object.uri.slice(0, object.uri.lastIndexOf('/') + 1);
    if (current.length > 0 && (parent !== folder || bytes + object.size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    folder = parent;
    current.push(object);
    bytes += object.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A stream read that broke half-way (connection reset) as a MonitoringError naming the object. */
function readFailure(e: unknown, uri: string): unknown {
  if (e instanceof MonitoringError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new MonitoringError('Network', `Reading ${uri} stopped half-way: ${reason}. Check the network and try again.`, { operation: 'GetObject', resource: uri, cause: e });
}

export interface SpoolOptions {
  /** Downloads in flight at once (default 8). */
  concurrency?: number;
  /** Where the temp folder goes (default the OS temp folder). */
  directory?: string;
  maxBatchBytes?: number;
}

/** Objects downloaded an hour at a time into a private temp folder that never holds more than two batches. */
export class CaptureSpool {
  private readonly uris = new Map<string, string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly objects: readonly ObjectInfo[],
    private readonly options: SpoolOptions = {},
  ) {}

  get totalBytes(): number {
    return this.objects.reduce((sum, object) => sum + object.size, 0);
  }

  /** Local paths of one batch at a time, in key order; each batch is deleted when the next is asked for. */
  async *batches(): AsyncGenerator<string[]> {
    const groups = batchesByHour(this.objects, this.options.maxBatchBytes);
    if (groups.length === 0) return;
    const folder = await mkdtemp(join(this.options.directory ?? tmpdir(), 'model-monitor-s3-'));
    let next: Promise<string[]> | undefined = this.download(folder, groups[0], 0);
    try {
      for (let i = 0; i < groups.length; i++) {
        const paths: string[] = await (next ?? Promise.resolve([]));
        next = i + 1 < groups.length ? this.download(folder, groups[i + 1], i + 1) : undefined;
        // Its failure is seen when it is awaited; until then it must not count as unhandled.
        next?.catch(() => undefined);
        try {
          yield paths;
        } finally {
          await Promise.all(paths.map((path) => rm(path, { force: true })));
        }
      }
    } finally {
      await next?.catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** The S3 URI a spooled file came from. */
  uriOf(path: string): string | undefined {
    return this.uris.get(path);
  }

  /** A FormatError about a spooled file, told about its S3 object instead. */
  retell(e: unknown): unknown {
    if (e instanceof FormatError) {
      const uri = this.uriOf(e.file);
      if (uri) return new FormatError(uri, e.problem, e.field, e.line);
    }
    if (e instanceof MonitoringError) {
      let message = e.message;
      for (const [path, uri] of this.uris) message = message.split(path).join(uri);
      if (message !== e.message) return new MonitoringError(e.kind, message, e.details);
    }
    return e;
  }

  private async download(folder: string, group: readonly ObjectInfo[], batch: number): Promise<string[]> {
    return mapWithConcurrency(group, this.options.concurrency ?? DEFAULT_CONCURRENCY, async (object, index) => {
      const path = join(folder, `${batch}-${index}.jsonl`);
      const body = await this.store.getStream(object.uri);
      try {
        await pipeline(body, createWriteStream(path));
      } catch (e) {
        throw readFailure(e, object.uri);
      }
      this.uris.set(path, object.uri);
      return path;
    });
  }
}

/**
 * A data-quality monitoring run over capture objects, an hour at a time. Outputs equal those of the
 * same files read from a local folder.
 */
export async function runDataQualityOverObjects(
  store: ObjectStore,
  objects: readonly ObjectInfo[],
  window: CaptureWindow,
  baseline: DataQualityBaseline,
  options: SpoolOptions & { description: string } & Pick<AnalysisOptions, 'workers' | 'onProgress' | 'recordPreprocessorScript' | 'python' | 'onScriptLog'>,
): ReturnType<typeof runDataQualityMonitoringInBatches> {
  const spool = new CaptureSpool(store, objects, options);
  try {
    return await runDataQualityMonitoringInBatches(
      { batches: spool.batches(), start: window.start, end: window.end, totalBytes: spool.totalBytes, description: options.description },
      baseline,
      { workers: options.workers, onProgress: options.onProgress, recordPreprocessorScript: options.recordPreprocessorScript, python: options.python, onScriptLog: options.onScriptLog },
    );
  } catch (e) {
    throw spool.retell(e);
  }
}

/** Paths that are `s3://` URIs read from the store (streamed), other paths from the local disk. */
export function objectByteSource(store: ObjectStore | undefined, sizes: ReadonlyMap<string, number> = new Map()): ByteSource {
  return {
    async open(path): Promise<Readable> {
      if (!isS3Uri(path)) return LOCAL_FILES.open(path);
      if (!store) throw new MonitoringError('Validation', `${path} is an S3 URI, but no S3 access was set up.`, { resource: path });
      return store.getStream(path);
    },
    async size(path) {
      if (!isS3Uri(path)) return LOCAL_FILES.size(path);
      const known = sizes.get(path);
      if (known !== undefined) return known;
      if (!store) return 0;
      for await (const object of store.list(path)) if (object.uri === path) return object.size;
      throw new MonitoringError('NotFound', `No object at ${path}.`, { resource: path });
    },
  };
}
