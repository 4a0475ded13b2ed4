/**
 * `model-monitor analyze`: a monitoring run, as one SageMaker monitoring execution: statistics of the
 * captured (or given) data, checked against a baseline's constraints, giving constraint_violations.json.
 */
import { runDataQualityMonitoring, toSageMakerJson, type DatasetInput } from '../analysis/dataQuality';
import { runModelQualityMonitoring } from '../analysis/modelQuality';
import { CONSTRAINTS_KEY, isDataQualityConstraints, type Constraints, type ModelQualityConstraints } from '../formats/constraints';
import type { ProblemType } from '../formats/statistics';
import { isDataQualityStatistics, serializeStatistics } from '../formats/statistics';
import { serializeViolations, type ConstraintViolations } from '../formats/violations';
import type { ArgumentReader } from './arguments';
import { EXIT_OK, EXIT_VIOLATIONS, UsageError, type CliCommand, type CliIo } from './command';
import { defineCommand } from './defineCommand';
import { expandJsonlPaths } from './inputPaths';
import { ANALYSIS_TYPES, MODEL_QUALITY_HELP, MODEL_QUALITY_ONLY, MODEL_QUALITY_OPTIONS, modelQualityConfig, seedOf, type AnalysisType } from './modelQualityArguments';
import { type OutputFile } from './outputFiles';
import { printInputNotes } from './inputNotes';
import { progressReporter } from './progress';
import { S3_HELP, S3_OPTIONS, S3Access, capturesInS3, dataQualityOverS3, inputFiles, loadConstraintsFrom, loadStatisticsFrom, withLocalFile, withOutputTo } from './s3Options';
import { SCRIPT_HELP, SCRIPT_OPTIONS, runPostProcessor, scriptOptions } from './scriptArguments';

const NAME = 'analyze';

const OPTIONS = {
  captures: { type: 'string', multiple: true },
  dataset: { type: 'string' },
  'dataset-format': { type: 'string' },
  header: { type: 'boolean' },
  'baseline-statistics': { type: 'string' },
  constraints: { type: 'string' },
  'ground-truth': { type: 'string', multiple: true },
  start: { type: 'string' },
  end: { type: 'string' },
  output: { type: 'string' },
  overwrite: { type: 'boolean' },
  'fail-on-violations': { type: 'boolean' },
  workers: { type: 'string' },
  ...SCRIPT_OPTIONS,
  ...MODEL_QUALITY_OPTIONS,
  ...S3_OPTIONS,
} as const;

const HELP = `Usage: model-monitor analyze (--captures PATH... | --dataset FILE --dataset-format csv|json [--header])
         --constraints FILE [--baseline-statistics FILE] [--start ISO --end ISO] --output DIR [options]

Runs one monitoring execution: computes statistics.json of the data, checks it against the baseline
constraints and writes constraint_violations.json (data quality also writes the constraints.json used).

  --captures PATH...                  data capture JSON Lines files, or folders of them (read in S3 key order)
  --dataset FILE                      or a plain dataset (data quality only)
  --dataset-format csv|json           its format: CSV, or JSON Lines
  --header                            the CSV's first line names the columns
  --baseline-statistics FILE          the baseline's statistics.json (required for data quality)
  --constraints FILE                  the baseline's constraints.json
  --start ISO, --end ISO              analyse captures with start <= inferenceTime < end
  --output DIR                        where to write the results
  --overwrite                         replace existing output files (otherwise refused)
  --fail-on-violations                exit with code 3 when there are violations
  --analysis-type TYPE                DATA_QUALITY | MODEL_QUALITY (default: what the constraints are for)
  --workers N                         threads for data quality, this one included (default: one per core from 192 MB)
${SCRIPT_HELP}
${MODEL_QUALITY_HELP}
  --ground-truth PATH...              ground-truth JSON Lines files, or folders of them (required)
  (--problem-type defaults to the problem type of the constraints)

${S3_HELP}

Exit codes: 0 done, 2 bad usage or input, 3 violations found with --fail-on-violations.
`;

