/**
 * `model-monitor merge PARTS... --output DIR`: the second half of a run split across machines (see
 * src/monitoring/analysis/README.md). Merges part files written by `model-monitor profile`, in the
 * order given, and writes a baseline (no --constraints) or a monitoring run's files.
 */
import { readFile } from 'node:fs/promises';
import { baselineFromProfile, monitoringFromProfile, toSageMakerJson } from '../analysis/dataQuality';
import { mergeParts, parsePart, type ProfilePart } from '../analysis/profileParts';
import { isDataQualityConstraints } from '../formats/constraints';
import { isDataQualityStatistics } from '../formats/statistics';
import type { ArgumentReader } from './arguments';
import { loadConstraints, loadStatistics } from './baselineDocuments';
import { EXIT_OK, EXIT_VIOLATIONS, UsageError, type CliCommand, type CliIo } from './command';
import { defineCommand } from './defineCommand';
import { withOutput, type OutputFile } from './outputFiles';

const OPTIONS = {
  parts: { type: 'string', multiple: true },
  constraints: { type: 'string' },
  'baseline-statistics': { type: 'string' },
  'categorical-drift-method': { type: 'string' },
  output: { type: 'string' },
  overwrite: { type: 'boolean' },
  'fail-on-violations': { type: 'boolean' },
} as const;

const HELP = `Usage: model-monitor merge PART.json... --output DIR [--constraints FILE --baseline-statistics FILE] [options]

Merges profile parts (written by "model-monitor profile"), in the order given, into the files of one
data-quality run over all their inputs in that order:
- without --constraints, a baseline: statistics.json and suggested constraints.json;
- with --constraints and --baseline-statistics, a monitoring run: statistics.json,
  constraint_violations.json and the constraints.json used.

  PART.json...                        the part files, in input order (also --parts PART.json...)
  --constraints FILE                  the baseline's constraints.json (a monitoring run)
  --baseline-statistics FILE          the baseline's statistics.json (with --constraints)
  --categorical-drift-method METHOD   a baseline's LInfinity (default) | ChiSquared
  --output DIR                        where to write the results
  --overwrite                         replace existing output files (otherwise refused)
  --fail-on-violations                exit with code 3 when there are violations

Exit codes: 0 done, 2 bad usage or input, 3 violations found with --fail-on-violations.
`;

async function readPart(path: string): Promise<{ part: ProfilePart; path: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`the part file ${path} does not exist.`);
    if (code === 'EISDIR') throw new UsageError(`${path} is a folder; give the part files written by "model-monitor profile".`);
    throw e;
  }
  return { part: parsePart(text, path), path };
}

async function run(args: ArgumentReader, io: CliIo): Promise<number> {
  const paths = args.list('parts');
  if (paths.length === 0) throw new UsageError('give the part files to merge: model-monitor merge PART.json... --output DIR.');
  const output = args.required('output');
  const overwrite = args.flag('overwrite');
  const constraintsPath = args.optional('constraints');
  const statisticsPath = args.optional('baseline-statistics');
  if ((constraintsPath === undefined) !== (statisticsPath === undefined)) {
    throw new UsageError('a monitoring run needs both --constraints and --baseline-statistics (a baseline needs neither).');
  }
  const parts: { part: ProfilePart; path: string }[] = [];
  for (const path of paths) parts.push(await readPart(path));

  let written: string[];
  let summary = '';
  let violationCount = 0;
  if (constraintsPath !== undefined && statisticsPath !== undefined) {
    args.forbid(['categorical-drift-method'], 'only applies to a baseline (without --constraints)');
    const constraints = await loadConstraints(constraintsPath);
    const statistics = await loadStatistics(statisticsPath);
    if (!isDataQualityConstraints(constraints) || !isDataQualityStatistics(statistics)) {
      throw new UsageError('merge is for data quality: --constraints and --baseline-statistics must be a data-quality baseline.');
    }
    written = await withOutput(output, ['statistics.json', 'constraint_violations.json', 'constraints.json'], overwrite, async (): Promise<OutputFile[]> => {
      const result = monitoringFromProfile(mergeParts(parts, constraints), { statistics, constraints });
      violationCount = result.violations.violations.length;
      summary = `Merged ${parts.length} part(s), ${result.statistics.dataset.item_count} rows: ${violationCount === 0 ? 'no violations' : `${violationCount} violation(s)`}.`;
      return [
        { name: 'statistics.json', text: toSageMakerJson(result.statistics) },
        { name: 'constraint_violations.json', text: toSageMakerJson(result.violations) },
        { name: 'constraints.json', text: toSageMakerJson(result.constraints) },
      ];
    });
  } else {
    if (args.flag('fail-on-violations')) throw new UsageError('--fail-on-violations only applies to a monitoring run (with --constraints).');
    const categoricalDriftMethod = args.oneOf('categorical-drift-method', ['LInfinity', 'ChiSquared'] as const);
    written = await withOutput(output, ['statistics.json', 'constraints.json'], overwrite, async (): Promise<OutputFile[]> => {
      const baseline = baselineFromProfile(mergeParts(parts, null), { categoricalDriftMethod });
      summary = `Merged ${parts.length} part(s) into a baseline of ${baseline.statistics.dataset.item_count} rows.`;
      return [
        { name: 'statistics.json', text: toSageMakerJson(baseline.statistics) },
        { name: 'constraints.json', text: toSageMakerJson(baseline.constraints) },
      ];
    });
  }
  io.out(`${summary} Wrote:\n${written.map((path) => `  ${path}\n`).join('')}`);
  return violationCount > 0 && args.flag('fail-on-violations') ? EXIT_VIOLATIONS : EXIT_OK;
}

const command = defineCommand({
  name: 'merge',
  help: HELP,
  options: OPTIONS,
  run,
});

/** Part files come first, without a flag: they are taken as `--parts`. */
export const mergeCommand: CliCommand = {
  ...command,
  run: (argv, io) => command.run(argv.length > 0 && !argv[0].startsWith('-') ? ['--parts', ...argv] : argv, io),
};
