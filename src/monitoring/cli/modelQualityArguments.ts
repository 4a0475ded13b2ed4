/** The model-quality settings, named after the analyzer's own environment variables (spec §3.2). */
import { PROBLEM_TYPES, type ModelQualityConfig, type ProblemType } from '../analysis/modelQuality';
import { ArgumentReader, type OptionSpec } from './arguments';
import { UsageError } from './command';

export const ANALYSIS_TYPES = ['DATA_QUALITY', 'MODEL_QUALITY'] as const;
export type AnalysisType = (typeof ANALYSIS_TYPES)[number];

export const MODEL_QUALITY_OPTIONS: OptionSpec = {
  'analysis-type': { type: 'string' },
  'problem-type': { type: 'string' },
  'inference-attribute': { type: 'string' },
  'probability-attribute': { type: 'string' },
  'probability-threshold-attribute': { type: 'string' },
  'ground-truth-attribute': { type: 'string' },
  seed: { type: 'string' },
};

export const MODEL_QUALITY_ONLY = [
  'problem-type',
  'inference-attribute',
  'probability-attribute',
  'probability-threshold-attribute',
  'ground-truth-attribute',
  'seed',
] as const;

export const MODEL_QUALITY_HELP = `Model quality (--analysis-type MODEL_QUALITY):
  --problem-type TYPE                 Regression | BinaryClassification | MulticlassClassification
  --inference-attribute ATTR          where the prediction is: a CSV column name (with --header),
                                      a column index ("0"), or a JSON key / JSONPath ($.a.b[0])
  --probability-attribute ATTR        where the positive-class probability is (ROC, PR, AUC)
  --probability-threshold-attribute X probabilities above X are predicted as 1 (binary)
  --seed N                            seed of the resampling behind standard deviations (default 42)`;

export function modelQualityConfig(args: ArgumentReader, purpose: 'baseline' | 'monitoring', problemTypeFallback?: ProblemType): ModelQualityConfig {
  const problemType = args.oneOf('problem-type', PROBLEM_TYPES, problemTypeFallback);
  if (problemType === undefined) throw new UsageError(`--problem-type is required for MODEL_QUALITY (${PROBLEM_TYPES.join(', ')}).`);
  return {
    problemType,
    inferenceAttribute: args.required('inference-attribute', ' for MODEL_QUALITY'),
    probabilityAttribute: args.optional('probability-attribute'),
    probabilityThresholdAttribute: args.number('probability-threshold-attribute'),
    groundTruthAttribute: purpose === 'baseline' ? args.required('ground-truth-attribute', ' for a MODEL_QUALITY baseline') : undefined,
  };
}

export function seedOf(args: ArgumentReader): number | undefined {
  const seed = args.number('seed');
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not ${seed}.`);
  return seed;
}