function problemTypeOf(constraints: ModelQualityConstraints): ProblemType | undefined {
  return (Object.keys(CONSTRAINTS_KEY) as ProblemType[]).find((type) => constraints[CONSTRAINTS_KEY[type]] !== undefined);
}

function analysisTypeFor(constraints: Constraints, given: AnalysisType | undefined, path: string): AnalysisType {
  const actual: AnalysisType = isDataQualityConstraints(constraints) ? 'DATA_QUALITY' : 'MODEL_QUALITY';
  if (given !== undefined && given !== actual) {
    throw new UsageError(`--constraints ${path} holds ${actual} constraints, but --analysis-type is ${given}.`);
  }
  return actual;
}

function analysisWindow(args: ArgumentReader): { start?: Date; end?: Date } {
  const start = args.time('start');
  const end = args.time('end');
  if (start && end && start.getTime() >= end.getTime()) throw new UsageError('--start must be before --end.');
  return { start, end };
}

async function capturesInput(args: ArgumentReader): Promise<{ paths: string[]; start?: Date; end?: Date }> {
  const window = analysisWindow(args);
  return { paths: await expandJsonlPaths(args.list('captures'), 'captures'), ...window };
}

function datasetInput(args: ArgumentReader): DatasetInput {
  const path = args.required('dataset');
  const format = args.oneOf('dataset-format', ['csv', 'json'] as const);
  if (format === undefined) throw new UsageError('--dataset-format is required with --dataset: csv or json (JSON Lines).');
  args.forbid(['start', 'end'], 'only applies to --captures (a dataset has no inference times)');
  if (format === 'json') {
    args.forbid(['header'], 'only applies to CSV datasets');
    return { kind: 'jsonl', path };
  }
  return { kind: 'csv', path, header: args.flag('header') };
}

function describeViolations({ violations }: ConstraintViolations): string {
  if (violations.length === 0) return 'No violations.\n';
  const lines = violations.map((v) => `  ${v.feature_name ?? v.metric_name ?? ''} [${v.constraint_check_type}]: ${v.description}\n`);
  return `${violations.length} violation(s):\n${lines.join('')}`;
}

async function run(args: ArgumentReader, io: CliIo): Promise<number> {
  const s3 = new S3Access(args);
  try {
    return await runWith(args, io, s3);
  } finally {
    s3.dispose();
  }
}

