import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDataQualityMonitoring, suggestDataQualityBaseline } from '../../../src/monitoring/analysis/dataQuality';
import { parseStatistics, serializeStatistics, type DataQualityStatistics, type ModelQualityStatistics } from '../../../src/monitoring/formats/statistics';
import { distributionOverlay, driftDistance, driftSettings } from '../../../src/panels/distributions';
import { buildExecutionReportModel } from '../../../src/panels/executionReportModel';
import { seededRandom } from '../../../src/monitoring/random';
import type { ExecutionSummary } from '../../../src/monitoring/model';
import { goldenPath } from '../support/fixtures';

const execution = (over: Partial<ExecutionSummary> = {}): ExecutionSummary => ({
  scheduleName: 'dq',
  scheduledTime: new Date('2024-06-03T10:00:00Z'),
  creationTime: new Date('2024-06-03T10:01:00Z'),
  lastModifiedTime: new Date('2024-06-03T10:05:00Z'),
  status: 'CompletedWithViolations',
  type: 'DataQuality',
  ...over,
});

/** Rows of (code, size, weight): `code` is an encoded category 0/1/2, as the demo's Sex. */
function dataset(rows: number, seed: number, shift: number, codeShares: [number, number, number]): string {
  const next = seededRandom(seed);
  const lines = ['code,size,weight'];
  for (let i = 0; i < rows; i++) {
    const u = next();
    const code = u < codeShares[0] ? 0 : u < codeShares[0] + codeShares[1] ? 1 : 2;
    lines.push(`${code}.0,${(next() * 10 + shift).toFixed(3)},${(next() * 3 + 0.5).toFixed(3)}`);
  }
  return lines.join('\n') + '\n';
}

