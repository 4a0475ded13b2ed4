/**
 * `model-monitor profile`: the first half of a run split across machines. Profiles some of the input
 * (an hour of captures, some files) into a part file that `model-monitor merge` turns, with the other
 * parts, into the files of one run (see src/monitoring/analysis/README.md).
 */
import { profilePart, serializePart } from '../analysis/profileParts';
import type { DatasetInput } from '../analysis/dataQuality';
import { isDataQualityConstraints } from '../formats/constraints';
import type { ArgumentReader } from './arguments';
import { loadConstraints } from './baselineDocuments';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './command';
import { defineCommand } from './defineCommand';
import { expandJsonlPaths } from './inputPaths';
import { withOutput } from './outputFiles';
import { progressReporter } from './progress';
import { dirname, basename } from 'node:path';

const OPTIONS = {
  captures: { type: 'string', multiple: true },
  dataset: { type: 'string' },
  'dataset-format': { type: 'string' },
  header: { type: 'boolean' },
  constraints: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  output: { type: 'string' },
  overwrite: { type: 'boolean' },
  workers: { type: 'string' },
} as const;

const HELP = `Usage: model-monitor profile (--captures PATH... | --dataset FILE --dataset-format csv|json [--header])
         [--constraints FILE] [--start ISO --end ISO] --output PART.json [--overwrite] [--workers N]

Profiles part of a data-quality run's input into a part file. "model-monitor merge" merges parts,
in the order given, into statistics.json and constraints.json (a baseline) or a monitoring run's
files: the same files, byte for byte, as one run over all the inputs in that order.

  --captures PATH...                  data capture JSON Lines files, or folders of them (read in S3 key order)
  --dataset FILE                      or a plain dataset
  --dataset-format csv|json           its format: CSV, or JSON Lines
  --header                            the CSV's first line names the columns
  --constraints FILE                  for a monitoring run: the baseline constraints.json (its domains are counted)
  --start ISO, --end ISO              captures with start <= inferenceTime < end
  --output PART.json                  the part file to write
  --overwrite                         replace an existing part file
  --workers N                         threads, this one included (default: one per core from 192 MB of input)
`;

async function inputOf(args: ArgumentReader): Promise<DatasetInput> {
  if (args.has('captures') === args.has('dataset')) throw new UsageError('give either --captures PATH... or --dataset FILE (exactly one).');
  if (args.has('captures')) {
    args.forbid(['dataset-format', 'header'], 'only applies to --dataset');
    const start = args.time('start');
    const end = args.time('end');
    if (start && end && start.getTime() >= end.getTime()) throw new UsageError('--start must be before --end.');
    return { kind: 'capture', paths: await expandJsonlPaths(args.list('captures'), 'captures'), start, end };
  }
  args.forbid(['start', 'end'], 'only applies to --captures (a dataset has no inference times)');
  const path = args.required('dataset');
  const format = args.oneOf('dataset-format', ['csv', 'json'] as const);
  if (format === undefined) throw new UsageError('--dataset-format is required with --dataset: csv or json (JSON Lines).');
  if (format === 'json') {
    args.forbid(['header'], 'only applies to CSV datasets');
    return { kind: 'jsonl', path };
  }
  return { kind: 'csv', path, header: args.flag('header') };
}

async function run(args: ArgumentReader, io: CliIo): Promise<number> {
  const input = await inputOf(args);
  const output = args.required('output');
  let constraints = null;
  const constraintsPath = args.optional('constraints');
  if (constraintsPath !== undefined) {
    const loaded = await loadConstraints(constraintsPath);
    if (!isDataQualityConstraints(loaded)) throw new UsageError(`--constraints ${constraintsPath} holds model-quality constraints; profile parts are for data quality.`);
    constraints = loaded;
  }
  const workers = args.positiveInteger('workers');
  let summary = '';
  const [written] = await withOutput(dirname(output), [basename(output)], args.flag('overwrite'), async () => {
    const part = await profilePart(input, constraints, { workers, onProgress: progressReporter(io, 'Reading input') });
    const rows = part.partitions.reduce((sum, state) => sum + state.rowCount, 0);
    summary = `Profiled ${rows} rows of ${part.description} (${part.partitions.length} partition(s)).`;
    return [{ name: basename(output), text: serializePart(part) }];
  });
  io.out(`${summary} Wrote:\n  ${written}\n`);
  return EXIT_OK;
}

export const profileCommand: CliCommand = defineCommand({
  name: 'profile',
  help: HELP,
  options: OPTIONS,
  run,
});
