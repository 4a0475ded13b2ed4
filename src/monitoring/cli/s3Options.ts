/**
 * S3 for the CLI's inputs and outputs: any path may be an `s3://bucket/key` URI, read and written with
 * the user's AWS credentials (`--profile`, else AWS_PROFILE, else the environment's keys), in
 * `--region` (else AWS_REGION / AWS_DEFAULT_REGION / the profile's region), optionally through
 * `--endpoint-url` (a VPC endpoint or an S3-compatible emulator). One client per run, made only when
 * an S3 URI is actually given; throttling is retried by the SDK, then reported.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DataQualityBaseline } from '../analysis/dataQuality';
import type { AwsClientFactory } from '../aws/clientFactory';
import { awsTarget } from './awsTarget';
import { emptyWindowError, folderPrefix, isS3Uri, listJsonlObjects, objectByteSource, runDataQualityOverObjects, type CaptureWindow } from '../aws/s3CaptureSource';
import type { S3ObjectStore } from '../aws/s3ObjectStore';
import type { ByteSource } from '../analysis/modelQuality';
import type { Constraints } from '../formats/constraints';
import { FormatError } from '../formats/formatError';
import type { Statistics } from '../formats/statistics';
import { MonitoringFiles } from '../monitoringFiles';
import { joinUri } from '../objectStore';
import type { ArgumentReader, OptionSpec } from './arguments';
import { loadConstraints, loadStatistics } from './baselineDocuments';
import { UsageError } from './command';
import { expandJsonlPaths } from './inputPaths';
import { ensureWritable, withOutput, writeOutputs, type OutputFile } from './outputFiles';

export const S3_OPTIONS: OptionSpec = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  concurrency: { type: 'string' },
};

export const S3_HELP = `S3 (every PATH, FILE and DIR above may be an s3://bucket/key URI):
  --profile NAME                      AWS profile (default: AWS_PROFILE, else the environment's keys)
  --region REGION                     the bucket's region (default: AWS_REGION, or the profile's region)
  --endpoint-url URL                  an S3-compatible endpoint (VPC endpoint, emulator)
  --concurrency N                     S3 downloads in flight (default 8)
  Capture under s3:// is read an hour folder at a time ({prefix}/{variant}/yyyy/mm/dd/HH/), listing
  only the hours of --start/--end; --output s3://… writes the files under that prefix.`;

const CLI_VERSION = '0.1.0-cli';

/** The S3 side of one command run: made lazily, closed by `dispose`. */
export class S3Access {
  private store?: Promise<S3ObjectStore>;
  private factory?: AwsClientFactory;

  constructor(private readonly args: ArgumentReader) {}

  get concurrency(): number | undefined {
    return this.args.positiveInteger('concurrency');
  }

  objects(): Promise<S3ObjectStore> {
    this.store ??= this.connect();
    return this.store;
  }

  dispose(): void {
    this.factory?.dispose();
  }

  private async connect(): Promise<S3ObjectStore> {
    // The AWS SDK is loaded only when a run names S3 (see awsTarget).
    const [{ AwsClientFactory }, { S3ObjectStore }, { profile, found, region }] = await Promise.all([import('../aws/clientFactory'), import('../aws/s3ObjectStore'), awsTarget(this.args)]);
    if (!region) throw new UsageError(`--region is required to read or write s3:// URIs${profile ? ` (profile "${profile}" names no region)` : ''}.`);
    const endpoint = this.args.optional('endpoint-url');
    if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint)) throw new UsageError(`--endpoint-url must be an http(s) URL, not ${JSON.stringify(endpoint)}.`);
    this.factory = new AwsClientFactory({ extensionVersion: CLI_VERSION, retry: { mode: 'adaptive', maxAttempts: 5 } });
    const client = this.factory.s3({ profile, region, ...(endpoint ? { endpointOverrides: { s3: endpoint } } : {}) });
    return new S3ObjectStore(client, { region, ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}), ...(found ? { profileKind: found.kind } : {}) });
  }
}

function checkUri(uri: string, option: string): void {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/|$)/.test(uri)) {
    throw new UsageError(`--${option}: ${JSON.stringify(uri)} is not an S3 URI of the form s3://bucket/prefix/.`);
  }
}

/** Files of an option that takes PATH...: local files and folders, or S3 objects and prefixes. */
export interface InputFiles {
  /** Local paths and S3 URIs, in the order to read them. */
  paths: string[];
  /** How to open them. */
  source: ByteSource;
  bytes: number;
}

