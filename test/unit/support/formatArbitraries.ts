/**
 * Generators of SageMaker monitoring files for property tests and the fuzz script: valid documents,
 * and inputs derived from them by truncating, garbling and structurally mutating. Shared by
 * test/unit/formats/fuzz.test.ts (a few thousand cases) and scripts/fuzz.ts (100,000+ per parser).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCaptureRecord, serializeCaptureRecord, decodeCapturedPayload, type CaptureRecord } from '../../../src/monitoring/formats/capture';
import { parseConstraints, serializeConstraints, COMPARISON_OPERATORS, type Constraints } from '../../../src/monitoring/formats/constraints';
import { FormatError } from '../../../src/monitoring/formats/formatError';
import { parseGroundTruthRecord, serializeGroundTruthRecord, type GroundTruthRecord } from '../../../src/monitoring/formats/groundTruth';
import { splitJsonLines } from '../../../src/monitoring/formats/jsonLines';
import { parseStatistics, serializeStatistics, type Statistics } from '../../../src/monitoring/formats/statistics';
import { parseViolations, serializeViolations, type ConstraintViolations } from '../../../src/monitoring/formats/violations';
import type { SyncFuzzProperty } from './fuzzProperty';

// ---------------------------------------------------------------------------------------------------
// Building blocks

const double = fc.double({ noNaN: true, noDefaultInfinity: true });
const count = fc.nat();
const text = fc.string({ unit: 'binary', maxLength: 12 });
const flag = fc.constantFrom('Enabled' as const, 'Disabled' as const);
const inferredType = fc.constantFrom('Integral' as const, 'Fractional' as const, 'String' as const, 'Unknown' as const);
/** Any JSON value that survives JSON.stringify/parse unchanged (no -0, no accessor keys). */
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

/** A deep copy with ordinary prototypes (generators may build null-prototype objects); -0 is kept. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a "__proto__" key must stay a key, as JSON.parse makes it.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** Adds keys the parsers do not know (prefixed so they never collide with known ones). */
function withUnknownKeys<T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  const extras = fc.dictionary(text.map((k) => `x_${k}`), json, { maxKeys: 2 });
  return fc.tuple(arb, extras).map(([value, more]) => ({ ...more, ...value }));
}

const common = fc.record({ num_present: count, num_missing: count });

const kll = fc.record({
  buckets: fc.array(fc.record({ lower_bound: double, upper_bound: double, count: double }), { maxLength: 10 }),
  sketch: fc.record({ parameters: fc.record({ c: double, k: double }), data: fc.array(fc.array(double, { maxLength: 6 }), { maxLength: 3 }) }),
});

const numericalStatistics = withUnknownKeys(
  fc.record(
    {
      common,
      mean: double,
      sum: double,
      std_dev: double,
      min: double,
      max: double,
      approximate_num_distinct_values: count,
      completeness: double,
      distribution: fc.record({ kll }),
    },
    { requiredKeys: ['common', 'mean', 'sum', 'std_dev', 'min', 'max'] },
  ),
);

const stringStatistics = withUnknownKeys(
  fc.record(
    {
      common,
      distinct_count: double,
      completeness: double,
      distribution: fc.record({ categorical: fc.record({ buckets: fc.array(fc.record({ value: text, count }), { maxLength: 5 }) }) }),
    },
    { requiredKeys: ['common', 'distinct_count'] },
  ),
);

const featureStatistics = withUnknownKeys(
  fc.record(
    { name: text, inferred_type: inferredType, numerical_statistics: numericalStatistics, string_statistics: stringStatistics },
    { requiredKeys: ['name', 'inferred_type'] },
  ),
);

const dataQualityStatistics = withUnknownKeys(
  fc.record({ version: double, dataset: withUnknownKeys(fc.record({ item_count: count })), features: fc.array(featureStatistics, { maxLength: 4 }) }),
);

const metricValue = fc.record({ value: double, standard_deviation: fc.oneof(double, fc.constant('NaN' as const)) });
const metricsKey = fc.constantFrom('regression_metrics', 'binary_classification_metrics', 'multiclass_classification_metrics');