async function runWith(args: ArgumentReader, io: CliIo, s3: S3Access): Promise<number> {
  const hasCaptures = args.has('captures');
  if (hasCaptures === args.has('dataset')) throw new UsageError('give either --captures PATH... or --dataset FILE (exactly one).');
  if (hasCaptures) args.forbid(['dataset-format', 'header'], 'only applies to --dataset');
  const constraintsPath = args.required('constraints');
  const output = args.required('output');
  const overwrite = args.flag('overwrite');
  const constraints = await loadConstraintsFrom(s3, constraintsPath);
  const analysisType = analysisTypeFor(constraints, args.oneOf('analysis-type', ANALYSIS_TYPES), constraintsPath);
  const onProgress = progressReporter(io, 'Reading input');

  let violations: ConstraintViolations | undefined;
  let rows = 0;
  let written: string[];
  if (analysisType === 'MODEL_QUALITY') {
    if (!hasCaptures) throw new UsageError('MODEL_QUALITY monitoring reads --captures (merged with --ground-truth), not --dataset.');
    if (!args.has('ground-truth')) throw new UsageError('--ground-truth PATH... is required for MODEL_QUALITY monitoring.');
    args.forbid(['workers', ...Object.keys(SCRIPT_OPTIONS)], 'only applies to DATA_QUALITY');
    args.forbid(['ground-truth-attribute'], 'only applies to a baseline (monitoring takes labels from --ground-truth)');
    const mqConstraints = constraints as ModelQualityConstraints;
    const config = modelQualityConfig(args, 'monitoring', problemTypeOf(mqConstraints));
    const seed = seedOf(args);
    const window = analysisWindow(args);
    const captureFiles = await inputFiles(s3, 'captures', args.list('captures'), window);
    const groundTruthFiles = await inputFiles(s3, 'ground-truth', args.list('ground-truth'));
    const captures = { paths: captureFiles.paths, ...window };
    const groundTruth = { paths: groundTruthFiles.paths };
    // One source reads both: local paths from disk, S3 URIs streamed.
    const source = captureFiles.paths.some((p) => p.startsWith('s3://')) ? captureFiles.source : groundTruthFiles.source;
    written = await withOutputTo(s3, output, ['statistics.json', 'constraint_violations.json'], overwrite, async (): Promise<OutputFile[]> => {
      const result = await runModelQualityMonitoring(captures, groundTruth, config, mqConstraints, { seed, onProgress, source });
      violations = result.violations;
      rows = result.statistics.dataset?.item_count ?? 0;
      return [
        { name: 'statistics.json', text: serializeStatistics(result.statistics) },
        { name: 'constraint_violations.json', text: serializeViolations(result.violations) },
      ];
    });
  } else {
    args.forbid([...MODEL_QUALITY_ONLY, 'ground-truth'], 'only applies to MODEL_QUALITY');
    const statisticsPath = args.required('baseline-statistics', ' for DATA_QUALITY monitoring');
    const statistics = await loadStatisticsFrom(s3, statisticsPath);
    if (!isDataQualityStatistics(statistics) || !isDataQualityConstraints(constraints)) {
      throw new UsageError(`--baseline-statistics ${statisticsPath} holds model-quality statistics; data quality needs a data-quality baseline.`);
    }
    const workers = args.positiveInteger('workers');
    const scripts = scriptOptions(args, io, hasCaptures);
    const baseline = { statistics, constraints };
    const names = ['statistics.json', 'constraint_violations.json', 'constraints.json'];
    const s3Captures = hasCaptures && capturesInS3(args);
    const input: DatasetInput | undefined = s3Captures ? undefined : hasCaptures ? { kind: 'capture', ...(await capturesInput(args)) } : datasetInput(args);
    written = await withOutputTo(s3, output, names, overwrite, async (): Promise<OutputFile[]> => {
      let result;
      if (input === undefined) result = await dataQualityOverS3(s3, args.list('captures'), analysisWindow(args), baseline, { workers, onProgress, ...scripts });
      else if (input.kind === 'capture') result = await runDataQualityMonitoring(input, baseline, { workers, onProgress, ...scripts });
      else {
        result = await withLocalFile(s3, input.path, 'dataset', (path) => {
          printInputNotes({ ...input, path }, io);
          return runDataQualityMonitoring({ ...input, path }, baseline, { workers, onProgress, ...scripts });
        });
      }
      violations = result.violations;
      rows = result.statistics.dataset.item_count;
      return [
        { name: 'statistics.json', text: toSageMakerJson(result.statistics) },
        { name: 'constraint_violations.json', text: toSageMakerJson(result.violations) },
        { name: 'constraints.json', text: toSageMakerJson(result.constraints) },
      ];
    });
  }
  if (violations === undefined) throw new Error('the analysis ended without violations');
  await runPostProcessor(args, io, output);
  io.out(`Analysed ${rows} rows (${analysisType}). ${describeViolations(violations)}Wrote:\n${written.map((path) => `  ${path}\n`).join('')}`);
  return violations.violations.length > 0 && args.flag('fail-on-violations') ? EXIT_VIOLATIONS : EXIT_OK;
}

export const analyzeCommand: CliCommand = defineCommand({
  name: NAME,
  help: HELP,
  options: OPTIONS,
  run,
});
