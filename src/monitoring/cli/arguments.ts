/**
 * Argument parsing on node:util `parseArgs`, plus what it lacks: options taking several values
 * (`--captures a b c`, or repeated), required options, and typed values with clear messages.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArguments {
  strings: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Parses `args` against `options`. Options declared `multiple` also collect the bare values that
 * follow them, so `--captures dir1 dir2 --ground-truth gt` works as users expect from "PATH...".
 */
export function parseArguments(command: string, args: string[], options: OptionSpec): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw new UsageError(`${command}: ${(e as Error).message.replace(/\. To specify a positional.*$/s, '.')}`);
  }
  const strings = new Map<string, string[]>();
  const flags = new Set<string>();
  let lastMultiple: string | undefined;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') {
      const spec = options[token.name];
      if (spec.type === 'boolean') {
        flags.add(token.name);
        lastMultiple = undefined;
      } else {
        const values = strings.get(token.name) ?? [];
        if (values.length > 0 && !spec.multiple) throw new UsageError(`${command}: --${token.name} was given more than once.`);
        values.push(token.value ?? '');
        strings.set(token.name, values);
        lastMultiple = spec.multiple ? token.name : undefined;
      }
    } else if (token.kind === 'positional') {
      if (lastMultiple === undefined) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(token.value)}.`);
      strings.get(lastMultiple)?.push(token.value);
    } else {
      lastMultiple = undefined; // `--` ends an option's list
    }
  }
  return { strings, flags };
}

export class ArgumentReader {
  constructor(
    private readonly command: string,
    private readonly parsed: ParsedArguments,
  ) {}

  has(name: string): boolean {
    return this.parsed.strings.has(name) || this.parsed.flags.has(name);
  }

  flag(name: string): boolean {
    return this.parsed.flags.has(name);
  }

  optional(name: string): string | undefined {
    const value = this.parsed.strings.get(name)?.[0];
    if (value !== undefined && value.trim() === '') throw new UsageError(`${this.command}: --${name} needs a value.`);
    return value;
  }

  required(name: string, why = ''): string {
    const value = this.optional(name);
    if (value === undefined) throw new UsageError(`${this.command}: --${name} is required${why}.`);
    return value;
  }

  list(name: string): string[] {
    return this.parsed.strings.get(name) ?? [];
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      throw new UsageError(`${this.command}: --${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
    }
    return value as T;
  }

  number(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isFinite(number)) throw new UsageError(`${this.command}: --${name} must be a number, not ${JSON.stringify(value)}.`);
    return number;
  }

  positiveInteger(name: string): number | undefined {
    const number = this.number(name);
    if (number !== undefined && (!Number.isInteger(number) || number < 1)) {
      throw new UsageError(`${this.command}: --${name} must be a whole number of at least 1, not ${number}.`);
    }
    return number;
  }

  /** An ISO-8601 time such as 2024-05-01T13:00:00Z. */
  time(name: string): Date | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const time = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : new Date(NaN);
    if (Number.isNaN(time.getTime())) {
      throw new UsageError(`${this.command}: --${name} must be an ISO-8601 time such as 2024-05-01T13:00:00Z, not ${JSON.stringify(value)}.`);
    }
    return time;
  }

  /** Rejects options that make no sense in the chosen mode. */
  forbid(names: readonly string[], reason: string): void {
    for (const name of names) if (this.has(name)) throw new UsageError(`${this.command}: --${name} ${reason}.`);
  }
}
