/**
 * Where everything lives in a local workspace: one place, so the backend, the endpoint servers, the
 * scheduler, the demo builder and the extension agree on every path.
 *
 * ```
 * <root>/model-monitor-workspace.json                      marker: {"version":1,"name":...}
 * <root>/api/endpoints/<EndpointName>.json                 DescribeEndpoint shape
 * <root>/api/endpoint-configs/<Name>.json                  DescribeEndpointConfig shape
 * <root>/api/job-definitions/<Name>.json                   Describe{Type}JobDefinition shape + MonitoringType
 * <root>/api/monitoring-schedules/<Name>.json              DescribeMonitoringSchedule shape
 * <root>/api/monitoring-executions/<Schedule>/<time>.json  MonitoringExecutionSummary shape
 * <root>/api/processing-jobs/<Name>.json                   DescribeProcessingJob-like
 * <root>/api/models/<ModelName>.json                       the local model an endpoint serves
 * <root>/s3/<bucket>/<key…>                                objects: s3://bucket/key
 * <root>/runtime/endpoints/<EndpointName>.json             where a running local endpoint listens (not user data)
 * ```
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { parseS3Uri } from '../objectStore';

export const WORKSPACE_MARKER_FILE = 'model-monitor-workspace.json';
export const WORKSPACE_FORMAT_VERSION = 1;

/** The API document collections, each a folder of `<Name>.json`. */
export type DocumentKind =
  | 'endpoints'
  | 'endpoint-configs'
  | 'job-definitions'
  | 'monitoring-schedules'
  | 'processing-jobs'
  | 'models';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'endpoints',
  'endpoint-configs',
  'job-definitions',
  'monitoring-schedules',
  'processing-jobs',
  'models',
];

/** SageMaker resource names (`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`) are also safe file names. */
export const RESOURCE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export interface WorkspaceMarker {
  version: number;
  name: string;
  createdAt?: string;
  /** Set by the demo builder: a demo workspace may be rebuilt in place. */
  demo?: { seed: number; hours: number; builtAt: string };
  [unknownField: string]: unknown;
}

export class WorkspaceLayout {
  constructor(readonly root: string) {}

  get markerFile(): string {
    return join(this.root, WORKSPACE_MARKER_FILE);
  }

  get apiDir(): string {
    return join(this.root, 'api');
  }

  get s3Dir(): string {
    return join(this.root, 's3');
  }

  documentDir(kind: DocumentKind): string {
    return join(this.apiDir, kind);
  }

  documentFile(kind: DocumentKind, name: string): string {
    return this.inside(this.apiDir, join(this.documentDir(kind), `${checkedName(name)}.json`), name);
  }

  get executionsDir(): string {
    return join(this.apiDir, 'monitoring-executions');
  }

  executionDir(scheduleName: string): string {
    return this.inside(this.executionsDir, join(this.executionsDir, checkedName(scheduleName)), scheduleName);
  }

  executionFile(scheduleName: string, scheduledTime: Date): string {
    return join(this.executionDir(scheduleName), `${executionFileStem(scheduledTime)}.json`);
  }

  /**
   * The local file behind `s3://bucket/key`. The path must stay inside `s3/` whatever the key holds: a
   * key may come from a cloned (untrusted) workspace's documents.
   */
  objectFile(uri: string): string {
    const { bucket, key } = parseS3Uri(uri);
    if (!bucket || bucket === '.' || bucket === '..') throw new Error(`Not a usable bucket name in ${uri}`);
    // On Windows "\\" separates folders, so "s3://..\\..\\x/k" would climb out of the workspace.
    if (bucket.includes('\\') || key.includes('\\')) throw new Error(`${uri} may not contain "\\" (a folder separator on Windows) in its bucket or key`);
    if (bucket.includes('\0') || key.includes('\0')) throw new Error(`${uri} may not contain a NUL character`);
    const parts = key.split('/').filter((p) => p !== '');
    if (parts.some((p) => p === '.' || p === '..')) throw new Error(`The key of ${uri} may not contain "." or ".." segments`);
    return this.inside(this.s3Dir, join(this.s3Dir, bucket, ...parts), uri);
  }

  get runtimeDir(): string {
    return join(this.root, 'runtime');
  }

  endpointRuntimeFile(endpointName: string): string {
    return this.inside(this.runtimeDir, join(this.runtimeDir, 'endpoints', `${checkedName(endpointName)}.json`), endpointName);
  }

  /** `path` itself, after checking that it lies strictly below `base` (so below the workspace root). */
  private inside(base: string, path: string, what: string): string {
    const rel = relative(base, path);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith('../') || isAbsolute(rel)) {
      throw new Error(`${what} leads outside the workspace folder ${this.root}`);
    }
    return path;
  }
}

/** The name, when it is a SageMaker resource name (so also a safe file name); throws saying the rule otherwise. */
export function checkedName(name: string): string {
  if (!RESOURCE_NAME.test(name)) {
    throw new Error(`"${name}" is not a valid SageMaker resource name (1–63 letters, digits and hyphens, starting and ending with a letter or digit)`);
  }
  return name;
}

/** `2024-05-01T13:00:00.000Z` → `2024-05-01T13-00-00Z` (colons are not allowed in Windows file names). */
export function executionFileStem(scheduledTime: Date): string {
  return scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** The inverse of executionFileStem, or undefined when a file name is not an execution's. */
export function parseExecutionFileStem(stem: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/.exec(stem);
  if (!m) return undefined;
  const t = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
  return Number.isNaN(t.getTime()) ? undefined : t;
}

/** Local resources get ARNs of SageMaker's shape, in a pseudo region and account, so ARN-parsing code works on both backends. */
export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT = '000000000000';

export type LocalResourceType = 'endpoint' | 'endpoint-config' | 'model' | 'monitoring-schedule' | 'processing-job' | 'data-quality-job-definition' | 'model-quality-job-definition' | 'model-bias-job-definition' | 'model-explainability-job-definition';

/** SageMaker lower-cases resource names in ARNs. */
export function localArn(type: LocalResourceType, name: string): string {
  return `arn:aws:sagemaker:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${type}/${name.toLowerCase()}`;
}
