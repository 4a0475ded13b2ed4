/**
 * Model quality, as SageMaker's built-in analyzer computes it (spec §4): a baseline job turns a dataset
 * of predictions and labels into `statistics.json` and suggested `constraints.json`; a monitoring job
 * merges captured predictions with ground truth, computes the same statistics and checks them against
 * the constraints, giving `constraint_violations.json`.
 */
import { MonitoringError } from '../../errors';
import { CONSTRAINTS_KEY, type ModelQualityConstraints } from '../../formats/constraints';
import type { ModelQualityStatistics } from '../../formats/statistics';
import type { ConstraintViolations } from '../../formats/violations';
import { readBaselineDataset, type BaselineDatasetInput } from './baselineDataset';
import { mergeCapturesWithGroundTruth, type CaptureInput, type GroundTruthInput, type MergeSummary } from './captureMerge';
import { validateModelQualityConfig, type ModelQualityConfig } from './config';
import { totalSize, type ByteSource } from './lineReader';
import { modelQualityStatistics } from './modelQualityStatistics';
import { ObservationCollector } from './observations';
import { checkModelQualityConstraints } from './checkConstraints';
import { suggestModelQualityConstraints } from './suggestConstraints';

export type { ModelQualityConfig, ProblemType } from './config';
export { PROBLEM_TYPES } from './config';
export type { BaselineDatasetInput } from './baselineDataset';
export type { CaptureInput, GroundTruthInput, MergeSummary } from './captureMerge';
export type { ByteSource } from './lineReader';
export { suggestModelQualityConstraints } from './suggestConstraints';
export { checkModelQualityConstraints, camelCaseMetricName } from './checkConstraints';

export interface ModelQualityOptions {
  /** Seed of the resampling behind the standard deviations; the same seed gives the same output. */
  seed?: number;
  /** `dataset.evaluation_time` (default: now). */
  evaluationTime?: Date;
  /** Called as input is read: bytes read so far and the total size of the input files. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Where the capture and ground-truth paths are read from (default: local files; S3 URIs through an object store). */
  source?: ByteSource;
}

function progressCounter(totalBytes: number, onProgress?: (bytesRead: number, totalBytes: number) => void): ((bytes: number) => void) | undefined {
  if (!onProgress) return undefined;
  let read = 0;
  return (bytes) => {
    read += bytes;
    onProgress(read, totalBytes);
  };
}

export async function suggestModelQualityBaseline(
  input: BaselineDatasetInput,
  config: ModelQualityConfig,
  options: ModelQualityOptions = {},
): Promise<{ statistics: ModelQualityStatistics; constraints: ModelQualityConstraints }> {
  validateModelQualityConfig(config, 'baseline');
  const collector = new ObservationCollector(config);
  const total = await totalSize([input.path]);
  await readBaselineDataset(input, config, collector, progressCounter(total, options.onProgress));
  if (collector.count === 0) throw new MonitoringError('BadData', `${input.path}: the baseline dataset has no rows.`, { resource: input.path });
  const statistics = modelQualityStatistics(config.problemType, collector.finish(), options);
  return { statistics, constraints: suggestModelQualityConstraints(statistics, config.problemType) };
}

export async function runModelQualityMonitoring(
  captures: CaptureInput,
  groundTruth: GroundTruthInput,
  config: ModelQualityConfig,
  constraints: ModelQualityConstraints,
  options: ModelQualityOptions = {},
): Promise<{ statistics: ModelQualityStatistics; violations: ConstraintViolations; merge: MergeSummary }> {
  validateModelQualityConfig(config, 'monitoring');
  const section = CONSTRAINTS_KEY[config.problemType];
  if (constraints[section] === undefined) {
    const present = Object.values(CONSTRAINTS_KEY).filter((key) => constraints[key] !== undefined);
    throw new MonitoringError(
      'Validation',
      `The constraints have no "${section}" for problem type ${config.problemType}` +
        (present.length > 0 ? ` (they have ${present.join(', ')}: a baseline of another problem type?).` : '.'),
    );
  }
  const collector = new ObservationCollector(config);
  const total = await totalSize([...groundTruth.paths, ...captures.paths], options.source);
  const merge = await mergeCapturesWithGroundTruth(captures, groundTruth, config, collector, progressCounter(total, options.onProgress), options.source);
  const statistics = modelQualityStatistics(config.problemType, collector.finish(), options);
  return { statistics, violations: checkModelQualityConstraints(statistics, constraints, config.problemType), merge };
}
