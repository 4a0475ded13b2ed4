/** What a model-quality job is told about its problem and where predictions and labels live (spec §3.2, §4.1). */
import { MonitoringError } from '../../errors';
import type { ProblemType } from '../../formats/statistics';

export type { ProblemType };

export interface ModelQualityConfig {
  problemType: ProblemType;
  /** Column name (CSV with header), index ("0"), JSON key or JSONPath of the predicted label or value. */
  inferenceAttribute: string;
  /** Where the positive-class probability is; it feeds the ROC/PR curves and AUC of binary problems. */
  probabilityAttribute?: string;
  /** Turns a probability into the label 1 when it is above this threshold (binary problems). */
  probabilityThresholdAttribute?: number;
  /** Where the actual label is in a baseline dataset (monitoring takes it from ground-truth records). */
  groundTruthAttribute?: string;
}

export const PROBLEM_TYPES: readonly ProblemType[] = ['Regression', 'BinaryClassification', 'MulticlassClassification'];

/** Rejects a configuration the analyzer could not run with, saying which setting is wrong. */
export function validateModelQualityConfig(config: ModelQualityConfig, purpose: 'baseline' | 'monitoring'): void {
  const fail = (message: string): never => {
    throw new MonitoringError('Validation', `Model-quality ${purpose}: ${message}`);
  };
  if (!PROBLEM_TYPES.includes(config.problemType)) {
    fail(`problem type ${JSON.stringify(config.problemType)} is not one of ${PROBLEM_TYPES.join(', ')}.`);
  }
  if (!config.inferenceAttribute?.trim()) fail('the inference attribute (where the prediction is) is required.');
  if (config.probabilityAttribute !== undefined && !config.probabilityAttribute.trim()) {
    fail('the probability attribute is empty; leave it out or name the column.');
  }
  const threshold = config.probabilityThresholdAttribute;
  if (threshold !== undefined) {
    if (!Number.isFinite(threshold)) fail(`the probability threshold ${threshold} is not a finite number.`);
    if (config.problemType !== 'BinaryClassification') fail('a probability threshold only applies to BinaryClassification.');
  }
  if (purpose === 'baseline' && !config.groundTruthAttribute?.trim()) {
    fail('the ground truth attribute (where the actual label is in the dataset) is required.');
  }
}