const modelQualityStatistics = fc
  .tuple(
    fc.record(
      {
        version: double,
        dataset: fc.record({ item_count: count, evaluation_time: text }, { requiredKeys: ['item_count'] }),
      },
      { requiredKeys: [] },
    ),
    metricsKey,
    fc.dictionary(fc.constantFrom('mae', 'mse', 'rmse', 'r2', 'accuracy', 'f1', 'auc', 'weighted_f2'), metricValue, { maxKeys: 5 }),
    fc.option(fc.dictionary(fc.constantFrom('0', '1', '2'), fc.dictionary(fc.constantFrom('0', '1', '2'), count)), { nil: undefined }),
    fc.option(fc.record({ false_positive_rates: fc.array(double, { maxLength: 4 }), true_positive_rates: fc.array(double, { maxLength: 4 }) }), {
      nil: undefined,
    }),
  )
  .map(([head, key, scalars, confusion, roc]) => {
    const metrics: Record<string, unknown> = { ...scalars };
    if (confusion) metrics.confusion_matrix = confusion;
    if (roc) metrics.receiver_operating_characteristic_curve = roc;
    return { ...head, [key]: metrics };
  });

const overrides = withUnknownKeys(fc.record({ evaluate_constraints: flag, emit_metrics: flag }, { requiredKeys: [] }));

const featureConstraints = withUnknownKeys(
  fc.record(
    {
      name: text,
      inferred_type: inferredType,
      completeness: double,
      num_constraints: fc.record({ is_non_negative: fc.boolean() }, { requiredKeys: [] }),
      string_constraints: fc.record({ domains: fc.array(text, { maxLength: 4 }), monitoring_config_overrides: overrides }, { requiredKeys: [] }),
      monitoringConfigOverrides: overrides,
    },
    { requiredKeys: ['name', 'inferred_type'] },
  ),
);

const distributionConstraints = withUnknownKeys(
  fc.record(
    {
      perform_comparison: flag,
      comparison_threshold: double,
      comparison_method: fc.constantFrom('Simple' as const, 'Robust' as const),
      categorical_comparison_threshold: double,
      categorical_drift_method: fc.constantFrom('LInfinity' as const, 'ChiSquared' as const),
      enable_comparisons: fc.boolean(),
      min_domain_mass: double,
    },
    { requiredKeys: [] },
  ),
);

