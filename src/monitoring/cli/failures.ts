/** Turns what a command throws into a message on stderr and an exit code. */
import { MonitoringError } from '../errors';
import { FormatError } from '../formats/formatError';
import { EXIT_BAD_INPUT, EXIT_FAILURE, UsageError, type CliIo } from './command';

const BAD_INPUT_KINDS = new Set(['BadData', 'Validation', 'NotFound', 'AccessDenied']);

export function reportFailure(error: unknown, command: string, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}\nRun "model-monitor ${command} --help" for usage.\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof FormatError) {
    io.err(`error: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof MonitoringError && BAD_INPUT_KINDS.has(error.kind)) {
    io.err(`error: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof MonitoringError && error.kind !== 'Unknown') {
    // Expired credentials, throttling, network: the message already says what to do.
    io.err(`error: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
    io.err(`error: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.err(`error: ${command} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_FAILURE;
}
