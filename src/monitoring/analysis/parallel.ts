/**
 * Profiles a planned dataset, partition by partition, in this thread, helped by worker_threads for
 * large inputs. Partition profiles are merged in input order into a fresh profile, exactly as
 * Spark's final aggregation merges its partitions, so the result is the same whatever the number of
 * workers (and equal, bit for bit, between the two ways).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { FormatError } from '../formats/formatError';
import { MonitoringError, type MonitoringErrorKind } from '../errors';
import { scanPartition, type DatasetPlan, type Partition, type ScanSettings } from './datasetSources';
import { DatasetProfile, RecentTextsPool, type DatasetProfileState } from './featureProfile';

export interface WorkerRequest {
  index: number;
  partition: Partition;
  settings: ScanSettings;
  keyed: boolean;
  /** Baseline domains by column position (monitoring runs), for counting known values. */
  knownValues: (string[] | null)[];
}

export interface SerialisedError {
  name: string;
  message: string;
  file?: string;
  problem?: string;
  field?: string;
  line?: number;
  kind?: string;
}

export type WorkerReply =
  | { type: 'progress'; bytes: number }
  | { type: 'result'; index: number; state: DatasetProfileState }
  | { type: 'error'; index: number; error: SerialisedError };

export interface ProfileOptions {
  workers?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
  /** Told each partition's own profile, in input order, before it is merged (profile parts keep them). */
  onPartition?: (state: DatasetProfileState) => void;
}

function knownSets(knownValues: (string[] | null)[]): (Set<string> | null)[] {
  return knownValues.map((values) => (values === null ? null : new Set(values)));
}

/**
 * The profile partitions merge into. Input read in batches (S3 capture, an hour at a time) passes the
 * same one to each `profileDataset` call as `into`, so the merge order, and the result, is that of
 * one plan over all the files.
 */
export function emptyProfile(keyed: boolean, knownValues: (string[] | null)[]): DatasetProfile {
  return new DatasetProfile(keyed ? [] : null, knownSets(knownValues));
}