describe('distribution overlays and drift distances in the report', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'report-dist-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs our analyzer (SageMaker's arithmetic) on a baseline and a drifted window; returns its files as a user reads them. */
  async function analyse(comparisonMethod: 'Simple' | 'Robust') {
    writeFileSync(join(dir, 'train.csv'), dataset(3000, 1, 0, [0.33, 0.33, 0.34]));
    writeFileSync(join(dir, 'window.csv'), dataset(800, 2, 2.5, [0.6, 0.2, 0.2]));
    const baseline = await suggestDataQualityBaseline({ kind: 'csv', path: join(dir, 'train.csv'), header: true }, { workers: 1 });
    baseline.constraints.monitoring_config = {
      ...baseline.constraints.monitoring_config,
      distribution_constraints: { ...baseline.constraints.monitoring_config?.distribution_constraints, comparison_method: comparisonMethod },
    };
    const run = await runDataQualityMonitoring({ kind: 'csv', path: join(dir, 'window.csv'), header: true }, baseline, { workers: 1 });
    const reread = (s: DataQualityStatistics) => parseStatistics(serializeStatistics(s), 'statistics.json') as DataQualityStatistics;
    return { baseline: reread(baseline.statistics), current: reread(run.statistics), constraints: run.constraints, violations: run.violations };
  }

  it("computes from the two statistics files exactly the drift distance SageMaker's check wrote", async () => {
    const files = await analyse('Simple');
    const settings = driftSettings(files.constraints.monitoring_config?.distribution_constraints);
    const drifts = files.violations.violations.filter((v) => v.constraint_check_type === 'baseline_drift_check');
    assert.ok(drifts.length >= 2, `expected drift on code and size, got ${JSON.stringify(files.violations)}`);
    for (const v of drifts) {
      const name = v.feature_name ?? '';
      const ours = driftDistance(files.baseline.features.find((f) => f.name === name), files.current.features.find((f) => f.name === name), settings);
      assert.ok(ours, name);
      assert.ok(v.description.includes(`distance: ${String(ours.distance)} exceeds`), `${name}: ours ${ours.distance}, SageMaker's "${v.description}"`);
      assert.equal(ours.exceeded, true);
      assert.equal(ours.method, 'LInfinity, Simple');
    }
  });

  it('overlays an encoded category one bar per value and a continuous feature on the baseline\'s bins, in shares', async () => {
    const files = await analyse('Robust');
    const feature = (s: DataQualityStatistics, n: string) => s.features.find((f) => f.name === n);
    const code = distributionOverlay(feature(files.baseline, 'code'), feature(files.current, 'code'));
    assert.ok(code);
    assert.equal(code.kind, 'values');
    assert.deepEqual(code.labels, ['0', '1', '2']);
    assert.ok(Math.abs(code.baseline[0] - 0.33) < 0.03 && Math.abs(code.current[0] - 0.6) < 0.04, JSON.stringify(code));
    assert.equal(code.currentCount, 800);
    const size = distributionOverlay(feature(files.baseline, 'size'), feature(files.current, 'size'));
    assert.ok(size);
    assert.equal(size.kind, 'bins');
    assert.match(size.labels[size.labels.length - 1], /^> /, 'the shifted window has a bin beyond the baseline\'s maximum');
    for (const side of [size.baseline, size.current]) assert.ok(Math.abs(side.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.equal(size.baseline[size.baseline.length - 1], 0);
  });

  it('puts the drifted features, their distances and thresholds in the summary line, and marks distances it computed itself', async () => {
    const files = await analyse('Robust');
    const model = buildExecutionReportModel(
      execution(),
      { reportUri: 's3://b/r', statistics: files.current, constraints: files.constraints, violations: files.violations },
      { statistics: files.baseline },
    );
    const code = model.features.find((f) => f.name === 'code');
    assert.equal(code?.drift?.source, 'sagemaker');
    assert.equal(code?.drift?.method, 'LInfinity, Robust');
    assert.match(model.summary, /^2 of 3 features violate; drift in code \(0\.\d+ > 0\.1\), size \(0\.\d+ > 0\.1\)$/);
    const weight = model.features.find((f) => f.name === 'weight');
    assert.equal(weight?.drift?.source, 'ours');
    assert.equal(weight?.drift?.exceeded, false);
  });

  it('reports what SageMaker does not check: a negative minimum where the constraints say non-negative, a changed type', async () => {
    const files = await analyse('Robust');
    const current = structuredClone(files.current);
    const weight = current.features.find((f) => f.name === 'weight');
    assert.ok(weight?.numerical_statistics);
    weight.numerical_statistics.min = -0.25;
    const code = current.features.find((f) => f.name === 'code');
    assert.ok(code);
    code.inferred_type = 'Integral';
    const constraints = structuredClone(files.constraints);
    for (const f of constraints.features) if (f.name === 'weight') f.num_constraints = { is_non_negative: true };
    const model = buildExecutionReportModel(execution(), { reportUri: 's3://b/r', statistics: current, constraints, violations: { violations: [] } }, { statistics: files.baseline });
    assert.deepEqual(
      model.findings.filter((f) => f.kind !== 'nearThreshold').map((f) => [f.feature, f.kind]),
      [
        ['code', 'typeChanged'],
        ['weight', 'negative'],
      ],
    );
    assert.match(model.findings.find((f) => f.kind === 'negative')?.text ?? '', /Minimum -0\.25 .*is_non_negative: true/);
  });

  it('shows a classification report\'s confusion matrix and its ROC and precision-recall curves', () => {
    const statistics = JSON.parse(readFileSync(goldenPath('sdk-tests-model-card-model-quality', 'model_monitor_model_quality_binary_classification.json'), 'utf8')) as ModelQualityStatistics;
    const model = buildExecutionReportModel(execution({ type: 'ModelQuality', status: 'Completed' }), { reportUri: 's3://b/mq', statistics, violations: { violations: [] } });
    assert.deepEqual(model.confusionMatrix, { labels: ['0', '1'], counts: [[1, 2], [0, 1]] });
    assert.ok(model.roc && model.roc.x.length > 1 && model.roc.x.length === model.roc.y.length);
    assert.ok(model.precisionRecall && model.precisionRecall.x.length > 1);
    assert.match(model.summary, /^All \d+ metrics within their thresholds/);
  });
});
