/**
 * `statistics.json` of a model-quality job: the metrics of spec §4.2 for the problem type, each scalar
 * with its standard deviation, in the order SageMaker writes them.
 */
import { METRICS_KEY, type MetricValue, type ModelQualityMetrics, type ModelQualityStatistics, type ProblemType } from '../../formats/statistics';
import { areaUnderRoc, binaryCurves, rowsByScoreDescending } from './binaryCurves';
import { ConfusionMatrix } from './confusionMatrix';
import type { ClassificationObservations, Observations } from './observations';
import { regressionMetricValues } from './regressionMetrics';
import { DEFAULT_SEED, withStandardDeviations } from './resampling';
import type { RowMask } from './rowSelection';

export interface StatisticsOptions {
  /** Seed of the resampling behind the standard deviations (default 42). */
  seed?: number;
  /** `dataset.evaluation_time`; defaults to now. */
  evaluationTime?: Date;
}

export function modelQualityStatistics(problemType: ProblemType, observations: Observations, options: StatisticsOptions = {}): ModelQualityStatistics {
  const seed = options.seed ?? DEFAULT_SEED;
  let metrics: ModelQualityMetrics;
  if (observations.kind === 'regression') {
    metrics = withStandardDeviations(observations.count, seed, (mask) =>
      regressionMetricValues(observations.predictions, observations.labels, mask),
    ) as unknown as ModelQualityMetrics;
  } else if (observations.binary) {
    metrics = binaryMetrics(observations, seed);
  } else {
    metrics = multiclassMetrics(observations, seed);
  }
  return {
    version: 0.0,
    dataset: { item_count: observations.count, evaluation_time: (options.evaluationTime ?? new Date()).toISOString() },
    [METRICS_KEY[problemType]]: metrics,
  };
}

/** `{ "<actual>": { "<predicted>": count } }` over every class. */
function confusionMatrixJson(matrix: ConfusionMatrix, classes: readonly string[]): Record<string, Record<string, number>> {
  const json: Record<string, Record<string, number>> = {};
  classes.forEach((actualName, actual) => {
    const row: Record<string, number> = {};
    classes.forEach((predictedName, predicted) => (row[predictedName] = matrix.count(actual, predicted)));
    json[actualName] = row;
  });
  return json;
}

const POSITIVE = 1;

function binaryMetrics(observations: ClassificationObservations, seed: number): ModelQualityMetrics {
  const { actual, predicted, scores } = observations;
  const order = scores ? rowsByScoreDescending(scores) : undefined;
  const scalars = withStandardDeviations(observations.count, seed, (mask: RowMask) => {
    const matrix = ConfusionMatrix.of(actual, predicted, 2, mask);
    const constant = matrix.asConstantPrediction(matrix.majorityClass());
    const recall = matrix.recall(POSITIVE);
    const falsePositiveRate = matrix.falsePositiveRate(POSITIVE);
    const values = {
      recall,
      precision: matrix.precision(POSITIVE),
      accuracy: matrix.accuracy(),
      recall_best_constant_classifier: constant.recall(POSITIVE),
      precision_best_constant_classifier: constant.precision(POSITIVE),
      accuracy_best_constant_classifier: constant.accuracy(),
      true_positive_rate: recall,
      true_negative_rate: 1 - falsePositiveRate,
      false_positive_rate: falsePositiveRate,
      false_negative_rate: 1 - recall,
      auc: scores && order ? areaUnderRoc(scores, actual, order, mask) : NaN,
      f0_5: matrix.fMeasure(POSITIVE, 0.5),
      f1: matrix.fMeasure(POSITIVE, 1),
      f2: matrix.fMeasure(POSITIVE, 2),
      f0_5_best_constant_classifier: constant.fMeasure(POSITIVE, 0.5),
      f1_best_constant_classifier: constant.fMeasure(POSITIVE, 1),
      f2_best_constant_classifier: constant.fMeasure(POSITIVE, 2),
    };
    return values;
  });
  const matrix = ConfusionMatrix.of(actual, predicted, 2);
  const metrics: ModelQualityMetrics = { confusion_matrix: confusionMatrixJson(matrix, observations.classes) };
  const put = (key: keyof typeof scalars): void => {
    metrics[key] = scalars[key];
  };
  for (const key of ['recall', 'precision', 'accuracy'] as const) put(key);
  for (const key of ['recall', 'precision', 'accuracy'] as const) put(`${key}_best_constant_classifier`);
  for (const key of ['true_positive_rate', 'true_negative_rate', 'false_positive_rate', 'false_negative_rate'] as const) put(key);
  // Curves and AUC need probabilities (spec §4.2): without a probability attribute they are left out.
  if (scores && order) {
    const curves = binaryCurves(scores, actual, order);
    metrics.receiver_operating_characteristic_curve = {
      false_positive_rates: curves.falsePositiveRates,
      true_positive_rates: curves.truePositiveRates,
    };
    metrics.precision_recall_curve = { precisions: curves.precisions, recalls: curves.recalls };
    put('auc');
  }
  for (const key of ['f0_5', 'f1', 'f2'] as const) put(key);
  for (const key of ['f0_5', 'f1', 'f2'] as const) put(`${key}_best_constant_classifier`);
  return metrics;
}

function weightedScalars(matrix: ConfusionMatrix): Record<string, number> {
  return {
    accuracy: matrix.accuracy(),
    weighted_recall: matrix.weighted((label) => matrix.recall(label)),
    weighted_precision: matrix.weighted((label) => matrix.precision(label)),
    weighted_f0_5: matrix.weighted((label) => matrix.fMeasure(label, 0.5)),
    weighted_f1: matrix.weighted((label) => matrix.fMeasure(label, 1)),
    weighted_f2: matrix.weighted((label) => matrix.fMeasure(label, 2)),
  };
}

function multiclassMetrics(observations: ClassificationObservations, seed: number): ModelQualityMetrics {
  const { actual, predicted, classes } = observations;
  const scalars = withStandardDeviations(observations.count, seed, (mask: RowMask) => {
    const matrix = ConfusionMatrix.of(actual, predicted, classes.length, mask);
    const values = weightedScalars(matrix);
    const constant = weightedScalars(matrix.asConstantPrediction(matrix.majorityClass()));
    for (const [key, value] of Object.entries(constant)) values[`${key}_best_constant_classifier`] = value;
    return values;
  });
  const matrix = ConfusionMatrix.of(actual, predicted, classes.length);
  const metrics: ModelQualityMetrics = { confusion_matrix: confusionMatrixJson(matrix, classes) };
  for (const [key, value] of Object.entries(scalars) as [string, MetricValue][]) metrics[key] = value;
  return metrics;
}