/** Profiles one partition into a fresh profile; `pool` must belong to this run (RecentTextsPool). */
export function profilePartition(request: WorkerRequest, pool: RecentTextsPool, onBytes?: (bytes: number) => void): DatasetProfile {
  const profile = new DatasetProfile(request.keyed ? [] : null, knownSets(request.knownValues), pool);
  scanPartition(request.partition, request.settings, profile, onBytes);
  return profile;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof FormatError) {
    return { name: 'FormatError', message: error.message, file: error.file, problem: error.problem, field: error.field, line: error.line };
  }
  if (error instanceof MonitoringError) return { name: 'MonitoringError', message: error.message, kind: error.kind };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function deserialiseError(error: SerialisedError): Error {
  if (error.name === 'FormatError') return new FormatError(error.file ?? '', error.problem ?? error.message, error.field, error.line);
  if (error.name === 'MonitoringError') return new MonitoringError((error.kind ?? 'Unknown') as MonitoringErrorKind, error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/**
 * A worker's scan allocates almost nothing that lives beyond a line, so a small young generation
 * costs no time; V8's default lets each worker's young generation grow to tens of MB of RSS.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** Where the worker script is: beside the bundle in dist/, or the TypeScript source when run via tsx. */
function workerEntry(): { file: string; execArgv: string[] } {
  const bundled = join(__dirname, 'analysisWorker.js');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = join(__dirname, 'worker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--require', 'tsx/cjs'] };
  throw new Error(`The analysis worker script was not found next to ${__dirname} (expected analysisWorker.js)`);
}

/**
 * Below this much input, worker threads cost more than they give: each starts its own V8 isolate and
 * warms up its own JIT (measured with `npm run bench -- analyzer`: at 10 MB one thread is faster than
 * two workers; see the note in the bench's output for the sizes measured).
 */
export const WORKER_MIN_BYTES = 192 * 1024 * 1024;

/** One thread per core for large inputs; this thread alone for small ones. */
export function defaultWorkers(totalBytes: number): number {
  return totalBytes < WORKER_MIN_BYTES ? 1 : availableParallelism();
}

/**
 * Profiles every partition of `plan` and merges them in order. Uses `options.workers` threads
 * (default: defaultWorkers, at most one per partition): this one and that many less one workers.
 */
export async function profileDataset(
  plan: DatasetPlan,
  knownValues: (string[] | null)[],
  options: ProfileOptions = {},
  into?: DatasetProfile,
): Promise<DatasetProfile> {
  const keyed = plan.settings.kind === 'jsonl';
  const total = into ?? emptyProfile(keyed, knownValues);
  const partitions = plan.partitions;
  const threads = Math.max(1, Math.min(options.workers ?? defaultWorkers(plan.totalBytes), partitions.length));
  let bytesRead = 0;
  const progress = (bytes: number): void => {
    bytesRead += bytes;
    options.onProgress?.(bytesRead, plan.totalBytes);
  };
  options.signal?.throwIfAborted();
  if (partitions.length === 0) return total;
  const request = (index: number): WorkerRequest => ({ index, partition: partitions[index], settings: plan.settings, keyed, knownValues });
  // Worker threads help large inputs only; a run in this thread alone does without even loading them.
  const helpers = threads > 1 ? { count: threads - 1, entry: workerEntry(), Worker: (await import('node:worker_threads')).Worker } : null;

  const workers: Worker[] = [];
  return new Promise<DatasetProfile>((resolve, reject) => {
    /** Profiles of this thread's partitions, and states of the workers', until their turn to merge. */
    const finished = new Map<number, DatasetProfile | DatasetProfileState>();
    let nextToSend = 0;
    let nextToMerge = 0;
    let settled = false;
    const stop = (): void => {
      for (const worker of workers) void worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stop();
      reject(error);
    };
    const onAbort = (): void => fail(options.signal?.reason ?? new Error('The analysis was cancelled'));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const mergeFinished = (): void => {
      try {
        // Merge in input order; later partitions wait for earlier ones.
        while (finished.has(nextToMerge)) {
          const part = finished.get(nextToMerge)!;
          if (part instanceof DatasetProfile) {
            options.onPartition?.(part.toState());
            total.merge(part);
            part.release();
          } else {
            options.onPartition?.(part);
            total.mergeState(part);
          }
          finished.delete(nextToMerge);
          nextToMerge++;
        }
      } catch (error) {
        return fail(error);
      }
      if (nextToMerge === partitions.length && !settled) {
        settled = true;
        stop();
        resolve(total);
      }
    };
    const sendNext = (worker: Worker): void => {
      if (nextToSend < partitions.length) worker.postMessage(request(nextToSend++));
    };
    for (let i = 0; helpers !== null && i < helpers.count; i++) {
      const worker = new helpers.Worker(helpers.entry.file, { execArgv: helpers.entry.execArgv, resourceLimits: WORKER_LIMITS });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if (reply.type === 'progress') return progress(reply.bytes);
        if (reply.type === 'error') return fail(deserialiseError(reply.error));
        finished.set(reply.index, reply.state);
        sendNext(worker);
        mergeFinished();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!settled && code !== 0) fail(new Error(`An analysis worker stopped unexpectedly (exit code ${code})`));
      });
      // Two requests in flight: this thread answers a worker only between its own partitions.
      sendNext(worker);
      sendNext(worker);
    }

    // This thread profiles partitions too, between merging the workers' results: one isolate fewer
    // to start and warm up, and its partitions' profiles merge without a copy (1 GB on two cores:
    // about 5 % less CPU and time than two workers beside an idle main thread).
    const pool = new RecentTextsPool();
    const profileOwn = async (): Promise<void> => {
      while (!settled && nextToSend < partitions.length) {
        const index = nextToSend++;
        finished.set(index, profilePartition(request(index), pool, progress));
        mergeFinished();
        // Let the workers' replies, abort signals and progress listeners in between partitions.
        await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
      }
    };
    profileOwn().catch(fail);
  });
}
