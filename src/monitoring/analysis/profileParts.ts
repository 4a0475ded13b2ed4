/**
 * Profile parts: the analysis state of some of a run's input, written to a file so that parts made
 * on different machines (SageMaker Processing jobs, one per hour or per group of files) can be merged
 * into the documents of one run (design: README.md in this folder).
 *
 * A part keeps the profile of each of its partitions, unmerged, in input order. Merging parts replays
 * the one-run merge (a fresh profile, then every partition in order), so merged parts give exactly the
 * files one run over the same inputs, in the same order, gives: bit for bit, whatever the cut.
 *
 * File format (JSON, one object): `format`, `version`, `kind`, `columnNames`, `description`,
 * `domains` (the baseline domains counted while streaming, or null), `partitions` (profile states).
 * Doubles that JSON cannot hold (NaN, ±Infinity, -0) and typed arrays (sketch levels, HyperLogLog
 * registers, base64 of their bytes, little-endian) are written as tagged objects, so nothing is rounded.
 */
import { FormatError } from '../formats/formatError';
import { knownValuesFor, type AnalysisOptions, type DatasetInput, type ProfiledDataset } from './dataQuality';
import type { DataQualityConstraints } from '../formats/constraints';
import { planDataset } from './datasetSources';
import { DatasetProfile, type ColumnProfileState, type DatasetProfileState } from './featureProfile';
import { profileDataset } from './parallel';

export const PART_FORMAT = 'model-monitor-profile-part';
export const PART_VERSION = 1;

export interface ProfilePart {
  kind: DatasetInput['kind'];
  columnNames: string[] | null;
  description: string;
  /** The baseline domains (by column position) counted while streaming; null for a baseline's part. */
  domains: (string[] | null)[] | null;
  partitions: DatasetProfileState[];
}

/** Profiles `input` into a part; `constraints` (monitoring runs) says which known values to count. */
export async function profilePart(
  input: DatasetInput,
  constraints: DataQualityConstraints | null,
  options: Pick<AnalysisOptions, 'workers' | 'onProgress' | 'signal'> = {},
): Promise<ProfilePart> {
  const plan = planDataset(input);
  const domains = constraints === null ? null : knownValuesFor(plan.settings.kind, constraints);
  const partitions: DatasetProfileState[] = [];
  await profileDataset(plan, domains ?? [], { ...options, onPartition: (state) => partitions.push(state) });
  return { kind: plan.settings.kind, columnNames: plan.columnNames, description: plan.description, domains, partitions };
}

// ---------------------------------------------------------------------------------------------------
// Merging

/**
 * Merges parts, in the order given, into one profiled dataset. `constraints` is the baseline of a
 * monitoring run (null for a baseline): parts that counted known values must have counted its domains.
 */
export function mergeParts(parts: readonly { part: ProfilePart; path: string }[], constraints: DataQualityConstraints | null): ProfiledDataset {
  if (parts.length === 0) throw new RangeError('mergeParts needs at least one part');
  const [{ part: first, path: firstPath }] = parts;
  for (const { part, path } of parts.slice(1)) {
    if (part.kind !== first.kind) throw new FormatError(path, `the part profiles ${part.kind} input, but ${firstPath} profiles ${first.kind} input`, 'kind');
    if (JSON.stringify(part.columnNames) !== JSON.stringify(first.columnNames)) {
      throw new FormatError(path, `the part's columns (${describeNames(part.columnNames)}) differ from those of ${firstPath} (${describeNames(first.columnNames)})`, 'columnNames');
    }
  }
  // Known values are counted while streaming only for positional input; a part that counted them
  // against other domains would give wrong categorical_values_check numbers, so it is refused.
  let domains: (string[] | null)[] = [];
  if (constraints !== null) {
    const wanted = knownValuesFor(first.kind, constraints);
    const counted = parts.filter(({ part }) => part.domains !== null);
    for (const { part, path } of counted) {
      if (JSON.stringify(part.domains) !== JSON.stringify(wanted)) {
        throw new FormatError(path, 'the part counted known values against other constraints than the ones given (profile it again with these --constraints)', 'domains');
      }
    }
    // Only when every part counted them can the merged profile use the counts; otherwise the value
    // counts are used (exact for every column that kept them).
    if (counted.length === parts.length) domains = wanted;
  }
  const profile = new DatasetProfile(first.kind === 'jsonl' ? [] : null, domains.map((values) => (values === null ? null : new Set(values))));
  for (const { part, path } of parts) {
    part.partitions.forEach((state, index) => {
      let partition: DatasetProfile;
      try {
        partition = DatasetProfile.fromState(state);
      } catch (e) {
        throw new FormatError(path, `the profile of partition ${index} is inconsistent: ${e instanceof Error ? e.message : String(e)}`, `partitions[${index}]`);
      }
      profile.merge(partition);
    });
  }
  const description = parts.length === 1 ? first.description : `${parts.length} profile parts (${parts.map(({ path }) => path).join(', ')})`;
  return { profile, columnNames: first.columnNames, description };
}

function describeNames(names: string[] | null): string {
  if (names === null) return 'positional or keyed';
  return names.length > 5 ? `${names.slice(0, 5).join(', ')}, … ${names.length} in all` : names.join(', ');
}

// ---------------------------------------------------------------------------------------------------
// The file

