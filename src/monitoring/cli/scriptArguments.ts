/**
 * The flags of SageMaker's user scripts (`record_preprocessor_script`, `post_analytics_processor_script`)
 * for data-quality commands, and running the post-analytics processor once the results are written.
 */
import { existsSync } from 'node:fs';
import { runPostAnalyticsProcessor } from '../analysis/pythonScripts';
import type { AnalysisOptions } from '../analysis/dataQuality';
import type { ArgumentReader } from './arguments';
import { UsageError, type CliIo } from './command';

export const SCRIPT_OPTIONS = {
  'record-preprocessor-script': { type: 'string' },
  'post-analytics-processor-script': { type: 'string' },
  python: { type: 'string' },
} as const;

export const SCRIPT_HELP = `  --record-preprocessor-script FILE   a Python file defining preprocess_handler(inference_record), as on
                                      SageMaker: its dicts are the rows analysed (captures only)
  --post-analytics-processor-script FILE
                                      a Python file defining postprocess_handler(), run after the results
                                      are written (env output_path = the output folder)
  --python FILE                       the interpreter for the scripts (default: $MODEL_MONITOR_PYTHON, else python3)
`;

function scriptPath(args: ArgumentReader, name: string): string | undefined {
  const path = args.optional(name);
  if (path !== undefined && !existsSync(path)) throw new UsageError(`--${name}: ${path} does not exist.`);
  return path;
}

/** The analysis options for the preprocessor; its output is shown on stderr. */
export function scriptOptions(args: ArgumentReader, io: CliIo, captures: boolean): Pick<AnalysisOptions, 'recordPreprocessorScript' | 'python' | 'onScriptLog'> {
  const recordPreprocessorScript = scriptPath(args, 'record-preprocessor-script');
  scriptPath(args, 'post-analytics-processor-script');
  if (recordPreprocessorScript !== undefined && !captures) throw new UsageError('--record-preprocessor-script reads captured records: use it with --captures.');
  return { recordPreprocessorScript, python: args.optional('python'), onScriptLog: (text) => io.err(text) };
}

/** Runs the post-analytics processor, if one was given, on the folder the results are in. */
export async function runPostProcessor(args: ArgumentReader, io: CliIo, output: string): Promise<void> {
  const script = args.optional('post-analytics-processor-script');
  if (script === undefined) return;
  await runPostAnalyticsProcessor(script, output, { python: args.optional('python'), onLog: (text) => io.err(text) });
}
