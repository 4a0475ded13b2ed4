/**
 * Violation entries against real analyzer output (the churn notebook's monitoring runs and the
 * idea-to-production notebook's small runs, in golden/violation-descriptions-corpus).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkModelQualityConstraints } from '../../../../src/monitoring/analysis/modelQuality';
import type { ModelQualityConstraints } from '../../../../src/monitoring/formats/constraints';
import type { MetricValue, ModelQualityStatistics } from '../../../../src/monitoring/formats/statistics';
import { GOLDEN } from './support';

const churn = JSON.parse(readFileSync(join(GOLDEN, 'ase-model-quality-churn/notebook_outputs_displayed.json'), 'utf8'))['run_2021-05-18'];

/** The churn baseline's constraints at full precision (as the violation texts print the thresholds). */
const CHURN_CONSTRAINTS: ModelQualityConstraints = {
  version: 0,
  binary_classification_constraints: {
    recall: { threshold: 0.5714285714285714, comparison_operator: 'LessThanThreshold' },
    precision: { threshold: 1.0, comparison_operator: 'LessThanThreshold' },
    accuracy: { threshold: 0.9402985074626866, comparison_operator: 'LessThanThreshold' },
    true_positive_rate: { threshold: 0.5714285714285714, comparison_operator: 'LessThanThreshold' },
    true_negative_rate: { threshold: 1.0, comparison_operator: 'LessThanThreshold' },
    false_positive_rate: { threshold: 0.0, comparison_operator: 'GreaterThanThreshold' },
    false_negative_rate: { threshold: 0.4285714285714286, comparison_operator: 'GreaterThanThreshold' },
    auc: { threshold: 0.9395127993393898, comparison_operator: 'LessThanThreshold' },
    f0_5: { threshold: 0.8695652173913042, comparison_operator: 'LessThanThreshold' },
    f1: { threshold: 0.7272727272727273, comparison_operator: 'LessThanThreshold' },
    f2: { threshold: 0.625, comparison_operator: 'LessThanThreshold' },
  },
};

const metric = (value: number, standard_deviation: number | 'NaN'): MetricValue => ({ value, standard_deviation });

describe('model quality violations', () => {
  it('reproduces the churn monitoring run: texts, camelCase names, numbers and order', () => {
    // The run's metric values and standard deviations, read off its violation texts.
    const statistics: ModelQualityStatistics = {
      version: 0,
      dataset: { item_count: 1892 },
      binary_classification_metrics: {
        auc: metric(0.5127590160341251, 0.007142408259978924),
        precision: metric(0.6933333333333334, 0.008913499334568326),
        true_positive_rate: metric(0.11353711790393013, 0.002574434249783218),
        f1: metric(0.19512195121951217, 0.003988472303075431),
        accuracy: metric(0.31976744186046513, 0.00424371790418494),
        false_positive_rate: metric(0.13320463320463322, 0.003088585432650178),
        true_negative_rate: metric(0.8667953667953667, 0.003088585432650151),
        false_negative_rate: metric(0.8864628820960698, 0.002574434249783216),
        recall: metric(0.11353711790393013, 0.002574434249783218),
        f2: metric(0.13633980073413737, 0.0030045699484029633),
        // far below its threshold, yet SageMaker never reports f0_5
        f0_5: metric(0.33, 0.004),
      },
    };
    const { violations } = checkModelQualityConstraints(statistics, CHURN_CONSTRAINTS, 'BinaryClassification');
    assert.deepEqual(violations, churn.monitoring_violations_head10);
  });

  it('prints standard deviations in Java notation (5.09…E-4)', () => {
    const statistics: ModelQualityStatistics = {
      binary_classification_metrics: { true_positive_rate: metric(0.11532625189681335, 5.092682820403929e-4) },
    };
    const { violations } = checkModelQualityConstraints(statistics, CHURN_CONSTRAINTS, 'BinaryClassification');
    assert.equal(
      violations[0].description,
      "Metric truePositiveRate with 0.11532625189681335 +/- 5.092682820403929E-4 was LessThanThreshold '0.5714285714285714'",
    );
  });

  it('leaves out "+/- std" below 200 rows, as in the 2023–2025 runs', () => {
    const constraints: ModelQualityConstraints = {
      version: 0,
      binary_classification_constraints: {
        precision: { threshold: 0.6934306569343066, comparison_operator: 'LessThanThreshold' },
        accuracy: { threshold: 0.8956057295460063, comparison_operator: 'LessThanThreshold' },
        recall: { threshold: 0.1, comparison_operator: 'LessThanThreshold' },
      },
    };
    const statistics: ModelQualityStatistics = {
      binary_classification_metrics: { precision: metric(0.5, 'NaN'), accuracy: metric(0.52, 'NaN'), recall: metric(0.5, 'NaN') },
    };
    assert.deepEqual(checkModelQualityConstraints(statistics, constraints, 'BinaryClassification').violations, [
      { constraint_check_type: 'LessThanThreshold', description: "Metric precision with 0.5 was LessThanThreshold '0.6934306569343066'", metric_name: 'precision' },
      { constraint_check_type: 'LessThanThreshold', description: "Metric accuracy with 0.52 was LessThanThreshold '0.8956057295460063'", metric_name: 'accuracy' },
    ]);
  });

  it('GreaterThanThreshold violates only above the threshold; a metric equal to it passes', () => {
    const constraints: ModelQualityConstraints = {
      version: 0,
      regression_constraints: {
        mae: { threshold: 1, comparison_operator: 'GreaterThanThreshold' },
        mse: { threshold: 1, comparison_operator: 'GreaterThanThreshold' },
        r2: { threshold: 0.5, comparison_operator: 'LessThanThreshold' },
      },
    };
    const statistics: ModelQualityStatistics = {
      regression_metrics: { mae: metric(1.5, 'NaN'), mse: metric(1, 'NaN'), r2: metric(0.5, 'NaN') },
    };
    const { violations } = checkModelQualityConstraints(statistics, constraints, 'Regression');
    assert.deepEqual(violations.map((v) => v.metric_name), ['mae']);
    assert.equal(violations[0].description, "Metric mae with 1.5 was GreaterThanThreshold '1.0'");
  });
});
