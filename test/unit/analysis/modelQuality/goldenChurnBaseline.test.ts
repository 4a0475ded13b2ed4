/**
 * The churn notebook's model-quality baseline (golden case ase-model-quality-churn, 2021-05 container):
 * every metric the notebook displayed (6 significant digits), the curves' displayed beginnings, the
 * suggested constraints, and the full-precision thresholds that appear in its violation texts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggestModelQualityBaseline } from '../../../../src/monitoring/analysis/modelQuality';
import type { MetricValue } from '../../../../src/monitoring/formats/statistics';
import { GOLDEN } from './support';

const CASE = join(GOLDEN, 'ase-model-quality-churn');
const displayed = JSON.parse(readFileSync(join(CASE, 'notebook_outputs_displayed.json'), 'utf8'))['run_2021-05-18'] as {
  baseline_statistics_displayed: Record<string, string>;
  baseline_constraints_displayed: Record<string, { threshold: string; comparison_operator: string }>;
};

/** pandas' display: 6 significant digits, trailing zeros dropped. */
function sixDigits(x: number): string {
  return String(Number(x.toPrecision(6)));
}

async function baseline() {
  return suggestModelQualityBaseline(
    { kind: 'csv', path: join(CASE, 'validation_with_predictions.csv'), header: true },
    { problemType: 'BinaryClassification', inferenceAttribute: 'prediction', probabilityAttribute: 'probability', groundTruthAttribute: 'label' },
    { seed: 7, evaluationTime: new Date('2021-05-18T00:22:00Z') },
  );
}

describe('model quality baseline: churn golden case (BinaryClassification, 201 rows)', () => {
  it('reproduces every displayed metric value and the confusion matrix', async () => {
    const { statistics } = await baseline();
    const metrics = statistics.binary_classification_metrics as Record<string, MetricValue & Record<string, unknown>>;
    assert.equal(statistics.dataset?.item_count, 201);
    let compared = 0;
    for (const [key, shown] of Object.entries(displayed.baseline_statistics_displayed)) {
      const [metric, field, inner] = key.split('.');
      if (metric === 'confusion_matrix') {
        assert.equal(String((metrics.confusion_matrix as unknown as Record<string, Record<string, number>>)[field][inner]), shown, key);
      } else if (field === 'value') {
        assert.equal(sixDigits(metrics[metric].value), shown, key);
      } else {
        continue; // standard deviations are random in SageMaker; curves are checked below
      }
      compared++;
    }
    assert.equal(compared, 4 + 17);
  });

  it('uses the majority class as the best constant classifier (recall 0, precision 0, accuracy 173/201)', async () => {
    const metrics = (await baseline()).statistics.binary_classification_metrics as Record<string, MetricValue>;
    assert.equal(metrics.recall_best_constant_classifier.value, 0);
    assert.equal(metrics.precision_best_constant_classifier.value, 0);
    assert.equal(metrics.accuracy_best_constant_classifier.value, 173 / 201);
    assert.equal(metrics.f2_best_constant_classifier.value, 0);
  });

  it('gives the AUC and the thresholds bit-exact as the violation texts print them', async () => {
    const { statistics, constraints } = await baseline();
    const metrics = statistics.binary_classification_metrics as Record<string, MetricValue>;
    assert.equal(metrics.auc.value, 0.9395127993393898);
    const thresholds = constraints.binary_classification_constraints ?? {};
    assert.equal(thresholds.auc.threshold, 0.9395127993393898);
    assert.equal(thresholds.accuracy.threshold, 0.9402985074626866);
    assert.equal(thresholds.recall.threshold, 0.5714285714285714);
    assert.equal(thresholds.f1.threshold, 0.7272727272727273);
    // 1 − TPR, not FN / P (which would be 0.42857142857142855)
    assert.equal(thresholds.false_negative_rate.threshold, 0.4285714285714286);
  });

  it('builds the ROC and PR curves point by point from distinct scores', async () => {
    const metrics = (await baseline()).statistics.binary_classification_metrics as Record<string, Record<string, number[]>>;
    const roc = metrics.receiver_operating_characteristic_curve;
    const pr = metrics.precision_recall_curve;
    assert.deepEqual(roc.true_positive_rates.slice(0, 3), [0.0, 0.03571428571428571, 0.07142857142857142]);
    assert.deepEqual(roc.false_positive_rates.slice(0, 9), Array(9).fill(0));
    assert.deepEqual(pr.precisions.slice(0, 9), Array(9).fill(1));
    assert.deepEqual(pr.recalls.slice(0, 3), [0.0, 0.03571428571428571, 0.07142857142857142]);
    // 201 distinct scores, framed by (0,0) and (1,1); the PR curve gains a recall-0 point.
    assert.equal(roc.false_positive_rates.length, 203);
    assert.deepEqual([roc.false_positive_rates.at(-1), roc.true_positive_rates.at(-1)], [1, 1]);
    assert.equal(pr.recalls.length, 202);
  });

  it('suggests the displayed constraints: same metrics, order, operators and thresholds', async () => {
    const { constraints } = await baseline();
    const suggested = constraints.binary_classification_constraints ?? {};
    assert.deepEqual(Object.keys(suggested), Object.keys(displayed.baseline_constraints_displayed));
    for (const [metric, shown] of Object.entries(displayed.baseline_constraints_displayed)) {
      assert.equal(suggested[metric].comparison_operator, shown.comparison_operator, metric);
      assert.equal(sixDigits(suggested[metric].threshold), shown.threshold, metric);
    }
  });

  it('reports standard deviations (201 ≥ 200 rows), the same for the same seed', async () => {
    const first = (await baseline()).statistics.binary_classification_metrics as Record<string, MetricValue>;
    const second = (await baseline()).statistics.binary_classification_metrics as Record<string, MetricValue>;
    assert.equal(typeof first.recall.standard_deviation, 'number');
    assert.ok((first.recall.standard_deviation as number) > 0);
    assert.equal(first.precision.standard_deviation, 0); // precision is 1 in every resample
    assert.deepEqual(first, second);
  });
});
