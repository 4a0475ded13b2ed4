import { strict as assert } from 'node:assert';
import { chartCsv, defaultCharts, driftMatrix, parseChartSpec, rangeBounds, shapeChart, type ChartsData } from '../../../src/panels/chartData';
import { DigestCache, digestExecution, scheduleBaseline, type ExecutionDigest } from '../../../src/panels/executionDigest';
import { parseChartsFromWebview, parseChartsToWebview } from '../../../src/panels/chartsProtocol';
import type { ExecutionReports } from '../../../src/monitoring/backend';
import type { ExecutionSummary } from '../../../src/monitoring/model';

const HOUR = 3_600_000;
const start = Date.parse('2026-11-24T00:00:00Z');

/** 48 hourly data-quality and model-quality digests: Sex drifts and rmse rises from hour 33. */
function demoLike(): ChartsData {
  const executions: ExecutionDigest[] = [];
  for (let h = 0; h < 48; h++) {
    const drifted = h >= 33;
    const drift = drifted ? 0.2 + h / 1000 : 0.02;
    executions.push({
      scheduleName: 'dq',
      type: 'DataQuality',
      time: start + h * HOUR,
      status: drifted ? 'CompletedWithViolations' : 'Completed',
      features: [
        { name: 'Sex', values: { drift, mean: 1, completeness: 1 } },
        { name: 'Length', values: { drift: 0.01, mean: 0.5, completeness: drifted ? 0.93 : 1 } },
      ],
      metrics: [],
      violations: drifted ? [{ name: 'Sex', check: 'baseline_drift_check' }, { name: 'Length', check: 'completeness_check' }] : [],
    });
    const rmse = drifted ? 2.4 : 2.1;
    executions.push({ scheduleName: 'mq', type: 'ModelQuality', time: start + h * HOUR, status: 'Completed', features: [], metrics: [{ name: 'rmse', value: rmse }, { name: 'mae', value: 1.5 }], violations: drifted ? [{ name: 'rmse', check: 'GreaterThanThreshold' }] : [] });
  }
  return {
    endpointName: 'ep',
    baselines: [
      { scheduleName: 'dq', type: 'DataQuality', drift: { numerical: 0.1, categorical: 0.1, method: 'Robust', categoricalMethod: 'LInfinity' }, features: [{ name: 'Length', completeness: 1, values: { mean: 0.52 } }], metrics: [] },
      { scheduleName: 'mq', type: 'ModelQuality', features: [], metrics: [{ name: 'rmse', threshold: 2.217, operator: 'GreaterThanThreshold' }] },
    ],
    executions,
  };
}

