/**
 * The monitoring run's checks: every monitoring_config setting changes what a user sees in
 * constraint_violations.json, with SageMaker's exact wording.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDataQualityMonitoring, suggestDataQualityBaseline, type DataQualityBaseline } from '../../../../src/monitoring/analysis/dataQuality';
import type { Violation } from '../../../../src/monitoring/formats/violations';
import { captureLine } from './captureFixtures';

describe('data quality analyzer: checks and monitoring_config', function () {
  this.timeout(20000);
  let dir: string;
  let baseline: DataQualityBaseline;
  let fileCount = 0;
  const captures = (rows: [output: string, input: string][]): string => {
    const path = join(dir, `capture-${fileCount++}.jsonl`);
    writeFileSync(path, rows.map(([output, input], i) => captureLine(input, output, '2024-01-01T00:00:00Z', `e${i}`)).join('\n') + '\n');
    return path;
  };
  const monitor = async (rows: [string, string][], edit?: (b: DataQualityBaseline) => void): Promise<Violation[]> => {
    const used = structuredClone(baseline);
    edit?.(used);
    const run = await runDataQualityMonitoring({ kind: 'capture', paths: [captures(rows)] }, used, { workers: 1 });
    return run.violations.violations;
  };
  /** 200 rows like the baseline's: score, count (0..9), colour (red/green/blue). */
  const baselineLike = (): [string, string][] =>
    Array.from({ length: 200 }, (_, i) => [`${(((i * 37) % 100) / 100).toFixed(2)}`, `${i % 10},${['red', 'green', 'blue'][i % 3]}`]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dq-checks-'));
    const lines = ['score,count,colour', ...baselineLike().map(([o, i]) => `${o},${i}`)];
    const path = join(dir, 'baseline.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    baseline = await suggestDataQualityBaseline({ kind: 'csv', path, header: true }, { workers: 1 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('suggests a domain for the low-cardinality string column and the default monitoring_config', () => {
    assert.deepEqual(baseline.constraints.features.map((f) => f.inferred_type), ['Fractional', 'Integral', 'String']);
    assert.deepEqual([...baseline.constraints.features[2].string_constraints!.domains!].sort(), ['blue', 'green', 'red']);
    assert.equal(baseline.constraints.features[1].num_constraints?.is_non_negative, true);
    assert.deepEqual(baseline.constraints.monitoring_config, {
      evaluate_constraints: 'Enabled',
      emit_metrics: 'Enabled',
      datatype_check_threshold: 1.0,
      domain_content_threshold: 1.0,
      distribution_constraints: {
        perform_comparison: 'Enabled',
        comparison_threshold: 0.1,
        comparison_method: 'Robust',
        categorical_comparison_threshold: 0.1,
        categorical_drift_method: 'LInfinity',
      },
    });
  });

  it('reports nothing for traffic like the baseline', async () => {
    assert.deepEqual(await monitor(baselineLike()), []);
  });

  it('reports only the missing-column violation when a column is absent', async () => {
    assert.deepEqual(await monitor([['0.5', '3']]), [
      {
        feature_name: 'Missing columns',
        constraint_check_type: 'missing_column_check',
        description: 'There are missing columns in current dataset. Number of columns in current dataset: 2, Number of columns in baseline constraints: 3',
      },
    ]);
    assert.deepEqual((await monitor([['0.5', '3,red,extra']]))[0].constraint_check_type, 'extra_column_check');
  });

  it('checks data type, completeness and known values with the exact descriptions', async () => {
    const rows = baselineLike().slice(0, 8);
    rows[0] = ['0.5', '2.5,red'];
    rows[1] = ['0.5', ',purple'];
    assert.deepEqual(await monitor(rows, (b) => (b.constraints.monitoring_config!.distribution_constraints!.perform_comparison = 'Disabled')), [
      {
        feature_name: 'count',
        constraint_check_type: 'data_type_check',
        description: 'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 85.71428571428571% of data is Integral.',
      },
      {
        feature_name: 'count',
        constraint_check_type: 'completeness_check',
        description: 'Data completeness requirement is not met. Expected: 100.0%. Observed: Only 87.5%.',
      },
      {
        feature_name: 'colour',
        constraint_check_type: 'categorical_values_check',
        description: 'Categorical value match requirement is not met. Expected match: 100.0%. Observed: 87.5% of the values match the known values.',
      },
    ]);
  });

  it('honours datatype_check_threshold and domain_content_threshold', async () => {
    const rows = baselineLike().slice(0, 8);
    rows[0] = ['0.5', '2.5,purple'];
    const violations = await monitor(rows, (b) => {
      b.constraints.monitoring_config!.datatype_check_threshold = 0.8;
      b.constraints.monitoring_config!.domain_content_threshold = 0.8;
      b.constraints.monitoring_config!.distribution_constraints!.perform_comparison = 'Disabled';
    });
    assert.deepEqual(violations, []);
  });

  it('skips everything when evaluate_constraints is Disabled, globally or per feature (both spellings)', async () => {
    const rows = baselineLike().slice(0, 8);
    rows[0] = ['x', '2.5,purple'];
    const noDrift = (b: DataQualityBaseline): void => void (b.constraints.monitoring_config!.distribution_constraints!.perform_comparison = 'Disabled');
    assert.deepEqual(await monitor(rows, (b) => (b.constraints.monitoring_config!.evaluate_constraints = 'Disabled')), []);
    const perFeature = await monitor(rows, (b) => {
      noDrift(b);
      b.constraints.features[0].monitoringConfigOverrides = { evaluate_constraints: 'Disabled' };
      b.constraints.features[2].string_constraints!.monitoring_config_overrides = { evaluate_constraints: 'Disabled' };
    });
    assert.deepEqual(perFeature.map((v) => v.feature_name), ['count']);
  });

  it('flags numeric drift with Simple where Robust forgives a small sample, and honours the threshold', async () => {
    const shifted = baselineLike()
      .slice(0, 30)
      .map(([, input]): [string, string] => ['0.95', input]);
    const robust = await monitor(shifted);
    assert.deepEqual(robust.filter((v) => v.feature_name === 'score').map((v) => v.constraint_check_type), ['baseline_drift_check']);
    const simple = await monitor(shifted, (b) => (b.constraints.monitoring_config!.distribution_constraints!.comparison_method = 'Simple'));
    const drift = simple.find((v) => v.feature_name === 'score')!;
    assert.match(drift.description, /^Baseline drift distance: 0\.9\d* exceeds threshold: 0\.1$/);
    const lenient = await monitor(shifted, (b) => (b.constraints.monitoring_config!.distribution_constraints!.comparison_threshold = 0.99));
    assert.equal(lenient.filter((v) => v.feature_name === 'score').length, 0);
  });

  it('flags categorical drift with LInfinity; categorical_comparison_threshold falls back to comparison_threshold', async () => {
    const allRed = baselineLike().map(([output, input]): [string, string] => [output, input.replace(/,.*/, ',red')]);
    const violations = await monitor(allRed);
    assert.deepEqual(
      violations.filter((v) => v.feature_name === 'colour'),
      [{ feature_name: 'colour', constraint_check_type: 'baseline_drift_check', description: violations.find((v) => v.feature_name === 'colour')!.description }],
    );
    assert.match(violations.find((v) => v.feature_name === 'colour')!.description, /^Baseline drift distance: 0\.\d+ exceeds threshold: 0\.1$/);
    const fallback = await monitor(allRed, (b) => {
      const distribution = b.constraints.monitoring_config!.distribution_constraints!;
      delete distribution.categorical_comparison_threshold;
      distribution.comparison_threshold = 0.9;
    });
    assert.equal(fallback.filter((v) => v.constraint_check_type === 'baseline_drift_check').length, 0);
    const chiSquared = await monitor(allRed, (b) => (b.constraints.monitoring_config!.distribution_constraints!.categorical_drift_method = 'ChiSquared'));
    assert.equal(chiSquared.filter((v) => v.feature_name === 'colour' && v.constraint_check_type === 'baseline_drift_check').length, 1);
  });
});