export async function inputFiles(s3: S3Access, option: string, paths: readonly string[], window: CaptureWindow = {}): Promise<InputFiles> {
  const sizes = new Map<string, number>();
  const out: string[] = [];
  let store: S3ObjectStore | undefined;
  for (const path of paths) {
    if (!isS3Uri(path)) {
      out.push(...(await expandJsonlPaths([path], option)));
      continue;
    }
    checkUri(path, option);
    store ??= await s3.objects();
    const objects = await listJsonlObjects(store, path, window);
    if (objects.length === 0) {
      if (option === 'captures') throw await emptyWindowError(store, path, window);
      throw new UsageError(`--${option}: there are no .jsonl objects under ${folderPrefix(path)}.`);
    }
    for (const object of objects) {
      sizes.set(object.uri, object.size);
      out.push(object.uri);
    }
  }
  const source = objectByteSource(store, sizes);
  let bytes = 0;
  for (const path of out) bytes += await source.size(path);
  return { paths: out, source, bytes };
}

/** True when the capture option names S3 (then all of its values must). */
export function capturesInS3(args: ArgumentReader): boolean {
  const captures = args.list('captures');
  const remote = captures.filter(isS3Uri);
  if (remote.length > 0 && remote.length < captures.length) throw new UsageError('--captures: give either local paths or s3:// URIs, not both.');
  return remote.length > 0;
}

/** A data-quality run over S3 capture prefixes, an hour at a time. */
export async function dataQualityOverS3(
  s3: S3Access,
  prefixes: readonly string[],
  window: CaptureWindow,
  baseline: DataQualityBaseline,
  options: Pick<Parameters<typeof runDataQualityOverObjects>[4], 'workers' | 'onProgress' | 'recordPreprocessorScript' | 'python' | 'onScriptLog'>,
): ReturnType<typeof runDataQualityOverObjects> {
  const store = await s3.objects();
  const objects = [];
  for (const prefix of prefixes) {
    checkUri(prefix, 'captures');
    const found = await listJsonlObjects(store, prefix, window);
    if (found.length === 0) throw await emptyWindowError(store, prefix, window);
    objects.push(...found);
  }
  return runDataQualityOverObjects(store, objects, window, baseline, { ...options, concurrency: s3.concurrency, description: `capture under ${prefixes.join(', ')}` });
}

/** Runs `work` with a local copy of `path` when it is an S3 object (deleted afterwards). */
export async function withLocalFile<T>(s3: S3Access, path: string, option: string, work: (local: string) => Promise<T>): Promise<T> {
  if (!isS3Uri(path)) return work(path);
  checkUri(path, option);
  const store = await s3.objects();
  const folder = await mkdtemp(join(tmpdir(), 'model-monitor-s3-'));
  try {
    const local = join(folder, basename(path) || 'dataset');
    await pipeline(await store.getStream(path), createWriteStream(local));
    try {
      return await work(local);
    } catch (e) {
      // Messages name the object the user gave, not our temp copy.
      if (e instanceof FormatError && e.file === local) throw new FormatError(path, e.problem, e.field, e.line);
      throw e;
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export async function loadConstraintsFrom(s3: S3Access, path: string, option = 'constraints'): Promise<Constraints> {
  if (!isS3Uri(path)) return loadConstraints(path, option);
  checkUri(path, option);
  return new MonitoringFiles(await s3.objects()).readConstraints(path);
}

export async function loadStatisticsFrom(s3: S3Access, path: string, option = 'baseline-statistics'): Promise<Statistics> {
  if (!isS3Uri(path)) return loadStatistics(path, option);
  checkUri(path, option);
  return new MonitoringFiles(await s3.objects()).readStatistics(path);
}

/** Refuses, before any work, to replace existing outputs without `--overwrite` (local or S3). */
export async function ensureOutputWritable(s3: S3Access, output: string, names: readonly string[], overwrite: boolean): Promise<void> {
  if (!isS3Uri(output)) return ensureWritable(output, names, overwrite);
  checkUri(output, 'output');
  if (overwrite) return;
  const store = await s3.objects();
  for (const name of names) {
    const uri = joinUri(output, name);
    // Listing by the key as prefix yields the object itself first when it exists.
    for await (const object of store.list(uri)) {
      if (object.uri === uri) throw new UsageError(`${uri} already exists; pass --overwrite to replace it (nothing was written).`);
      break;
    }
  }
}

/** Writes the outputs (S3: one PutObject each, so a reader never sees half a file); returns where. */
export async function writeOutputsTo(s3: S3Access, output: string, files: readonly { name: string; text: string }[]): Promise<string[]> {
  if (!isS3Uri(output)) return writeOutputs(output, files);
  const store = await s3.objects();
  const written: string[] = [];
  for (const file of files) {
    const uri = joinUri(output, file.name);
    await store.put(uri, file.text, 'application/json');
    written.push(uri);
  }
  return written;
}

/** As withOutput (all or nothing), for a local folder or an S3 prefix: the work runs only when the outputs may be written. */
export async function withOutputTo(s3: S3Access, output: string, names: readonly string[], overwrite: boolean, work: () => Promise<OutputFile[]>): Promise<string[]> {
  if (!isS3Uri(output)) return withOutput(output, names, overwrite, work);
  await ensureOutputWritable(s3, output, names, overwrite);
  return writeOutputsTo(s3, output, await work());
}