describe('chart data', () => {
  const now = start + 48 * HOUR;

  it("charts Sex's drift over the 48 hours with its threshold, violations marked from hour 33", () => {
    const chart = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'drift', names: ['Sex'] }, demoLike(), now);
    assert.equal(chart.series.length, 1);
    assert.equal(chart.series[0].points.length, 48);
    assert.deepEqual(chart.lines, [{ value: 0.1, label: 'threshold 0.1 (Robust)', kind: 'threshold' }]);
    const firstViolation = chart.series[0].points.findIndex((p) => p.violated);
    assert.equal(firstViolation, 33);
    assert.ok(chart.series[0].points.every((p, i) => p.x === start + i * HOUR), 'points in time order');
  });

  it('charts rmse with the model-quality threshold, and only the time range asked for', () => {
    const spec = { id: 'c', range: { kind: 'day' as const }, source: 'metric' as const, statistic: 'mean' as const, names: ['rmse'] };
    const chart = shapeChart(spec, demoLike(), now);
    assert.equal(chart.series[0].points.length, 24);
    assert.deepEqual(chart.lines.map((l) => l.value), [2.217]);
    const custom = shapeChart({ ...spec, range: { kind: 'custom', from: '2026-11-24T10:00Z', to: '2026-11-24T12:00Z' } }, demoLike(), now);
    assert.deepEqual(custom.series[0].points.map((p) => new Date(p.x).toISOString()), ['2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z', '2026-11-24T12:00:00.000Z']);
    assert.deepEqual(rangeBounds({ kind: 'week' }, now), { from: now - 7 * 24 * HOUR, to: now });
  });

  it('draws the baseline value as a reference for a plain statistic, and the baseline completeness as its threshold', () => {
    const mean = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'mean', names: ['Length'] }, demoLike(), now);
    assert.deepEqual(mean.lines, [{ value: 0.52, label: 'Length: baseline', kind: 'baseline' }]);
    const completeness = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'completeness', names: ['Length'] }, demoLike(), now);
    assert.equal(completeness.lines[0].kind, 'threshold');
    assert.equal(completeness.series[0].points.filter((p) => p.violated).length, 15);
  });

  it('colours the drift overview by distance over threshold: the arrival of drift is one column', () => {
    const m = driftMatrix(demoLike(), { kind: 'all' }, now);
    assert.deepEqual(m.features, ['Sex', 'Length']);
    assert.equal(m.times.length, 48);
    const sex = m.cells.filter((c) => c.y === 'Sex');
    assert.equal(sex.findIndex((c) => c.ratio >= 1), 33);
  });

  it("holds a String feature's drift to the categorical threshold and a numeric feature's to the numerical one", () => {
    const data = demoLike();
    const dq = data.baselines[0];
    dq.drift = { numerical: 0.1, categorical: 0.24, method: 'Robust', categoricalMethod: 'ChiSquared' };
    dq.features = [
      { name: 'Sex', inferredType: 'String', values: {} },
      { name: 'Length', inferredType: 'Fractional', completeness: 1, values: { mean: 0.52 } },
    ];
    const drift = (names: string[]) => shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'drift', names }, data, now).lines;
    assert.deepEqual(drift(['Sex']), [{ value: 0.24, label: 'categorical threshold 0.24 (ChiSquared, Robust)', kind: 'threshold' }]);
    assert.deepEqual(drift(['Length']), [{ value: 0.1, label: 'threshold 0.1 (Robust)', kind: 'threshold' }]);
    assert.deepEqual(drift(['Sex', 'Length']).map((l) => l.value), [0.24, 0.1]);
    // The overview divides by each feature's own threshold: Sex at 0.233 (hour 33) is under 0.24, hour 40 at it.
    const m = driftMatrix(data, { kind: 'all' }, now);
    const sex = m.cells.filter((c) => c.y === 'Sex');
    assert.ok(sex.every((c) => c.threshold === 0.24));
    assert.equal(sex.findIndex((c) => c.ratio >= 1), 40);
    assert.ok(m.cells.filter((c) => c.y === 'Length').every((c) => c.threshold === 0.1));
  });

  it("takes a feature's type from the baseline statistics, else from the constraints, with the constraints' thresholds", () => {
    const common = { num_present: 10, num_missing: 0 };
    const baseline = scheduleBaseline(
      'dq',
      'DataQuality',
      { version: 0, dataset: { item_count: 10 }, features: [{ name: 'Sex', inferred_type: 'String', string_statistics: { common, distinct_count: 3 } }] },
      {
        version: 0,
        features: [
          { name: 'Sex', inferred_type: 'Integral', completeness: 1 },
          { name: 'Rings', inferred_type: 'Integral', completeness: 1 },
        ],
        monitoring_config: { distribution_constraints: { comparison_threshold: 0.1, categorical_comparison_threshold: 0.3 } },
      },
    );
    assert.deepEqual(baseline.features.map((f) => [f.name, f.inferredType]), [['Sex', 'String'], ['Rings', 'Integral']]);
    assert.deepEqual(baseline.drift, { numerical: 0.1, categorical: 0.3, method: 'Robust', categoricalMethod: 'LInfinity' });
  });

  it('starts an endpoint with the drift of the feature that drifted most and the metric violated most', () => {
    assert.deepEqual(defaultCharts(demoLike()).map((c) => [c.source, c.statistic, c.names]), [
      ['feature', 'drift', ['Sex']],
      ['metric', 'mean', ['rmse']],
    ]);
  });

  it('exports a series as CSV with full digits and UTC times, quoting names and defusing formulas', () => {
    const data = demoLike();
    data.executions[0].features[0].name = '=HYPERLINK("x"),"a"';
    const chart = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'drift', names: ['=HYPERLINK("x"),"a"'] }, data, now);
    const lines = chartCsv(chart, 'drift').split('\r\n');
    assert.equal(lines[0], 'time_utc,series,statistic,value,violated,schedule');
    assert.equal(lines[1], `2026-11-24T00:00:00.000Z,"'=HYPERLINK(""x""),""a""",drift,0.02,false,dq`);
  });

  it('validates chart specs and messages from the webview', () => {
    assert.equal(parseChartSpec({ id: 'c', range: { kind: 'year' }, source: 'feature', statistic: 'drift', names: [] }), undefined);
    assert.equal(parseChartSpec({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'eval', names: [] }), undefined);
    assert.deepEqual(parseChartsFromWebview({ type: 'openReport', scheduleName: 'dq', time: 5 }), { type: 'openReport', scheduleName: 'dq', time: 5 });
    assert.equal(parseChartsFromWebview({ type: 'exportPng', fileName: '../../.bashrc', dataUrl: 'data:image/png;base64,AA' }), undefined);
    assert.equal(parseChartsFromWebview({ type: 'exportPng', fileName: 'a.png', dataUrl: 'javascript:alert(1)' }), undefined);
    const data = demoLike();
    const ok = { type: 'data', data, charts: defaultCharts(data), restore: { connectionId: 'local:x', endpointName: 'ep' }, errors: [] };
    assert.deepEqual(parseChartsToWebview(ok), ok);
    const bad = structuredClone(ok);
    (bad.data.executions[0].features[0].values as Record<string, unknown>).drift = '<img src=x onerror=alert(1)>';
    assert.equal(parseChartsToWebview(bad), undefined);
    const badType = structuredClone(ok) as unknown as { data: { baselines: { features: { inferredType?: unknown }[] }[] } };
    badType.data.baselines[0].features[0].inferredType = '<b>String</b>';
    assert.equal(parseChartsToWebview(badType), undefined);
  });
});

