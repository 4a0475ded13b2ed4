/**
 * `model-monitor`: SageMaker Model Monitor's analyzer on the command line. Each command lives in its own
 * file; to add one, write it as a CliCommand and list it in COMMANDS (loaded only when it runs).
 */
import { EXIT_BAD_INPUT, EXIT_OK, type CliCommand, type CliIo } from './command';
import { version } from '../../../package.json';

/** A command as the overview lists it; its modules are evaluated only when it runs. */
interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'suggest-baseline',
    summary: 'compute statistics.json and suggested constraints.json from a baseline dataset',
    load: async () => (await import('./suggestBaselineCommand')).suggestBaselineCommand,
  },
  {
    name: 'analyze',
    summary: 'run one monitoring execution: statistics of captured data checked against baseline constraints',
    load: async () => (await import('./analyzeCommand')).analyzeCommand,
  },
  {
    name: 'profile',
    summary: 'profile part of a data-quality run\'s input into a part file, for "merge"',
    load: async () => (await import('./profileCommand')).profileCommand,
  },
  {
    name: 'merge',
    summary: 'merge profile parts (from "profile") into the files of one data-quality run',
    load: async () => (await import('./mergeCommand')).mergeCommand,
  },
  {
    name: 'demo',
    summary: 'build the abalone demo workspace with hours of monitoring history',
    load: async () => (await import('./demoCommand')).demoCommand,
  },
  {
    name: 'serve',
    summary: "serve a local workspace's endpoints and run its schedules until Ctrl-C",
    load: async () => (await import('./serveCommand')).serveCommand,
  },
];

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
  return (await command.load()).run(rest, io);
}
