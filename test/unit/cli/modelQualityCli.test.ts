/** `model-monitor` model-quality commands: files equal the library's results; exit codes and messages. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runModelQualityMonitoring, suggestModelQualityBaseline } from '../../../src/monitoring/analysis/modelQuality';
import { serializeConstraints, type ModelQualityConstraints } from '../../../src/monitoring/formats/constraints';
import { serializeStatistics } from '../../../src/monitoring/formats/statistics';
import { serializeViolations } from '../../../src/monitoring/formats/violations';
import { captureLine, GOLDEN, groundTruthLine, tempDir, writeLines } from '../analysis/modelQuality/support';
import { cli } from './cliSupport';

const CHURN = join(GOLDEN, 'ase-model-quality-churn/validation_with_predictions.csv');
const MQ_BASELINE = [
  '--analysis-type', 'MODEL_QUALITY', '--problem-type', 'BinaryClassification',
  '--inference-attribute', 'prediction', '--probability-attribute', 'probability', '--ground-truth-attribute', 'label',
];
const config = { problemType: 'BinaryClassification', inferenceAttribute: 'prediction', probabilityAttribute: 'probability', groundTruthAttribute: 'label' } as const;

/** evaluation_time is the clock at the run; everything else must match byte for byte. */
const withoutClock = (text: string) => text.replace(/"evaluation_time" : "[^"]*"/, '"evaluation_time" : "…"');

describe('model-monitor CLI: model quality', () => {
  it('suggest-baseline writes exactly the library\'s statistics.json and constraints.json', async () => {
    const out = tempDir();
    const run = await cli('suggest-baseline', '--dataset', CHURN, '--dataset-format', 'csv', '--header', '--output', out, ...MQ_BASELINE, '--seed', '5');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /201 rows/);
    const expected = await suggestModelQualityBaseline({ kind: 'csv', path: CHURN, header: true }, config, { seed: 5 });
    assert.equal(withoutClock(readFileSync(join(out, 'statistics.json'), 'utf8')), withoutClock(serializeStatistics(expected.statistics)));
    assert.equal(readFileSync(join(out, 'constraints.json'), 'utf8'), serializeConstraints(expected.constraints));
  });

  it('analyze merges capture and ground-truth folders, writes the library\'s results, and exits 3 on violations with --fail-on-violations', async () => {
    const root = tempDir();
    const captures = join(root, 'captures');
    const truth = join(root, 'truth');
    mkdirSync(join(captures, '2024/01/01/10'), { recursive: true });
    mkdirSync(join(truth, '2024/01/01/12'), { recursive: true });
    const probabilities = [0.9, 0.2, 0.7, 0.4, 0.95, 0.1];
    const labels = ['0', '1', '0', '1', '1', '0'];
    writeLines(
      join(captures, '2024/01/01/10'),
      '00-00-000-a.jsonl',
      probabilities.map((p, i) => captureLine({ eventId: `e${i}`, time: `2024-01-01T10:0${i}:00Z`, output: String(p) })),
    );
    writeLines(join(truth, '2024/01/01/12'), '0000.jsonl', labels.map((label, i) => groundTruthLine(`e${i}`, label)));
    const constraintsPath = join(root, 'constraints.json');
    const constraints: ModelQualityConstraints = {
      version: 0,
      binary_classification_constraints: { accuracy: { threshold: 0.9, comparison_operator: 'LessThanThreshold' } },
    };
    writeLines(root, 'constraints.json', [serializeConstraints(constraints)]);
    const out = join(root, 'out');
    const args = [
      'analyze', '--captures', captures, '--ground-truth', truth, '--constraints', constraintsPath, '--output', out,
      '--inference-attribute', '0', '--probability-attribute', '0', '--probability-threshold-attribute', '0.5', '--seed', '3',
    ];
    const run = await cli(...args, '--fail-on-violations');
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stdout, /1 violation\(s\):\n {2}accuracy \[LessThanThreshold\]: Metric accuracy with 0\.3333333333333333 was LessThanThreshold '0\.9'/);
    const expected = await runModelQualityMonitoring(
      { paths: [join(captures, '2024/01/01/10/00-00-000-a.jsonl')] },
      { paths: [join(truth, '2024/01/01/12/0000.jsonl')] },
      { problemType: 'BinaryClassification', inferenceAttribute: '0', probabilityAttribute: '0', probabilityThresholdAttribute: 0.5 },
      constraints,
      { seed: 3 },
    );
    assert.equal(withoutClock(readFileSync(join(out, 'statistics.json'), 'utf8')), withoutClock(serializeStatistics(expected.statistics)));
    assert.equal(readFileSync(join(out, 'constraint_violations.json'), 'utf8'), serializeViolations(expected.violations));

    // Without --fail-on-violations the run itself succeeded: exit 0 (and --overwrite allows the rerun).
    const again = await cli(...args, '--overwrite');
    assert.equal(again.code, 0, again.stderr);
  });

  it('exits 2 naming the window and files when no ground truth merges', async () => {
    const root = tempDir();
    const captures = writeLines(root, 'c.jsonl', [captureLine({ eventId: 'a', time: '2024-01-01T10:00:00Z', output: '0.9' })]);
    const truth = writeLines(root, 'g.jsonl', [groundTruthLine('b', '1')]);
    writeLines(root, 'constraints.json', [serializeConstraints({ version: 0, binary_classification_constraints: {} })]);
    const run = await cli(
      'analyze', '--captures', captures, '--ground-truth', truth, '--constraints', join(root, 'constraints.json'),
      '--output', join(root, 'out'), '--inference-attribute', '0', '--probability-threshold-attribute', '0.5',
      '--start', '2024-01-01T09:00:00Z', '--end', '2024-01-01T11:00:00Z',
    );
    assert.equal(run.code, 2);
    assert.match(run.stderr, /No ground truth could be merged/);
    assert.ok(run.stderr.includes(captures) && run.stderr.includes(truth));
    assert.match(run.stderr, /between 2024-01-01T09:00:00\.000Z and 2024-01-01T11:00:00\.000Z/);
  });

  it('exits 2 with a clear message for missing model-quality settings', async () => {
    const out = tempDir();
    const noProblem = await cli('suggest-baseline', '--dataset', CHURN, '--dataset-format', 'csv', '--header', '--output', out, '--analysis-type', 'MODEL_QUALITY');
    assert.equal(noProblem.code, 2);
    assert.match(noProblem.stderr, /--problem-type is required for MODEL_QUALITY/);
    const noLabel = await cli('suggest-baseline', '--dataset', CHURN, '--dataset-format', 'csv', '--header', '--output', out,
      '--analysis-type', 'MODEL_QUALITY', '--problem-type', 'Regression', '--inference-attribute', 'prediction');
    assert.equal(noLabel.code, 2);
    assert.match(noLabel.stderr, /--ground-truth-attribute is required for a MODEL_QUALITY baseline/);
    const wrongColumn = await cli('suggest-baseline', '--dataset', CHURN, '--dataset-format', 'csv', '--header', '--output', out,
      ...MQ_BASELINE.slice(0, 6), '--ground-truth-attribute', 'churn');
    assert.equal(wrongColumn.code, 2);
    assert.match(wrongColumn.stderr, /no column "churn"/);
  });
});
