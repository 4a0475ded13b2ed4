/**
 * Parsing JSON text and checking the fields of the result, so that every defect in one of SageMaker's
 * files is reported as a FormatError naming the file, the line (when known) and the field's JSON path.
 * Parsers validate the parsed tree in place and return it, so keys we do not know survive a rewrite.
 */
import { FormatError } from './formatError';

export type JsonObject = Record<string, unknown>;

/** Where the text came from: a file (S3 URI or path) and, for JSON Lines, the 1-based line. */
export interface TextSource {
  file: string;
  line?: number;
}

const POSITION = / in JSON at position (\d+)/;

/**
 * JSON.parse with the syntax error turned into a FormatError. For a whole document the reported line is
 * the line of the defect; for a JSON Lines record it is the record's line, and the column is in the text.
 */
export function parseJsonText(text: string, source: TextSource): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const match = POSITION.exec(message);
    if (text.trim() === '') throw new FormatError(source.file, 'is empty; expected a JSON value', undefined, source.line);
    const content = text.trimEnd();
    if (!match && !/Unexpected end/.test(message)) {
      throw new FormatError(source.file, `not valid JSON: ${message}`, undefined, source.line);
    }
    // The end of input, or a position past the content: the text ended before the value was complete.
    const endedEarly = !match || Number(match[1]) >= content.length;
    const position = endedEarly ? content.length - 1 : Number(match[1]);
    const before = text.slice(0, position);
    const column = position - before.lastIndexOf('\n');
    const problem = endedEarly
      ? 'not valid JSON: the text ends before the JSON value is complete (truncated?)'
      : `not valid JSON: ${message.replace(POSITION, '').replace(/ \(line \d+ column \d+\)$/, '')} (column ${column})`;
    throw new FormatError(source.file, problem, undefined, source.line ?? before.split('\n').length);
  }
}

/** `parent.key`, or `parent["odd key"]` when the key is not a plain identifier. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const part = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!parent || part.startsWith('[')) return `${parent}${part}`;
  return `${parent}.${part}`;
}

/** A short description of a JSON value for error messages: its kind and, for scalars, the value. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Field checks bound to one source; each failure throws a FormatError naming the field's path. */
export class FieldChecker {
  constructor(readonly source: TextSource) {}

  fail(path: string, problem: string): never {
    throw new FormatError(this.source.file, problem, path || undefined, this.source.line);
  }

  object(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object, found ${describeJson(value)}`);
    }
    return value as JsonObject;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `must be an array, found ${describeJson(value)}`);
    return value;
  }

  /** Each element checked by `check`, which receives the element's path. */
  arrayOf<T>(value: unknown, path: string, check: (item: unknown, itemPath: string) => T): T[] {
    const items = this.array(value, path);
    for (let i = 0; i < items.length; i++) check(items[i], fieldPath(path, i));
    return items as T[];
  }

  number(value: unknown, path: string): number {
    if (typeof value !== 'number') this.fail(path, `must be a number, found ${describeJson(value)}`);
    if (!Number.isFinite(value)) this.fail(path, `must be a finite number, found ${value}`);
    return value;
  }

  count(value: unknown, path: string): number {
    const n = this.number(value, path);
    if (!Number.isSafeInteger(n) || n < 0) this.fail(path, `must be a whole number ≥ 0, found ${n}`);
    return n;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `must be a string, found ${describeJson(value)}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `must be true or false, found ${describeJson(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, found ${describeJson(value)}`);
    }
    return value as T;
  }

  /** The value of a key the object must have. */
  required(obj: JsonObject, key: string, parent: string): unknown {
    if (!Object.hasOwn(obj, key)) this.fail(fieldPath(parent, key), 'is required but missing');
    return obj[key];
  }

  /** Runs `check` on the key's value when the key is present. */
  optional<T>(obj: JsonObject, key: string, parent: string, check: (value: unknown, path: string) => T): T | undefined {
    if (!Object.hasOwn(obj, key)) return undefined;
    return check(obj[key], fieldPath(parent, key));
  }

  /** Runs `check` on the value of a key the object must have. */
  field<T>(obj: JsonObject, key: string, parent: string, check: (value: unknown, path: string) => T): T {
    return check(this.required(obj, key, parent), fieldPath(parent, key));
  }
}
