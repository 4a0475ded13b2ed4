/** `model-monitor suggest-baseline`: the analyzer's baseline job, data quality or model quality. */
import { suggestDataQualityBaseline, toSageMakerJson, type DatasetInput } from '../analysis/dataQuality';
import { suggestModelQualityBaseline, type BaselineDatasetInput } from '../analysis/modelQuality';
import { serializeConstraints } from '../formats/constraints';
import { serializeStatistics } from '../formats/statistics';
import type { ArgumentReader } from './arguments';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './command';
import { defineCommand } from './defineCommand';
import { ANALYSIS_TYPES, MODEL_QUALITY_HELP, MODEL_QUALITY_ONLY, MODEL_QUALITY_OPTIONS, modelQualityConfig, seedOf } from './modelQualityArguments';
import { withOutput, type OutputFile } from './outputFiles';
import { printInputNotes } from './inputNotes';
import { progressReporter } from './progress';

const NAME = 'suggest-baseline';
const OUTPUT_FILES = ['statistics.json', 'constraints.json'];

const OPTIONS = {
  dataset: { type: 'string' },
  'dataset-format': { type: 'string' },
  header: { type: 'boolean' },
  output: { type: 'string' },
  overwrite: { type: 'boolean' },
  'categorical-drift-method': { type: 'string' },
  workers: { type: 'string' },
  ...MODEL_QUALITY_OPTIONS,
} as const;

const HELP = `Usage: model-monitor suggest-baseline --dataset FILE --dataset-format csv|json [--header] --output DIR [options]

Computes statistics.json and suggested constraints.json from a baseline dataset, as SageMaker's
baseline job does, and writes them to DIR.

  --dataset FILE                      the baseline dataset
  --dataset-format csv|json           CSV, or JSON Lines (one JSON object per line)
  --header                            the CSV's first line names the columns
  --output DIR                        where to write statistics.json and constraints.json
  --overwrite                         replace existing output files (otherwise refused)
  --analysis-type TYPE                DATA_QUALITY (default) | MODEL_QUALITY

Data quality:
  --categorical-drift-method METHOD   LInfinity (default) | ChiSquared, written into the constraints
  --workers N                         threads, this one included (default: one per core from 192 MB of input)

${MODEL_QUALITY_HELP}
  --ground-truth-attribute ATTR       where the actual label is in the dataset (required)
`;

function datasetInput(args: ArgumentReader): BaselineDatasetInput {
  const path = args.required('dataset');
  const format = args.oneOf('dataset-format', ['csv', 'json'] as const);
  if (format === undefined) throw new UsageError('--dataset-format is required: csv or json (JSON Lines).');
  if (format === 'json') {
    args.forbid(['header'], 'only applies to CSV datasets');
    return { kind: 'jsonl', path };
  }
  return { kind: 'csv', path, header: args.flag('header') };
}

async function run(args: ArgumentReader, io: CliIo): Promise<number> {
  const analysisType = args.oneOf('analysis-type', ANALYSIS_TYPES, 'DATA_QUALITY');
  const input = datasetInput(args);
  const output = args.required('output');
  const overwrite = args.flag('overwrite');
  const onProgress = progressReporter(io, `Reading ${input.path}`);
  let rows = 0;
  let written: string[];
  if (analysisType === 'MODEL_QUALITY') {
    args.forbid(['categorical-drift-method', 'workers'], 'only applies to DATA_QUALITY');
    const config = modelQualityConfig(args, 'baseline');
    const seed = seedOf(args);
    written = await withOutput(output, OUTPUT_FILES, overwrite, async (): Promise<OutputFile[]> => {
      const { statistics, constraints } = await suggestModelQualityBaseline(input, config, { seed, onProgress });
      rows = statistics.dataset?.item_count ?? 0;
      return [
        { name: 'statistics.json', text: serializeStatistics(statistics) },
        { name: 'constraints.json', text: serializeConstraints(constraints) },
      ];
    });
  } else {
    args.forbid(MODEL_QUALITY_ONLY, 'only applies to --analysis-type MODEL_QUALITY');
    const categoricalDriftMethod = args.oneOf('categorical-drift-method', ['LInfinity', 'ChiSquared'] as const);
    const workers = args.positiveInteger('workers');
    written = await withOutput(output, OUTPUT_FILES, overwrite, async (): Promise<OutputFile[]> => {
      printInputNotes(input as DatasetInput, io);
      const { statistics, constraints } = await suggestDataQualityBaseline(input as DatasetInput, { categoricalDriftMethod, workers, onProgress });
      rows = statistics.dataset.item_count;
      return [
        { name: 'statistics.json', text: toSageMakerJson(statistics) },
        { name: 'constraints.json', text: toSageMakerJson(constraints) },
      ];
    });
  }
  io.out(`Baseline (${analysisType}) from ${rows} rows of ${input.path}:\n${written.map((path) => `  ${path}\n`).join('')}`);
  return EXIT_OK;
}

export const suggestBaselineCommand: CliCommand = defineCommand({
  name: NAME,
  help: HELP,
  options: OPTIONS,
  run,
});
