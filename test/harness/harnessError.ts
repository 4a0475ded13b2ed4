/**
 * A failure of the test platform itself (a missing tool, an install that failed, a server that did not
 * start). Its message says what failed and what to do; scripts print it without a stack trace.
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

/** Prints a HarnessError as a plain message and anything else with its stack. */
export function describeFailure(error: unknown): string {
  if (error instanceof HarnessError) return error.message;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
