/** Turns what a command throws into a message on stderr and an exit code. */
import { MonitoringError } from '../errors';
import { FormatError } from '../formats/formatError';
import { EXIT_BAD_INPUT, EXIT_FAILURE, UsageError, type CliIo } from './command';

const BAD_INPUT_KINDS = new Set(['BadData', 'Validation', 'NotFound', 'AccessDenied']);

/** File-system refusals: the path and the reason are the message, a stack trace would only hide them. */
const FILE_SYSTEM_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENAMETOOLONG', 'ELOOP', 'ENOTEMPTY', 'EMFILE']);

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
  if (code !== undefined && FILE_SYSTEM_CODES.has(code)) {
    io.err(`error: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.err(`error: ${command} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_FAILURE;
}