const dataQualityConstraints = withUnknownKeys(
  fc.record(
    {
      version: double,
      features: fc.array(featureConstraints, { maxLength: 4 }),
      monitoring_config: withUnknownKeys(
        fc.record(
          {
            evaluate_constraints: flag,
            emit_metrics: flag,
            datatype_check_threshold: double,
            domain_content_threshold: double,
            distribution_constraints: distributionConstraints,
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: ['version', 'features'] },
  ),
);

const modelQualityConstraints = fc
  .tuple(
    double,
    fc.constantFrom('regression_constraints', 'binary_classification_constraints', 'multiclass_classification_constraints'),
    fc.dictionary(
      fc.constantFrom('mae', 'r2', 'accuracy', 'f2', 'weighted_recall', 'false_positive_rate'),
      withUnknownKeys(fc.record({ threshold: double, comparison_operator: fc.constantFrom(...COMPARISON_OPERATORS) })),
      { maxKeys: 4 },
    ),
  )
  .map(([version, key, metrics]) => ({ version, [key]: metrics }));

const violations = withUnknownKeys(
  fc.record({
    violations: fc.array(
      withUnknownKeys(
        fc.record(
          { feature_name: text, metric_name: text, constraint_check_type: text, description: text },
          { requiredKeys: ['constraint_check_type', 'description'] },
        ),
      ),
      { maxLength: 4 },
    ),
  }),
);

const isoTime = fc
  .tuple(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.boolean())
  .map(([d, millis]) => (millis ? d.toISOString() : d.toISOString().replace(/\.\d{3}Z$/, 'Z')));

const payload = (mode: 'INPUT' | 'OUTPUT') =>
  withUnknownKeys(
    fc.oneof(
      fc.record({ observedContentType: text, mode: fc.constant(mode), data: text, encoding: fc.constantFrom('CSV' as const, 'JSON' as const) }),
      fc.record({
        observedContentType: text,
        mode: fc.constant(mode),
        data: text.map((t) => Buffer.from(t, 'utf8').toString('base64')),
        encoding: fc.constant('BASE64' as const),
      }),
    ),
  );

const captureRecord = withUnknownKeys(
  fc.record({
    captureData: withUnknownKeys(fc.record({ endpointInput: payload('INPUT'), endpointOutput: payload('OUTPUT') }, { requiredKeys: [] })),
    eventMetadata: withUnknownKeys(
      fc.record({ eventId: text, inferenceId: text, inferenceTime: isoTime, customAttributes: text }, { requiredKeys: ['eventId', 'inferenceTime'] }),
    ),
    eventVersion: fc.constant('0'),
  }),
);

const groundTruthRecord = withUnknownKeys(
  fc.record({
    groundTruthData: withUnknownKeys(fc.record({ data: text, encoding: fc.constant('CSV' as const) })),
    eventMetadata: withUnknownKeys(fc.record({ eventId: text, inferenceTime: isoTime }, { requiredKeys: ['eventId'] })),
    eventVersion: fc.constant('0'),
  }),
);

// ---------------------------------------------------------------------------------------------------
// Defective inputs derived from valid ones

/** Every path (keys and indices) in a JSON tree, root included as []. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; value: unknown } | { kind: 'wrap' };

/** The tree with one node deleted, replaced by another JSON value, or wrapped in an array. */
function mutateTree(tree: unknown, pick: number, mutation: Mutation): unknown {
  const paths = pathsOf(tree).filter((p) => p.length > 0);
  if (paths.length === 0) return mutation.kind === 'replace' ? mutation.value : [tree];
  const path = paths[pick % paths.length];
  const copy = JSON.parse(JSON.stringify(tree)) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (mutation.kind === 'replace') parent[last] = mutation.value;
  else parent[last] = [parent[last]];
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  json.map((value) => ({ kind: 'replace' as const, value })),
  fc.constant({ kind: 'wrap' as const }),
);

/** Text damaged the way files get damaged: cut short, bytes dropped, junk inserted, characters swapped. */
function garble(source: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(source, fc.nat()).map(([t, at]) => t.slice(0, at % (t.length + 1))),
    fc.tuple(source, fc.nat(), fc.nat({ max: 8 })).map(([t, at, n]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + t.slice(i + n);
    }),
    fc.tuple(source, fc.nat(), fc.string({ unit: 'binary', maxLength: 4 })).map(([t, at, junk]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + junk + t.slice(i);
    }),
    fc.tuple(source, fc.nat(), fc.constantFrom('"', ',', '{', '}', '[', ']', ':', '-', '.', 'e', '0', 'n', ' ', '\\')).map(([t, at, c]) => {
      const i = at % Math.max(t.length, 1);
      return t.slice(0, i) + c + t.slice(i + 1);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Fuzz targets

export interface FuzzTarget {
  name: string;
  /** Valid values and their serialization: parse(serialize(v)) must equal v. */
  valid: fc.Arbitrary<unknown>;
  serialize(value: unknown): string;
  parse(text: string, file: string): unknown;
  /** For JSON Lines records: the line every FormatError must name. */
  line?: number;
  /** Valid, structurally mutated, garbled and arbitrary texts. */
  inputs: fc.Arbitrary<string>;
}

function target(
  name: string,
  valid: fc.Arbitrary<unknown>,
  serialize: (value: unknown) => string,
  parse: (text: string, file: string) => unknown,
  line?: number,
): FuzzTarget {
  valid = valid.map(plain);
  const inputs = damagedDocuments(valid, serialize, line === undefined ? 'pretty' : 'one line');
  return { name, valid, serialize, parse, line, inputs };
}

/** Texts of valid documents, structurally mutated ones (a node deleted, replaced or wrapped), garbled ones and arbitrary ones. */
export function damagedDocuments(valid: fc.Arbitrary<unknown>, serialize: (value: unknown) => string, layout: 'pretty' | 'one line'): fc.Arbitrary<string> {
  const validText = valid.map(serialize);
  const stringify = layout === 'pretty' ? (v: unknown) => JSON.stringify(v, null, 2) : (v: unknown) => JSON.stringify(v);
  const mutated = fc.tuple(valid, fc.nat(), mutation).map(([v, pick, m]) => stringify(mutateTree(v, pick, m)));
  return fc.oneof(
    { arbitrary: validText, weight: 1 },
    { arbitrary: mutated, weight: 4 },
    { arbitrary: garble(validText), weight: 4 },
    { arbitrary: json.map((v) => JSON.stringify(v) ?? ''), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  );
}

const CAPTURE_LINE = 7;

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  target('statistics (data quality)', dataQualityStatistics, (v) => serializeStatistics(v as Statistics), parseStatistics),
  target('statistics (model quality)', modelQualityStatistics, (v) => serializeStatistics(v as Statistics), parseStatistics),
  target('constraints (data quality)', dataQualityConstraints, (v) => serializeConstraints(v as Constraints), parseConstraints),
  target('constraints (model quality)', modelQualityConstraints, (v) => serializeConstraints(v as Constraints), parseConstraints),
  target('constraint_violations', violations, (v) => serializeViolations(v as ConstraintViolations), parseViolations),
  target(
    'capture record',
    captureRecord,
    (v) => serializeCaptureRecord(v as CaptureRecord),
    (t, f) => {
      const record = parseCaptureRecord(t, f, CAPTURE_LINE);
      // A parsed record's payloads must decode (or fail with a FormatError) too.
      for (const p of [record.captureData.endpointInput, record.captureData.endpointOutput]) {
        if (p) decodeCapturedPayload(p, { file: f, line: CAPTURE_LINE });
      }
      return record;
    },
    CAPTURE_LINE,
  ),
  target(
    'ground-truth record',
    groundTruthRecord,
    (v) => serializeGroundTruthRecord(v as GroundTruthRecord),
    (t, f) => parseGroundTruthRecord(t, f, CAPTURE_LINE),
    CAPTURE_LINE,
  ),
];

/** Raw bytes of a capture file (valid lines, damaged lines, invalid UTF-8, CR/LF noise) for the JSON Lines reader. */
const captureFileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc
    .array(fc.oneof(captureRecord.map((r) => serializeCaptureRecord(r as CaptureRecord)), garble(captureRecord.map((r) => serializeCaptureRecord(r as CaptureRecord))), fc.constant('')), {
      maxLength: 4,
    })
    .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => new Uint8Array(Buffer.from(lines.join(eol), 'utf8')))),
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(captureRecord.map((r) => serializeCaptureRecord(r as CaptureRecord)), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.nat()).map(([line, junk, at]) => {
    const bytes = Buffer.from(`${line}\n${line}\n`, 'utf8');
    const i = at % bytes.length;
    return new Uint8Array(Buffer.concat([bytes.subarray(0, i), junk, bytes.subarray(i)]));
  }),
);

/** Reads every record of a capture file held in memory; returns how many parsed. */
function parseCaptureFile(bytes: Uint8Array, file: string): number {
  let n = 0;
  for (const { line, text: lineText } of splitJsonLines(bytes, file)) {
    parseCaptureRecord(lineText, file, line);
    n++;
  }
  return n;
}

/**
 * Why `e` is not an acceptable parse failure, or undefined when it is: a FormatError that names the
 * file in its message (and the expected line, for JSON Lines).
 */
function unacceptableFailure(e: unknown, file: string, line?: number | 'any'): string | undefined {
  if (!(e instanceof FormatError)) return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} instead of a FormatError`;
  if (e.file !== file || !e.message.startsWith(file)) return `FormatError does not name the file: ${e.message}`;
  if (line === 'any' && e.line === undefined) return `FormatError does not name the line: ${e.message}`;
  if (typeof line === 'number' && e.line !== line) return `FormatError names line ${e.line}, expected ${line}: ${e.message}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Properties: fuzz.test.ts checks them at a few hundred cases, scripts/fuzz.ts at 100,000+.

/** Every valid document reads back equal after it is written, unknown keys included. */
export function readsBackWhatItWrites(t: FuzzTarget, file: string): SyncFuzzProperty<unknown> {
  return {
    arbitrary: t.valid,
    check(value) {
      assert.deepStrictEqual(t.parse(t.serialize(value), file), value);
    },
  };
}

/** Damaged input fails only with a FormatError naming the file (and line); whatever is accepted survives a rewrite unchanged. */
export function failsOnlyWithFormatErrors(t: FuzzTarget, file: string): SyncFuzzProperty<string> {
  return {
    arbitrary: t.inputs,
    check(input) {
      let parsed: unknown;
      try {
        parsed = t.parse(input, file);
      } catch (e) {
        const why = unacceptableFailure(e, file, t.line);
        if (why) throw new Error(`${why}\ninput: ${JSON.stringify(input)}`);
        return;
      }
      assert.deepStrictEqual(t.parse(t.serialize(parsed), file), parsed);
    },
  };
}

/** Damaged capture files (JSON Lines + UTF-8), read byte by byte, fail only with FormatErrors naming file and line. */
export function captureFileFailsOnlyWithFormatErrors(file: string): SyncFuzzProperty<Uint8Array> {
  return {
    arbitrary: captureFileBytes,
    check(bytes) {
      try {
        parseCaptureFile(bytes, file);
      } catch (e) {
        const why = unacceptableFailure(e, file, 'any');
        if (why) throw new Error(`${why}\nbytes: ${Buffer.from(bytes).toString('hex')}`);
      }
    },
  };
}
