/**
 * Metric arithmetic against SageMaker's documented example outputs (docs page "Model quality metrics and
 * Amazon CloudWatch monitoring"), whose inputs follow from their confusion matrices.
 */
import assert from 'node:assert/strict';
import { suggestModelQualityBaseline, type ProblemType } from '../../../../src/monitoring/analysis/modelQuality';
import type { MetricValue } from '../../../../src/monitoring/formats/statistics';
import { pairsCsv, tempDir, writeLines } from './support';

const dir = tempDir();

/** The documented matrix {"0":{"0":1180,"1":510},"1":{"0":268,"1":138}} (outer = actual) as (prediction, label, count). */
const DOCUMENTED_PAIRS: [string, string, number][] = [
  ['0', '0', 1180],
  ['1', '0', 510],
  ['0', '1', 268],
  ['1', '1', 138],
];

/** The baseline of a CSV whose header is `prediction,label`. */
function baselineOf(path: string, problemType: ProblemType) {
  return suggestModelQualityBaseline({ kind: 'csv', path, header: true }, { problemType, inferenceAttribute: 'prediction', groundTruthAttribute: 'label' });
}

describe('model quality metrics', () => {
  it('multiclass: accuracy and support-weighted metrics match the documented example to the last digit', async () => {
    const { statistics, constraints } = await baselineOf(pairsCsv(dir, 'multiclass.csv', DOCUMENTED_PAIRS), 'MulticlassClassification');
    const m = statistics.multiclass_classification_metrics as Record<string, MetricValue>;
    assert.deepEqual(m.confusion_matrix, { '0': { '0': 1180, '1': 510 }, '1': { '0': 268, '1': 138 } });
    assert.equal(m.accuracy.value, 0.6288167938931297);
    assert.equal(m.weighted_recall.value, 0.6288167938931297);
    assert.equal(m.weighted_precision.value, 0.6983172269629505);
    assert.equal(m.weighted_f0_5.value, 0.6803947317178771);
    assert.equal(m.weighted_f1.value, 0.6571162346664904);
    assert.equal(m.weighted_f2.value, 0.6384024354394601);
    // The best constant classifier predicts the majority class "0" (1690 of 2096 rows).
    assert.equal(m.accuracy_best_constant_classifier.value, 1690 / 2096);
    assert.equal(m.weighted_precision_best_constant_classifier.value, (1690 / 2096) * (1690 / 2096));
    assert.deepEqual(Object.keys(m), [
      'confusion_matrix',
      'accuracy',
      'weighted_recall',
      'weighted_precision',
      'weighted_f0_5',
      'weighted_f1',
      'weighted_f2',
      'accuracy_best_constant_classifier',
      'weighted_recall_best_constant_classifier',
      'weighted_precision_best_constant_classifier',
      'weighted_f0_5_best_constant_classifier',
      'weighted_f1_best_constant_classifier',
      'weighted_f2_best_constant_classifier',
    ]);
    assert.deepEqual(Object.keys(constraints.multiclass_classification_constraints ?? {}), [
      'accuracy',
      'weighted_recall',
      'weighted_precision',
      'weighted_f0_5',
      'weighted_f1',
      'weighted_f2',
    ]);
  });

  it('multiclass: string and numeric labels name the matrix in label order; "2.0" and "2" are one class', async () => {
    const path = pairsCsv(dir, 'three.csv', [
      ['2.0', '2', 2],
      ['10', '2', 1],
      ['1', '10', 1],
    ]);
    const { statistics } = await baselineOf(path, 'MulticlassClassification');
    const m = statistics.multiclass_classification_metrics as Record<string, unknown>;
    assert.deepEqual(m.confusion_matrix, {
      '1': { '1': 0, '2': 0, '10': 0 },
      '2': { '1': 0, '2': 2, '10': 1 },
      '10': { '1': 1, '2': 0, '10': 0 },
    });
  });

  it('regression: mae, mse, rmse and r2 match the documented example (0/1 labels, 778 errors in 2096)', async () => {
    const { statistics, constraints } = await baselineOf(pairsCsv(dir, 'regression.csv', DOCUMENTED_PAIRS), 'Regression');
    const m = statistics.regression_metrics as Record<string, MetricValue>;
    assert.equal(m.mae.value, 0.3711832061068702);
    assert.equal(m.mse.value, 0.3711832061068702);
    assert.equal(m.rmse.value, 0.609248066149471);
    assert.equal(m.r2.value, -1.3766111872212665);
    assert.deepEqual(constraints, {
      version: 0,
      regression_constraints: {
        mae: { threshold: 0.3711832061068702, comparison_operator: 'GreaterThanThreshold' },
        mse: { threshold: 0.3711832061068702, comparison_operator: 'GreaterThanThreshold' },
        rmse: { threshold: 0.609248066149471, comparison_operator: 'GreaterThanThreshold' },
        r2: { threshold: -1.3766111872212665, comparison_operator: 'LessThanThreshold' },
      },
    });
  });

  it('regression: r2 is 1 − SSerr/SStot on real-valued data', async () => {
    const path = writeLines(dir, 'real.csv', ['prediction,label', '2.5,3', '0.0,-0.5', '2,2', '8,7']);
    const { statistics } = await baselineOf(path, 'Regression');
    const m = statistics.regression_metrics as Record<string, MetricValue>;
    assert.equal(m.mae.value, 0.5);
    // Spark squares the L2 norm back: (√1.5)² / 4, one ulp below 0.375, as the analyzer prints it.
    assert.equal(m.mse.value, 0.37499999999999994);
    assert.ok(Math.abs(m.r2.value - 0.9486081370449679) < 1e-15);
    assert.equal(m.r2.standard_deviation, 'NaN'); // fewer than 200 rows
  });

  it('binary: the documented example (1 TP, 2 FP, 1 TN) gives its recall, precision, rates and F-scores', async () => {
    const path = pairsCsv(dir, 'binary.csv', [
      ['0', '0', 1],
      ['1', '0', 2],
      ['1', '1', 1],
    ]);
    const { statistics } = await baselineOf(path, 'BinaryClassification');
    const m = statistics.binary_classification_metrics as Record<string, MetricValue>;
    assert.deepEqual(m.confusion_matrix, { '0': { '0': 1, '1': 2 }, '1': { '0': 0, '1': 1 } });
    assert.equal(m.recall.value, 1.0);
    assert.equal(m.precision.value, 0.3333333333333333);
    assert.equal(m.accuracy.value, 0.5);
    assert.equal(m.true_negative_rate.value, 0.33333333333333337); // 1 − FPR, as documented
    assert.equal(m.false_positive_rate.value, 0.6666666666666666);
    assert.equal(m.f0_5.value, 0.3846153846153846);
    assert.equal(m.f2.value, 0.7142857142857143);
    assert.equal(m.recall.standard_deviation, 'NaN');
    // Without a probability attribute there is no ROC/PR curve and no AUC.
    assert.equal(m.auc, undefined);
    assert.equal(m.receiver_operating_characteristic_curve, undefined);
  });

  it('binary: a probability threshold turns probabilities into labels (above the threshold = 1)', async () => {
    const path = writeLines(dir, 'probabilities.csv', ['0.9,1', '0.5,0', '0.2,0', '0.7,0']);
    const { statistics } = await suggestModelQualityBaseline(
      { kind: 'csv', path, header: false },
      { problemType: 'BinaryClassification', inferenceAttribute: '0', probabilityAttribute: '0', probabilityThresholdAttribute: 0.5, groundTruthAttribute: '1' },
    );
    const m = statistics.binary_classification_metrics as Record<string, MetricValue>;
    assert.deepEqual(m.confusion_matrix, { '0': { '0': 2, '1': 1 }, '1': { '0': 0, '1': 1 } });
    assert.equal(m.auc.value, 1);
  });
});