describe('charts of an AWS endpoint with monitors on this machine', () => {
  const now = start + 48 * HOUR;
  /** The demo's SageMaker monitors, and a data-quality monitor on this machine that ran the last 6 hours. */
  function beside(): ChartsData {
    const data = demoLike();
    for (let h = 42; h < 48; h++) {
      data.executions.push({ scheduleName: 'local-dq', runsOn: 'thisMachine', type: 'DataQuality', time: start + h * HOUR, status: 'Completed', features: [{ name: 'Sex', values: { drift: 0.05, mean: 1.1 } }], metrics: [], violations: [] });
    }
    return data;
  }

  it('charts one series per placement, marked, and each point knows where its execution ran', () => {
    const chart = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'drift', names: ['Sex'] }, beside(), now);
    assert.deepEqual(
      chart.series.map((s) => [s.label, s.placement, s.points.length]),
      [
        ['Sex · SageMaker', 'managed', 48],
        ['Sex · this machine', 'thisMachine', 6],
      ],
    );
    assert.ok(chart.series[0].points.every((p) => p.runsOn === undefined && p.scheduleName === 'dq'));
    assert.ok(chart.series[1].points.every((p) => p.runsOn === 'thisMachine' && p.scheduleName === 'local-dq'));
    // A range that holds none of the local runs keeps both series, so the legend does not jump.
    const early = shapeChart({ id: 'c', range: { kind: 'custom', from: '2026-11-24T00:00Z', to: '2026-11-24T05:00Z' }, source: 'feature', statistic: 'drift', names: ['Sex'] }, beside(), now);
    assert.deepEqual(early.series.map((s) => [s.label, s.points.length]), [['Sex · SageMaker', 6], ['Sex · this machine', 0]]);
  });

  it('marks every series when all executions ran on this machine, and none when none did', () => {
    const data = beside();
    const onlyLocal: ChartsData = { ...data, executions: data.executions.filter((e) => e.runsOn) };
    const chart = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'feature', statistic: 'mean', names: ['Sex'] }, onlyLocal, now);
    assert.deepEqual(chart.series.map((s) => s.label), ['Sex · this machine']);
    const managed = shapeChart({ id: 'c', range: { kind: 'all' }, source: 'metric', statistic: 'mean', names: ['rmse'] }, demoLike(), now);
    assert.deepEqual(managed.series.map((s) => [s.label, s.placement]), [['rmse', undefined]]);
  });

  it('gives each placement its own drift overview rows, and its cells the placement of their run', () => {
    const m = driftMatrix(beside(), { kind: 'all' }, now);
    assert.deepEqual(m.features, ['Sex · SageMaker', 'Length · SageMaker', 'Sex · this machine']);
    const local = m.cells.filter((c) => c.y === 'Sex · this machine');
    assert.equal(local.length, 6);
    assert.ok(local.every((c) => c.runsOn === 'thisMachine'));
    assert.ok(m.cells.filter((c) => c.y !== 'Sex · this machine').every((c) => c.runsOn === undefined));
  });

  it('carries the placement through both directions of the protocol, and refuses others', () => {
    assert.deepEqual(parseChartsFromWebview({ type: 'openReport', scheduleName: 'local-dq', time: 5, runsOn: 'thisMachine' }), { type: 'openReport', scheduleName: 'local-dq', time: 5, runsOn: 'thisMachine' });
    assert.equal(parseChartsFromWebview({ type: 'openReport', scheduleName: 'dq', time: 5, runsOn: 'elsewhere' }), undefined);
    const data = beside();
    const ok = { type: 'data', data, charts: defaultCharts(data), restore: { connectionId: 'aws:p@r', endpointName: 'ep' }, errors: [] };
    assert.deepEqual(parseChartsToWebview(ok), ok);
    const bad = structuredClone(ok);
    (bad.data.executions[bad.data.executions.length - 1] as unknown as Record<string, unknown>).runsOn = 'cloud';
    assert.equal(parseChartsToWebview(bad), undefined);
  });
});

