/**
 * What every command does around its own work: parse the arguments against its options (plus
 * `--help`/`-h`), answer `--help` with its help text, and turn whatever it throws into a message on
 * stderr and an exit code (failures.ts).
 */
import { ArgumentReader, parseArguments, type OptionSpec } from './arguments';
import { EXIT_OK, type CliCommand, type CliIo } from './command';
import { reportFailure } from './failures';

export interface CommandDefinition {
  name: string;
  /** The full `--help` text. */
  help: string;
  /** The command's options; `--help` is added. */
  options: OptionSpec;
  /** The command's work, with the arguments parsed; resolves to the exit code. */
  run(args: ArgumentReader, io: CliIo): Promise<number>;
}

const HELP_OPTION: OptionSpec = { help: { type: 'boolean', short: 'h' } };

export function defineCommand(definition: CommandDefinition): CliCommand {
  const { name, help } = definition;
  const options = { ...definition.options, ...HELP_OPTION };
  return {
    name,
    help,
    async run(argv, io) {
      try {
        const args = new ArgumentReader(name, parseArguments(name, argv, options));
        if (args.flag('help')) {
          io.out(help);
          return EXIT_OK;
        }
        return await definition.run(args, io);
      } catch (e) {
        return reportFailure(e, name, io);
      }
    },
  };
}
