/**
 * `model-monitor`: SageMaker Model Monitor's analyzer on the command line. Each command lives in its own
 * file; to add one, write it as a CliCommand and list it in COMMANDS.
 */
import { analyzeCommand } from './analyzeCommand';
import { demoCommand } from './demoCommand';
import { mergeCommand } from './mergeCommand';
import { profileCommand } from './profileCommand';
import { serveCommand } from './serveCommand';
import { EXIT_BAD_INPUT, EXIT_OK, type CliCommand, type CliIo } from './command';
import { suggestBaselineCommand } from './suggestBaselineCommand';
import { version } from '../../../package.json';

export const COMMANDS: readonly CliCommand[] = [suggestBaselineCommand, analyzeCommand, profileCommand, mergeCommand, demoCommand, serveCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}\n`).join('');
  return `Usage: model-monitor <command> [options]\n\nCommands:\n${list}\nRun "model-monitor <command> --help" for a command's options, "model-monitor --version" for the version.\n`;
}

/** Runs the CLI in-process; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`model-monitor ${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`error: unknown command ${JSON.stringify(name)}.\n${overview()}`);
    return EXIT_BAD_INPUT;
  }
  return command.run(rest, io);
}
