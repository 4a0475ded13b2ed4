import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { buildExecutionReportModel } from '../../../src/panels/executionReportModel';
import { parseReportFromWebview, parseReportToWebview } from '../../../src/panels/executionReportProtocol';
import type { ExecutionSummary } from '../../../src/monitoring/model';
import type { DataQualityStatistics, ModelQualityStatistics } from '../../../src/monitoring/formats/statistics';
import type { ConstraintViolations } from '../../../src/monitoring/formats/violations';
import { goldenPath } from '../support/fixtures';

const golden = (dir: string, file: string): unknown => JSON.parse(readFileSync(goldenPath(dir, file), 'utf8'));

const execution = (over: Partial<ExecutionSummary> = {}): ExecutionSummary => ({
  scheduleName: 'credit-dq-hourly',
  scheduledTime: new Date('2021-06-13T19:00:00Z'),
  creationTime: new Date('2021-06-13T19:01:00Z'),
  lastModifiedTime: new Date('2021-06-13T19:12:00Z'),
  status: 'CompletedWithViolations',
  type: 'DataQuality',
  ...over,
});

describe('the execution report model', () => {
  it('lists every violation and marks the violated feature beside its baseline and current statistics', () => {
    const model = buildExecutionReportModel(
      execution(),
      {
        reportUri: 's3://b/reports/ep/sched/2021/06/13/19',
        statistics: golden('packt-sagemaker-cookbook-ch07', 'monitoring_statistics.json') as DataQualityStatistics,
        violations: golden('packt-sagemaker-cookbook-ch07', 'monitoring_constraint_violations.json') as ConstraintViolations,
      },
      { statistics: golden('packt-sagemaker-cookbook-ch07', 'baseline_statistics.json') as DataQualityStatistics },
    );
    assert.equal(model.violations.length, 1);
    const [violation] = model.violations;
    assert.equal(violation.feature, 'science');
    assert.equal(violation.check, 'data_type_check');
    assert.equal(violation.description, 'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 75.0% of data is Integral.');
    assert.deepEqual([violation.observed, violation.threshold, violation.explanation], [0.75, 1, 'observed 75% < threshold 100%']);
    assert.match(violation.meaning, /datatype_check_threshold/);
    assert.equal(model.summary, `1 of ${model.features.length} features violate`);
    assert.deepEqual(model.files, { statistics: 's3://b/reports/ep/sched/2021/06/13/19/statistics.json', violations: 's3://b/reports/ep/sched/2021/06/13/19/constraint_violations.json' });
    assert.equal(model.itemCount, 4);
    const science = model.features.find((f) => f.name === 'science');
    assert.ok(science?.violated);
    assert.equal(science?.current?.numPresent, 4);
    assert.equal(science?.baseline?.numPresent, 600);
    assert.equal(model.features.filter((f) => f.violated).length, 1);
  });

  it("shows model-quality metrics with the thresholds of the monitor's baseline constraints, and which were crossed", () => {
    const model = buildExecutionReportModel(
      execution({ type: 'ModelQuality' }),
      {
        reportUri: 's3://b/mq',
        statistics: golden('sdk-tests-model-card-model-quality', 'model_monitor_model_quality_regression.json') as ModelQualityStatistics,
        violations: { violations: [{ metric_name: 'mae', constraint_check_type: 'GreaterThanThreshold', description: "Metric mae with 1.59 was GreaterThanThreshold '1.5'" }] },
      },
      { constraints: { version: 0, regression_constraints: { mae: { threshold: 1.5, comparison_operator: 'GreaterThanThreshold' } } } },
    );
    assert.deepEqual(model.metrics.map((m) => [m.name, m.violated, m.threshold ?? null]), [
      ['mae', true, 1.5],
      ['mse', false, null],
      ['rmse', false, null],
      ['r2', false, null],
    ]);
    assert.equal(model.features.length, 0);
  });

  it('marks a classification metric violated although violations name it in camelCase', () => {
    const model = buildExecutionReportModel(
      execution({ type: 'ModelQuality' }),
      {
        reportUri: 's3://b/mq',
        statistics: { version: 0, dataset: { item_count: 201 }, binary_classification_metrics: { true_positive_rate: { value: 0.5, standard_deviation: 'NaN' }, accuracy: { value: 0.9, standard_deviation: 'NaN' } } },
        violations: { violations: [{ metric_name: 'truePositiveRate', constraint_check_type: 'LessThanThreshold', description: "Metric truePositiveRate with 0.5 was LessThanThreshold '0.57'" }] },
      },
    );
    assert.deepEqual(model.metrics.map((m) => [m.name, m.violated]), [
      ['true_positive_rate', true],
      ['accuracy', false],
    ]);
  });

  it('validates messages crossing the webview boundary', () => {
    assert.deepEqual(parseReportFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.equal(parseReportFromWebview({ type: 'copyUri', uri: 42 }), undefined);
    assert.equal(parseReportFromWebview({ type: 'runShell', command: 'rm -rf /' }), undefined);
    assert.equal(parseReportFromWebview('ready'), undefined);
    assert.equal(parseReportToWebview({ type: 'report', report: { scheduleName: 'x' } }), undefined);
    const report = {
      scheduleName: 's',
      scheduledTime: '2024-06-03T09:00:00.000Z',
      status: 'Completed',
      reportUri: 's3://b/r',
      summary: 'No violations.',
      violations: [],
      features: [{ name: 'Sex', violated: false, checks: [], overlay: { kind: 'values', labels: ['0', '1'], baseline: [0.5, 0.5], current: [1, 0], baselineCount: 2, currentCount: 1 } }],
      findings: [],
      metrics: [],
      files: {},
    };
    const restore = { connectionId: 'local:x', execution: { scheduleName: 's', scheduledTime: report.scheduledTime, creationTime: report.scheduledTime, lastModifiedTime: report.scheduledTime, status: 'Completed' as const } };
    assert.deepEqual(parseReportToWebview({ type: 'report', report, restore }), { type: 'report', report, restore });
    assert.equal(parseReportToWebview({ type: 'report', report }), undefined, 'a report without what the serializer needs is refused');
    const badRow = { ...report, violations: [{ feature: 'Sex', check: 'data_type_check', description: { html: '<img>' }, meaning: 'm' }] };
    assert.equal(parseReportToWebview({ type: 'report', report: badRow, restore }), undefined, 'every row is checked, not just the arrays');
    const badOverlay = { ...report, features: [{ ...report.features[0], overlay: { ...report.features[0].overlay, current: [1] } }] };
    assert.equal(parseReportToWebview({ type: 'report', report: badOverlay, restore }), undefined, 'an overlay with a missing bar is refused');
    assert.deepEqual(parseReportToWebview({ type: 'restore', restore: { ...restore, preview: false } }), { type: 'restore', restore: { ...restore, preview: false } });
    assert.equal(parseReportToWebview({ type: 'restore', restore: { ...restore, preview: 'yes' } }), undefined, 'a preview flag that is not a boolean is refused');
    assert.deepEqual(parseReportFromWebview({ type: 'openFile', file: 'statistics' }), { type: 'openFile', file: 'statistics' });
    assert.equal(parseReportFromWebview({ type: 'openFile', file: '../../etc/passwd' }), undefined);
  });
});
