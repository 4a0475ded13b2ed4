/**
 * Suggest Baseline from the editor, on either backend: our analyzer (the same code as
 * `model-monitor suggest-baseline`) runs on this machine over a local file or an S3 object (streamed to
 * a temporary file first), and the two files land in the output folder through the backend — S3 for an
 * AWS connection, the workspace's folder for a local one. Nothing is written until the analysis is
 * done, so a cancelled or failed run leaves no half of a baseline behind.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { suggestDataQualityBaseline, toSageMakerJson, type DatasetInput } from './analysis/dataQuality';
import type { BaselineFiles, MonitoringBackend } from './backend';
import { MonitoringError } from './errors';

export type BaselineDataset = { kind: 'file'; path: string } | { kind: 's3'; uri: string };

export interface SuggestBaselineRequest {
  dataset: BaselineDataset;
  /** CSV (with or without a header line) or JSON Lines. */
  format: 'csv' | 'jsonl';
  header?: boolean;
  /** The folder (S3 URI) that receives statistics.json and constraints.json. */
  outputUri: string;
  overwrite?: boolean;
  signal?: AbortSignal;
  /** `fraction` in [0, 1]. */
  onProgress?: (fraction: number, message: string) => void;
}

export interface SuggestedBaseline extends BaselineFiles {
  rows: number;
  columns: number;
}

/** The dataset format a file's name suggests: `.jsonl`/`.json` are JSON Lines, anything else CSV. */
export function formatOfName(name: string): 'csv' | 'jsonl' {
  return /\.(jsonl|json|ndjson)$/i.test(name) ? 'jsonl' : 'csv';
}

export async function suggestBaselineInto(backend: MonitoringBackend, request: SuggestBaselineRequest): Promise<SuggestedBaseline> {
  const progress = request.onProgress ?? (() => undefined);
  const signal = request.signal;
  let temporary: string | undefined;
  try {
    let path: string;
    if (request.dataset.kind === 's3') {
      const uri = request.dataset.uri;
      const info = await backend.statObject(uri);
      if (!info) throw new MonitoringError('NotFound', `There is no object at ${uri}: give the URI of the dataset file itself.`, { resource: uri });
      progress(0, `Downloading ${uri} (${Math.round(info.size / 1024)} KiB)…`);
      temporary = await mkdtemp(join(tmpdir(), 'model-monitor-baseline-'));
      path = join(temporary, uri.slice(uri.lastIndexOf('/') + 1) || 'dataset');
      await pipeline(await backend.readObjectStream(uri), createWriteStream(path), { signal });
    } else {
      path = request.dataset.path;
      try {
        if (!(await stat(path)).isFile()) throw new MonitoringError('Validation', `${path} is a folder; choose the dataset file.`, { resource: path });
      } catch (e) {
        if (e instanceof MonitoringError) throw e;
        throw new MonitoringError('NotFound', `${path} cannot be read: ${(e as Error).message}`, { resource: path, cause: e });
      }
    }
    signal?.throwIfAborted();
    const input: DatasetInput = request.format === 'jsonl' ? { kind: 'jsonl', path } : { kind: 'csv', path, header: request.header ?? false };
    progress(0, `Analysing ${request.dataset.kind === 's3' ? request.dataset.uri : path}…`);
    const { statistics, constraints } = await suggestDataQualityBaseline(input, {
      ...(signal ? { signal } : {}),
      onProgress: (read, total) => progress(total > 0 ? read / total : 0, `Analysing: ${Math.round((100 * read) / Math.max(total, 1))}%`),
    });
    signal?.throwIfAborted();
    progress(1, `Writing the baseline to ${request.outputUri}…`);
    const written = await backend.writeBaselineFiles(
      request.outputUri,
      { statistics: toSageMakerJson(statistics), constraints: toSageMakerJson(constraints) },
      { overwrite: request.overwrite ?? false },
    );
    return { ...written, rows: statistics.dataset.item_count, columns: statistics.features.length };
  } finally {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}