/** JSON cannot hold these exactly; they are tagged. */
function encodeValue(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { $double: Object.is(value, -0) ? '-0' : String(value) };
  if (value instanceof Float64Array) return { $f64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Uint8Array) return { $u8: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  return value;
}

export function serializePart(part: ProfilePart): string {
  return JSON.stringify({ format: PART_FORMAT, version: PART_VERSION, ...part }, encodeValue) + '\n';
}

function decodeValue(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const tagged = value as Record<string, unknown>;
  const keys = Object.keys(tagged);
  if (keys.length !== 1) return value;
  const [key] = keys;
  const text = tagged[key];
  if (typeof text !== 'string') return value;
  if (key === '$double') return text === '-0' ? -0 : Number(text);
  if (key === '$f64') {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length % 8 !== 0) throw new TypeError('a $f64 array whose length is not a multiple of 8 bytes');
    const copy = new Uint8Array(bytes);
    return new Float64Array(copy.buffer, 0, copy.length / 8);
  }
  if (key === '$u8') return new Uint8Array(Buffer.from(text, 'base64'));
  return value;
}

/** Reads a part file's text; a FormatError names the file and the field at fault. */
export function parsePart(text: string, path: string): ProfilePart {
  let raw: unknown;
  try {
    raw = JSON.parse(text, decodeValue);
  } catch (e) {
    throw new FormatError(path, `not a profile part: ${e instanceof Error ? e.message : String(e)}`);
  }
  const fail = (problem: string, field?: string): never => {
    throw new FormatError(path, problem, field);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('not a profile part (expected a JSON object)');
  const doc = raw as Record<string, unknown>;
  if (doc.format !== PART_FORMAT) return fail(`not a profile part (format is ${JSON.stringify(doc.format)}, expected "${PART_FORMAT}"; write parts with "model-monitor profile")`, 'format');
  if (doc.version !== PART_VERSION) return fail(`profile part version ${JSON.stringify(doc.version)} is not supported (this tool reads version ${PART_VERSION})`, 'version');
  const kind = doc.kind;
  if (kind !== 'csv' && kind !== 'jsonl' && kind !== 'capture') return fail('kind must be csv, jsonl or capture', 'kind');
  const columnNames = doc.columnNames;
  if (columnNames !== null && !isStringArray(columnNames)) return fail('columnNames must be null or a list of names', 'columnNames');
  if (typeof doc.description !== 'string') return fail('description must be a string', 'description');
  const domains = doc.domains;
  if (domains !== null && !(Array.isArray(domains) && domains.every((d) => d === null || isStringArray(d)))) {
    return fail('domains must be null or a list of (null or lists of values)', 'domains');
  }
  if (!Array.isArray(doc.partitions)) return fail('partitions must be a list', 'partitions');
  const partitions = doc.partitions as unknown[];
  partitions.forEach((state, index) => checkProfileState(state, `partitions[${index}]`, kind === 'jsonl', fail));
  return { kind, columnNames, description: doc.description, domains, partitions: partitions as DatasetProfileState[] };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const isNumber = (value: unknown): value is number => typeof value === 'number';

function checkProfileState(value: unknown, field: string, keyed: boolean, fail: (problem: string, field?: string) => never): void {
  if (value === null || typeof value !== 'object') fail('expected a profile object', field);
  const state = value as Record<string, unknown>;
  if (!isNumber(state.rowCount) || !Number.isInteger(state.rowCount) || state.rowCount < 0) fail('rowCount must be a count', `${field}.rowCount`);
  if (keyed ? !isStringArray(state.names) : state.names !== null) fail(keyed ? 'names must list the JSON keys' : 'names must be null for positional input', `${field}.names`);
  if (!Array.isArray(state.columns)) fail('columns must be a list', `${field}.columns`);
  const columns = state.columns as unknown[];
  if (keyed && columns.length !== (state.names as string[]).length) fail('there must be one column per name', `${field}.columns`);
  columns.forEach((column, index) => checkColumnState(column, `${field}.columns[${index}]`, fail));
}

function checkColumnState(value: unknown, field: string, fail: (problem: string, field?: string) => never): void {
  if (value === null || typeof value !== 'object') fail('expected a column profile', field);
  const column = value as Partial<Record<keyof ColumnProfileState, unknown>>;
  if (!isNumber(column.present)) fail('present must be a number', `${field}.present`);
  if (!Array.isArray(column.typeCounts) || column.typeCounts.length !== 4 || !column.typeCounts.every(isNumber)) fail('typeCounts must be 4 numbers', `${field}.typeCounts`);
  const moments = column.moments as Record<string, unknown> | undefined;
  if (moments === undefined || ['count', 'sum', 'avg', 'm2', 'min', 'max'].some((key) => !isNumber(moments[key]))) fail('moments must hold count, sum, avg, m2, min and max', `${field}.moments`);
  const sketch = column.sketch as Record<string, unknown> | undefined;
  if (
    sketch === undefined ||
    !isNumber(sketch.k) ||
    !isNumber(sketch.c) ||
    !Array.isArray(sketch.levels) ||
    !sketch.levels.every((level) => level instanceof Float64Array) ||
    !Array.isArray(sketch.compactions) ||
    !Array.isArray(sketch.offsets)
  ) {
    fail('sketch must be a KLL sketch state', `${field}.sketch`);
  }
  const distinct = column.distinct as Record<string, unknown> | undefined;
  if (distinct === undefined || !isNumber(distinct.precision) || !(distinct.registers instanceof Uint8Array)) fail('distinct must be a HyperLogLog++ state', `${field}.distinct`);
  const categories = column.categories;
  if (categories !== null && !(Array.isArray(categories) && categories.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isNumber(e[1])))) {
    fail('categories must be null or [value, count] pairs', `${field}.categories`);
  }
  if (!isNumber(column.knownValueCount)) fail('knownValueCount must be a number', `${field}.knownValueCount`);
}
