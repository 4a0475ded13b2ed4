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

/**
 * JSON.parse with the syntax error turned into a FormatError. For a whole document the reported line is
 * the line of the defect; for a JSON Lines record it is the record's line, and the column is in the text.
 */
export function parseJsonText(text: string, source: TextSource): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new FormatError(source.file, 'is empty; expected a JSON value', undefined, source.line);
    // V8 names a position for some errors only ("Unexpected token 'N', ... is not valid JSON" has none): find it ourselves.
    const position = jsonSyntaxErrorAt(text);
    const content = text.trimEnd();
    if (position >= content.length) {
      throw new FormatError(source.file, 'not valid JSON: the text ends before the JSON value is complete (truncated?)', undefined, source.line ?? content.split('\n').length);
    }
    const before = text.slice(0, position);
    const lineStart = before.lastIndexOf('\n') + 1;
    const column = position - lineStart + 1;
    const problem = `not valid JSON: ${describeSyntaxError(text, position)} (column ${column})`;
    throw new FormatError(source.file, problem, undefined, source.line ?? before.split('\n').length);
  }
}

/** What is wrong at `position`, in words. */
function describeSyntaxError(text: string, position: number): string {
  const word = /^-?(NaN|Infinity)/.exec(text.slice(position))?.[0];
  if (word !== undefined) return `${word} is not a JSON value (write it as the string "${word}", as SageMaker's analyzer does)`;
  const shown = text.slice(position, position + 20).split('\n')[0];
  return `unexpected ${JSON.stringify(shown.length > 0 ? shown : text[position])}`;
}

/**
 * The offset of the first character that makes `text` invalid JSON (its length when the text ends
 * early). A plain recursive scanner of the JSON grammar; only run after JSON.parse has failed.
 */
export function jsonSyntaxErrorAt(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (depth: number): void => {
    ws();
    if (depth > 512) fail();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === '}') break;
        if (text[i] !== ',') fail();
        i++;
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ']') break;
        if (text[i] !== ',') fail();
        i++;
      }
      i++;
    } else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (word === undefined) fail();
      i += word!.length;
    }
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
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

  /** An array of finite numbers (a sketch level: thousands of them, so checked natively, paths built only for a bad one). */
  numbers(value: unknown, path: string): number[] {
    const items = this.array(value, path);
    if (!items.every(Number.isFinite)) this.arrayOf(items, path, (item, itemPath) => this.number(item, itemPath));
    return items as number[];
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
