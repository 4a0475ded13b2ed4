/**
 * Writes JSON the way SageMaker's analyzer (Scala/Jackson, default pretty printer) does, so files we
 * write look like the service's: `"key" : value`, two-space indents, arrays inline (`[ 1.0, 2.0 ]`),
 * objects in arrays as `[ {` … `}, {` … `} ]`, and doubles in Java's notation (`1.0`, `1.0E-4`).
 */
import { javaDoubleToString } from './javaNumber';

/** Property names from the document root to a value (array indices left out): decides double vs integer. */
export type DoubleFieldPredicate = (keys: readonly string[]) => boolean;

function writeNumber(n: number, asDouble: boolean, doubles: Map<number, string>): string {
  // NaN has no JSON literal: Jackson quotes it by default (QUOTE_NON_NUMERIC_NUMBERS). An infinity can only
  // come from a literal too large for a double (in a field we do not know): write one back, so it reads the same.
  if (Number.isNaN(n)) return '"NaN"';
  if (!Number.isFinite(n)) return n > 0 ? '1e999' : '-1e999';
  if (Object.is(n, -0)) return asDouble ? '-0.0' : '-0';
  if (!asDouble && Number.isInteger(n)) return String(n);
  // Java's digit generation is costly and sketches repeat values: each document remembers its doubles' text.
  let text = doubles.get(n);
  if (text === undefined) {
    text = javaDoubleToString(n);
    doubles.set(n, text);
  }
  return text;
}

/**
 * Tokens of JavaScript's number text that may differ from Java's `Double.toString`: integers (no
 * point), exponents, magnitudes below 10^-3 or of 10^7 and more (Java switches to E-notation there),
 * and the exact powers of two with a fraction in Java's plain range (javaDoubleToString's shortcut
 * leaves those to the full algorithm). Every other token is already Java's text (see plainShortForm).
 */
const NOT_JAVA_TEXT = /(?<=^|, )(?:-?[^,.e]+|[^,]*e[^,]*|-?0\.000[^,]*|-?\d{8,}[^,]*|-?0\.(?:5|25|125|0625|03125|015625|0078125|00390625|001953125))(?=,|$)/g;

/** Below this length the per-item path is as fast. */
const DOUBLE_ARRAY_FAST_LENGTH = 16;

/**
 * An array of finite doubles (a sketch's data) printed by the native `join`, with only the tokens whose
 * JavaScript text may differ from Java's re-printed one by one: the writer's cold per-item path costs
 * about a microsecond a number, and a statistics.json holds tens of thousands. Null when the array is
 * short or holds anything but finite numbers other than -0 (the per-item path handles those).
 */
function doubleArrayText(values: readonly unknown[], doubles: Map<number, string>): string | null {
  if (values.length < DOUBLE_ARRAY_FAST_LENGTH || !values.every(Number.isFinite)) return null;
  const asDoubles = Float64Array.from(values as readonly number[]);
  // -0 prints as "0" in JavaScript; found by its bit pattern, natively.
  if (new BigUint64Array(asDoubles.buffer).includes(0x8000000000000000n)) return null;
  return asDoubles.join(', ').replace(NOT_JAVA_TEXT, (token) => writeNumber(Number(token), true, doubles));
}

/** The document as Jackson's default pretty printer writes it, followed by a newline. */
export function writeJacksonJson(value: unknown, isDouble: DoubleFieldPredicate = () => false): string {
  const out: string[] = [];
  const keys: string[] = [];
  const doubles = new Map<number, string>();

  const write = (v: unknown, depth: number): void => {
    if (v === null || v === undefined) {
      out.push('null');
    } else if (typeof v === 'number') {
      out.push(writeNumber(v, isDouble(keys), doubles));
    } else if (typeof v === 'string' || typeof v === 'boolean') {
      out.push(JSON.stringify(v));
    } else if (typeof v === 'bigint') {
      out.push(v.toString());
    } else if (Array.isArray(v)) {
      if (v.length === 0) {
        out.push('[ ]');
        return;
      }
      // Numbers in one array share a key path: the predicate is asked once (sketches hold thousands).
      const double = isDouble(keys);
      const fast = double ? doubleArrayText(v, doubles) : null;
      if (fast !== null) {
        out.push('[ ', fast, ' ]');
        return;
      }
      out.push('[ ');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out.push(', ');
        const item: unknown = v[i];
        if (typeof item === 'number') out.push(writeNumber(item, double, doubles));
        else write(item, depth);
      }
      out.push(' ]');
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, field]) => field !== undefined);
      if (entries.length === 0) {
        out.push('{ }');
        return;
      }
      const inner = '  '.repeat(depth + 1);
      out.push('{');
      entries.forEach(([key, field], i) => {
        out.push(i > 0 ? ',\n' : '\n', inner, JSON.stringify(key), ' : ');
        keys.push(key);
        write(field, depth + 1);
        keys.pop();
      });
      out.push('\n', '  '.repeat(depth), '}');
    } else {
      out.push('null'); // functions and symbols have no JSON form (JSON.stringify drops them too)
    }
  };

  write(value, 0);
  out.push('\n');
  return out.join('');
}

/** A predicate true for the listed key paths; `*` matches any one key. Paths are dot-separated. */
export function doubleFields(paths: readonly string[]): DoubleFieldPredicate {
  const patterns = paths.map((p) => p.split('.'));
  return (keys) =>
    patterns.some((pattern) => pattern.length === keys.length && pattern.every((part, i) => part === '*' || part === keys[i]));
}

/**
 * One-line JSON, as SageMaker writes each JSON Lines record. Same as JSON.stringify except that a number
 * too large for a double (only possible in a field we do not know) is written back as such, not as null.
 */
export function writeCompactJson(value: unknown): string {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '-0';
    return Number.isFinite(value) || Number.isNaN(value) ? JSON.stringify(value) : value > 0 ? '1e999' : '-1e999';
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : writeCompactJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined && typeof field !== 'function');
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${writeCompactJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
