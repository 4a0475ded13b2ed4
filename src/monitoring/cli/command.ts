/**
 * The shape every `model-monitor` command has, so that adding one is one file plus an entry (name,
 * summary, loader) in main.ts.
 * Exit codes: 0 the command ran; 1 an unexpected failure; 2 bad usage or bad input (the message says
 * what and where); 3 violations were found and `--fail-on-violations` was given.
 */

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_VIOLATIONS = 3;

/** Where a command writes: results on `out` (stdout), progress and errors on `err` (stderr). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  /** The full `--help` text. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong flags or values: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
