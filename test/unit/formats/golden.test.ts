import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDataQualityConstraints, parseConstraints, serializeConstraints, type DataQualityConstraints } from '../../../src/monitoring/formats/constraints';
import { FormatError } from '../../../src/monitoring/formats/formatError';
import {
  isDataQualityStatistics,
  parseStatistics,
  serializeStatistics,
  type DataQualityStatistics,
  type ModelQualityStatistics,
} from '../../../src/monitoring/formats/statistics';
import { parseViolations, serializeViolations } from '../../../src/monitoring/formats/violations';
import { GOLDEN_DIR } from '../support/fixtures';

/** Real files written by SageMaker's analyzer (test/fixtures/golden/README.md). */
const GOLDEN = GOLDEN_DIR;
const read = (path: string) => readFileSync(join(GOLDEN, path), 'utf8');

/** Files kept verbatim as the analyzer (Jackson) wrote them: our writer must reproduce them byte for byte. */
const VERBATIM = {
  statistics: ['packt-sagemaker-cookbook-ch07/baseline_statistics.json'],
  constraints: ['packt-sagemaker-cookbook-ch07/baseline_constraints.json'],
  violations: ['packt-sagemaker-cookbook-ch07/monitoring_constraint_violations.json'],
};

describe('real SageMaker files (golden)', () => {
  describe('statistics.json', () => {
    it('reads the data-quality baseline and rewrites it byte for byte as the analyzer wrote it', () => {
      for (const path of VERBATIM.statistics) {
        const text = read(path);
        const statistics = parseStatistics(text, path);
        assert.ok(isDataQualityStatistics(statistics));
        assert.equal(statistics.dataset.item_count, 600);
        assert.equal(statistics.features.length, 7);
        const approved = statistics.features[0];
        assert.equal(approved.name, 'approved');
        assert.equal(approved.numerical_statistics?.sum, 479);
        assert.equal(approved.numerical_statistics?.distribution?.kll.sketch.data[0].length, 600);
        assert.equal(serializeStatistics(statistics), text);
      }
    });

    it('reads the monitoring-run statistics (re-indented by a notebook) with every value intact', () => {
      const path = 'packt-sagemaker-cookbook-ch07/monitoring_statistics.json';
      const text = read(path);
      const statistics = parseStatistics(text, path) as DataQualityStatistics;
      assert.equal(statistics.dataset.item_count, 4);
      assert.equal(statistics.features[0].numerical_statistics?.max, 0.9916712045669556);
      assert.deepStrictEqual(JSON.parse(serializeStatistics(statistics)), JSON.parse(text));
    });

    it('reads the model-quality regression statistics, with evaluation_time', () => {
      const path = 'sdk-tests-model-card-model-quality/model_monitor_model_quality_regression.json';
      const text = read(path);
      const statistics = parseStatistics(text, path) as ModelQualityStatistics;
      assert.ok(!isDataQualityStatistics(statistics));
      assert.equal(statistics.dataset?.evaluation_time, '2023-03-30T21:08:34.729Z');
      assert.deepStrictEqual(statistics.regression_metrics?.r2, { value: 0.23671182319828743, standard_deviation: 0.02946664105374692 });
      // The fixture lacks only the final newline the analyzer's output has.
      assert.equal(serializeStatistics(statistics), `${text}\n`);
    });

    it('reads the hand-edited binary-classification statistics ("NaN" deviations, curves, no dataset)', () => {
      const path = 'sdk-tests-model-card-model-quality/model_monitor_model_quality_binary_classification.json';
      const text = read(path);
      const statistics = parseStatistics(text, path) as ModelQualityStatistics;
      const metrics = statistics.binary_classification_metrics;
      assert.ok(metrics);
      assert.deepStrictEqual(metrics.accuracy, { standard_deviation: 'NaN', value: 0.5 });
      assert.deepStrictEqual(metrics.confusion_matrix, { '0': { '0': 1, '1': 2 }, '1': { '0': 0, '1': 1 } });
      assert.equal(statistics.dataset, undefined);
      assert.deepStrictEqual(JSON.parse(serializeStatistics(statistics)), JSON.parse(text));
    });

    it('rejects the log-truncated churn statistics at the first cut sketch, naming the field', () => {
      const path = 'ase-intro-churn-data-quality/statistics.partial.json';
      assert.throws(
        () => parseStatistics(read(path), path),
        (e: unknown) =>
          e instanceof FormatError &&
          e.file === path &&
          e.field === 'features[29].numerical_statistics.distribution.kll.sketch.data' &&
          /must be an array, found the string "__TRUNCATED_IN_LOG__"/.test(e.message),
      );
    });

    it('reads the 29 intact features of the truncated churn statistics', () => {
      const path = 'ase-intro-churn-data-quality/statistics.partial.json';
      const document = JSON.parse(read(path)) as DataQualityStatistics;
      document.features = document.features.slice(0, 29);
      const statistics = parseStatistics(JSON.stringify(document), path) as DataQualityStatistics;
      assert.equal(statistics.dataset.item_count, 2333);
      assert.equal(statistics.features[0].name, 'Churn');
      assert.equal(statistics.features[0].numerical_statistics?.distribution?.kll.sketch.data.length, 2);
    });
  });

  describe('constraints.json', () => {
    it('reads the baseline constraints and rewrites them byte for byte', () => {
      for (const path of VERBATIM.constraints) {
        const text = read(path);
        const constraints = parseConstraints(text, path);
        assert.ok(isDataQualityConstraints(constraints));
        assert.equal(constraints.monitoring_config?.distribution_constraints?.comparison_method, 'Robust');
        assert.equal(serializeConstraints(constraints), text);
      }
    });

    it('reads the churn (70 features) and edited cookbook constraints', () => {
      for (const [path, features] of [
        ['ase-intro-churn-data-quality/constraints.json', 70],
        ['packt-sagemaker-cookbook-ch07/monitoring_constraints_used.json', 7],
      ] as const) {
        const text = read(path);
        const constraints = parseConstraints(text, path) as DataQualityConstraints;
        assert.equal(constraints.features.length, features);
        assert.deepStrictEqual(JSON.parse(serializeConstraints(constraints)), JSON.parse(text));
      }
      const edited = parseConstraints(read('packt-sagemaker-cookbook-ch07/monitoring_constraints_used.json'), 'x') as DataQualityConstraints;
      assert.equal(edited.features[0].inferred_type, 'Fractional');
    });
  });

  describe('constraint_violations.json', () => {
    it('reads the monitoring violations and rewrites them byte for byte', () => {
      for (const path of VERBATIM.violations) {
        const text = read(path);
        const violations = parseViolations(text, path);
        assert.deepStrictEqual(
          violations.violations.map((v) => [v.feature_name, v.constraint_check_type]),
          [['science', 'data_type_check']],
        );
        assert.equal(serializeViolations(violations), text);
      }
    });

    it('reads every violation entry collected from real runs (data and model quality)', () => {
      const corpus = JSON.parse(read('violation-descriptions-corpus/violations_by_check_type.json')) as Record<string, unknown[]>;
      const runs = JSON.parse(read('ase-intro-churn-data-quality/monitoring_violations_head10_by_run.json')) as Record<string, { violations_head10: unknown[] }>;
      const groups = [...Object.values(corpus), ...Object.values(runs).map((r) => r.violations_head10)];
      let entries = 0;
      for (const group of groups) {
        const document = JSON.stringify({ violations: group });
        const violations = parseViolations(document, 'corpus');
        // Their extra keys (source, run_date) are kept on rewrite.
        assert.deepStrictEqual(JSON.parse(serializeViolations(violations)), JSON.parse(document));
        entries += violations.violations.length;
      }
      assert.ok(entries > 40, `only ${entries} entries`);
      const modelQuality = parseViolations(JSON.stringify({ violations: corpus.LessThanThreshold }), 'corpus').violations[0];
      assert.equal(modelQuality.feature_name, undefined);
      assert.equal(typeof modelQuality.metric_name, 'string');
    });
  });
});
