/** `model-monitor` data-quality commands: files equal the library's results; usage errors; overwrite rules. */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDataQualityMonitoring, suggestDataQualityBaseline, toSageMakerJson } from '../../../src/monitoring/analysis/dataQuality';
import { parseConstraints, type DataQualityConstraints } from '../../../src/monitoring/formats/constraints';
import { parseStatistics, type DataQualityStatistics } from '../../../src/monitoring/formats/statistics';
import { GOLDEN, tempDir } from '../analysis/modelQuality/support';
import { cli } from './cliSupport';

const PACKT = join(GOLDEN, 'packt-sagemaker-cookbook-ch07');
const TRAINING = join(PACKT, 'training_data.reconstructed_from_sketch.csv');

describe('model-monitor CLI: data quality', () => {
  it('suggest-baseline writes exactly the library\'s files', async () => {
    const out = tempDir();
    const run = await cli('suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv', '--header', '--output', out, '--workers', '1');
    assert.equal(run.code, 0, run.stderr);
    const expected = await suggestDataQualityBaseline({ kind: 'csv', path: TRAINING, header: true }, { workers: 1 });
    assert.equal(readFileSync(join(out, 'statistics.json'), 'utf8'), toSageMakerJson(expected.statistics));
    assert.equal(readFileSync(join(out, 'constraints.json'), 'utf8'), toSageMakerJson(expected.constraints));
  });

  it('passes --categorical-drift-method into the suggested constraints', async () => {
    const out = tempDir();
    const run = await cli('suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv', '--header', '--output', out, '--categorical-drift-method', 'ChiSquared');
    assert.equal(run.code, 0, run.stderr);
    assert.match(readFileSync(join(out, 'constraints.json'), 'utf8'), /"categorical_drift_method" : "ChiSquared"/);
  });

  it('analyze checks a dataset against the baseline; --fail-on-violations turns violations into exit 3', async () => {
    const out = tempDir();
    const input = join(PACKT, 'monitoring_input.reconstructed.csv');
    const statisticsPath = join(PACKT, 'baseline_statistics.json');
    const constraintsPath = join(PACKT, 'monitoring_constraints_used.json');
    const run = await cli(
      'analyze', '--dataset', input, '--dataset-format', 'csv', '--baseline-statistics', statisticsPath,
      '--constraints', constraintsPath, '--output', out, '--fail-on-violations', '--workers', '1',
    );
    const expected = await runDataQualityMonitoring(
      { kind: 'csv', path: input, header: false },
      {
        statistics: parseStatistics(readFileSync(statisticsPath, 'utf8'), statisticsPath) as DataQualityStatistics,
        constraints: parseConstraints(readFileSync(constraintsPath, 'utf8'), constraintsPath) as DataQualityConstraints,
      },
      { workers: 1 },
    );
    assert.equal(run.code, expected.violations.violations.length > 0 ? 3 : 0, run.stderr);
    assert.equal(readFileSync(join(out, 'constraint_violations.json'), 'utf8'), toSageMakerJson(expected.violations));
    assert.equal(readFileSync(join(out, 'statistics.json'), 'utf8'), toSageMakerJson(expected.statistics));
    assert.equal(readFileSync(join(out, 'constraints.json'), 'utf8'), toSageMakerJson(expected.constraints));
  });

  it('refuses to overwrite an existing output file unless --overwrite, and leaves it untouched', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'constraints.json'), 'mine');
    const args = ['suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv', '--header', '--output', out];
    const refused = await cli(...args);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /constraints\.json already exists; pass --overwrite to replace it \(nothing was written\)/);
    assert.equal(readFileSync(join(out, 'constraints.json'), 'utf8'), 'mine');
    assert.throws(() => statSync(join(out, 'statistics.json')));
    const replaced = await cli(...args, '--overwrite');
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.notEqual(readFileSync(join(out, 'constraints.json'), 'utf8'), 'mine');
  });

  it('exits 2 with a message saying what is wrong for bad usage', async () => {
    const out = tempDir();
    const cases: [string[], RegExp][] = [
      [['suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv'], /--output is required/],
      [['suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'xml', '--output', out], /--dataset-format must be one of csv, json, not "xml"/],
      [['suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv', '--output', out, '--bogus'], /Unknown option '--bogus'/],
      [['suggest-baseline', '--dataset', TRAINING, '--dataset-format', 'csv', '--output', out, '--problem-type', 'Regression'], /--problem-type only applies to --analysis-type MODEL_QUALITY/],
      [['analyze', '--dataset', TRAINING, '--captures', out, '--constraints', 'c.json', '--output', out], /either --captures PATH\.\.\. or --dataset FILE/],
      [['analyze', '--dataset', TRAINING, '--dataset-format', 'csv', '--constraints', join(out, 'none.json'), '--output', out], /--constraints: .*none\.json does not exist/],
      [['analyze', '--captures', join(out, 'nowhere'), '--constraints', join(PACKT, 'baseline_constraints.json'), '--baseline-statistics', join(PACKT, 'baseline_statistics.json'), '--output', out], /--captures: .*nowhere does not exist/],
      [['analyze', '--captures', out, '--constraints', join(PACKT, 'baseline_constraints.json'), '--baseline-statistics', join(PACKT, 'baseline_statistics.json'), '--output', out, '--start', 'yesterday'], /--start must be an ISO-8601 time/],
      [['analyze', '--captures', out, '--constraints', join(PACKT, 'baseline_constraints.json'), '--baseline-statistics', join(PACKT, 'baseline_statistics.json'), '--output', out], /the folder .* holds no \.jsonl files/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(...argv);
      assert.equal(run.code, 2, `${argv.join(' ')} → ${run.stderr}`);
      assert.match(run.stderr, message, argv.join(' '));
    }
  });

  it('a malformed constraints file is bad input naming the file', async () => {
    const out = tempDir();
    const broken = join(out, 'broken.json');
    writeFileSync(broken, '{"version": 0.0, "features": [{"name": 3}]}');
    const run = await cli('analyze', '--dataset', TRAINING, '--dataset-format', 'csv', '--header', '--constraints', broken, '--baseline-statistics', join(PACKT, 'baseline_statistics.json'), '--output', out);
    assert.equal(run.code, 2);
    assert.ok(run.stderr.includes(broken), run.stderr);
  });

  it('prints help for the tool and for each command (exit 0)', async () => {
    const top = await cli('--help');
    assert.equal(top.code, 0);
    assert.match(top.stdout, /suggest-baseline/);
    assert.match(top.stdout, /analyze/);
    for (const command of ['suggest-baseline', 'analyze']) {
      const help = await cli(command, '--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`Usage: model-monitor ${command}`));
      assert.match(help.stdout, /--inference-attribute/);
    }
  });
});