describe('the digest cache', () => {
  const execution = (h: number, status: ExecutionSummary['status'] = 'Completed'): ExecutionSummary => ({
    scheduleName: 'mq',
    type: 'ModelQuality',
    scheduledTime: new Date(start + h * HOUR),
    creationTime: new Date(start + h * HOUR),
    lastModifiedTime: new Date(start + h * HOUR + 60_000),
    status,
  });
  const reports = (h: number): ExecutionReports => ({
    reportUri: `s3://b/${h}`,
    statistics: { version: 0, dataset: { item_count: 100 }, regression_metrics: { rmse: { value: 2 + h / 100, standard_deviation: 0.1 } } },
    violations: { violations: [] },
  });

  it('reads a month of hourly reports once, at most 8 at a time, and none again on reopening', async () => {
    const cache = new DigestCache();
    const executions = Array.from({ length: 720 }, (_, h) => execution(h));
    let inFlight = 0;
    let maxInFlight = 0;
    let reads = 0;
    const read = async (e: ExecutionSummary) => {
      reads++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return reports((e.scheduledTime.getTime() - start) / HOUR);
    };
    const first = await cache.digests('local:x', executions, read, (e, r) => digestExecution(e, r), 8);
    assert.equal(reads, 720);
    assert.ok(maxInFlight <= 8 && maxInFlight > 1, `in flight at most ${maxInFlight}`);
    assert.equal(first.digests[5].metrics[0].value, 2.05);
    const again = await cache.digests('local:x', executions, read, (e, r) => digestExecution(e, r), 8);
    assert.equal(reads, 720, 'the second opening read nothing');
    assert.deepEqual(again.digests, first.digests);
  });

  it('reads an execution again when its status or modification time changed, and keeps only its capacity', async () => {
    const cache = new DigestCache(10);
    let reads = 0;
    const read = async () => {
      reads++;
      return reports(1);
    };
    await cache.digests('b', [execution(1, 'InProgress')], read, (e, r) => digestExecution(e, r));
    await cache.digests('b', [execution(1, 'Completed')], read, (e, r) => digestExecution(e, r));
    await cache.digests('b', [execution(1, 'Completed')], read, (e, r) => digestExecution(e, r));
    assert.equal(reads, 1, 'an in-progress execution has no report to read; the completed one is read once');
    await cache.digests('b', Array.from({ length: 30 }, (_, h) => execution(h + 100)), read, (e, r) => digestExecution(e, r));
    assert.equal(cache.size, 10);
  });

  it('keeps going when one report cannot be read, and says which', async () => {
    const cache = new DigestCache();
    const result = await cache.digests('b', [execution(1), execution(2)], async (e) => {
      if (e.scheduledTime.getTime() === start + HOUR) throw new Error('AccessDenied');
      return reports(2);
    }, (e, r) => digestExecution(e, r));
    assert.equal(result.digests.length, 2);
    assert.equal(result.digests[0].metrics.length, 0);
    assert.match(result.errors[0], /AccessDenied/);
  });
});
