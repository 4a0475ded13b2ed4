// An AWS endpoint with data capture and no Model Monitor schedule (the harness's emulated account):
// Analyze Locally opens an execution report; a monitor refused by SageMaker runs on this machine
// instead, with what was typed; a this-machine monitor runs its hour and its execution is in the tree.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEMO } from '../../src/monitoring/demo/demoScenario';
import { shapeChart, type ChartSpec, type ChartsData } from '../../src/panels/chartData';
import type { ExecutionReportModel } from '../../src/panels/executionReportModel';
import { awsFacts } from '../harness/awsFacts';
import { childrenOf, endpointsTree, extensionApi, labelled, rowAt, waitFor, type Row } from './treeHelpers';

/** What the report panel exposes to tests (src/panels/executionReportPanel.ts). */
interface ReportPanel {
  readonly shown?: ExecutionReportModel;
  readonly restoreState: unknown;
  readonly panel: vscode.WebviewPanel;
}

/** What the charts panel exposes to tests (src/panels/chartsPanel.ts). */
interface ChartsPanel {
  readonly shown?: { data: ChartsData; charts: ChartSpec[]; errors: string[] };
  openReport(scheduleName: string, time: number, runsOn?: 'thisMachine'): ReportPanel | undefined;
  readonly panel: vscode.WebviewPanel;
}

interface AnalysisResult {
  scheduleName: string;
  status: string;
  failureReason?: string;
  report?: ReportPanel;
}

const REPORT_VIEW_TYPE = 'sagemakerModelMonitor.executionReport';

async function shownReport(report: ReportPanel): Promise<ExecutionReportModel> {
  return waitFor('the report, loaded', async () => Promise.resolve(report.shown));
}

const HOUR_MS = 3_600_000;
const baseline = { statisticsS3Uri: `${DEMO.dataQuality.baselineUri}/statistics.json`, constraintsS3Uri: `${DEMO.dataQuality.baselineUri}/constraints.json` };

async function endpointRow(tree: vscode.TreeDataProvider<unknown>): Promise<Row> {
  return capturingEndpointRow(tree, awsFacts.captureOnlyEndpointName);
}

async function capturingEndpointRow(tree: vscode.TreeDataProvider<unknown>, name: string): Promise<Row> {
  return waitFor(`the AWS endpoint ${name}, described with its capture`, async () => {
    const row = await rowAt(tree, labelled(awsFacts.profile), labelled(name));
    return row && /capture \d+%/.test(row.description) ? row : undefined;
  });
}

function reportTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label)).filter((label) => label.startsWith('Report: '));
}

describe('Analyze Locally and monitors on this machine for an AWS endpoint', () => {
  it('analyses the capture of an endpoint without any schedule and opens the execution report', async () => {
    const tree = await endpointsTree();
    const endpoint = await endpointRow(tree);
    const end = new Date();
    const result = (await vscode.commands.executeCommand('sagemakerModelMonitor.analyzeLocally', endpoint.node, {
      start: new Date(end.getTime() - 3 * HOUR_MS).toISOString(),
      end: end.toISOString(),
      type: 'DataQuality',
      baseline,
      recordPreprocessor: 'none',
      outputS3Uri: 's3://this-machine/reports',
    })) as { scheduleName: string; status: string; failureReason?: string } | undefined;
    assert.ok(result, 'the command ran');
    assert.match(result.status, /^Completed/, result.failureReason);
    await waitFor('the report panel', async () => (reportTabs().some((label) => label.startsWith(`Report: ${result.scheduleName}`)) ? true : undefined));

    const monitor = await waitFor('the analysis as a this-machine monitor under the endpoint', async () => {
      const rows = await childrenOf(tree, (await endpointRow(tree)).node);
      return rows.find((row) => row.label === result.scheduleName && / · this machine$/.test(row.description));
    });
    const executions = await childrenOf(tree, monitor.node);
    assert.equal(executions.length, 1);
    assert.match(executions[0].description, /violation|no violations|Completed/i);
  });

  it('offers this machine when SageMaker refuses the monitor, keeping what was entered, and runs it', async () => {
    const tree = await endpointsTree();
    const endpoint = await endpointRow(tree);
    const where = await vscode.commands.executeCommand('sagemakerModelMonitor.createMonitor', endpoint.node, {
      runsOn: 'sagemaker',
      name: awsFacts.refusedMonitorName,
      type: 'DataQuality',
      ...baseline,
      outputS3Uri: `s3://${DEMO.captureUri.split('/')[2]}/this-machine-reports`,
      roleArn: 'arn:aws:iam::123456789012:role/ModelMonitorRole',
      ifRefused: 'thisMachine',
    });
    assert.equal(where, 'thisMachine');
    const monitor = await waitFor('the refused monitor, now on this machine', async () => {
      const rows = await childrenOf(tree, (await endpointRow(tree)).node);
      return rows.find((row) => row.label === awsFacts.refusedMonitorName);
    });
    assert.match(monitor.description, /\bScheduled\b/);
    assert.match(monitor.description, /Data quality/);
    assert.match(monitor.description, / · this machine$/);

    // Run Now: a one-time run over the last hour, which holds the demo's latest traffic.
    await vscode.commands.executeCommand('sagemakerModelMonitor.runMonitorNow', monitor.node);
    const execution = await waitFor(
      'the this-machine run with its outcome in the tree',
      async () => {
        // The run's execution is listed under the monitor (or under its one-time schedule while that exists).
        for (const row of await childrenOf(tree, (await endpointRow(tree)).node)) {
          if (!row.label.startsWith(awsFacts.refusedMonitorName)) continue;
          const done = (await childrenOf(tree, row.node)).find((e) => /UTC/.test(e.label) && e.description !== '' && !/InProgress|Pending/.test(e.description));
          if (done) return done;
        }
        return undefined;
      },
      60_000,
    );
    assert.doesNotMatch(execution.description, /Failed/);
  });
  it('reopens an Analyze Locally report after a reload showing the same content', async () => {
    const tree = await endpointsTree();
    const endpoint = await endpointRow(tree);
    const end = new Date();
    const result = await vscode.commands.executeCommand<AnalysisResult | undefined>('sagemakerModelMonitor.analyzeLocally', endpoint.node, {
      start: new Date(end.getTime() - 3 * HOUR_MS).toISOString(),
      end: end.toISOString(),
      type: 'DataQuality',
      baseline,
      recordPreprocessor: 'none',
      outputS3Uri: 's3://this-machine/reports',
    });
    assert.ok(result?.report, 'the analysis opened its report');
    const before = await shownReport(result.report);
    // What the webview saved (setState) is all a reload keeps: the panel is gone, VS Code asks our serializer.
    const saved = { restore: result.report.restoreState };
    result.report.panel.dispose();
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Report', vscode.ViewColumn.Active, { enableScripts: true });
    const restored = (await extensionApi()).restorePanel(REPORT_VIEW_TYPE, panel, saved) as ReportPanel | undefined;
    assert.ok(restored, 'the reloaded report was disposed instead of restored');
    const after = await shownReport(restored);
    assert.equal(after.scheduleName, result.scheduleName);
    assert.equal(after.summary, before.summary);
    assert.equal(after.reportUri, before.reportUri);
    assert.equal(after.itemCount, before.itemCount);
    assert.deepEqual(
      after.features.map((f) => f.name),
      before.features.map((f) => f.name),
    );
    assert.deepEqual(after.violations, before.violations);
    assert.ok(after.features.length > 0);
    restored.panel.dispose();
  });

  it('charts an AWS endpoint with its SageMaker monitor and a this-machine analysis beside it, each opening its report', async () => {
    const tree = await endpointsTree();
    const endpoint = await capturingEndpointRow(tree, awsFacts.endpointName);
    // The clean hour of capture, well before the current (malformed) one.
    const hourAgo = (n: number) => new Date(Date.now() - n * HOUR_MS).toISOString();
    const analysis = await vscode.commands.executeCommand<AnalysisResult | undefined>('sagemakerModelMonitor.analyzeLocally', endpoint.node, {
      start: hourAgo(awsFacts.cleanCaptureHoursAgo + 1),
      end: hourAgo(awsFacts.cleanCaptureHoursAgo - 1),
      type: 'DataQuality',
      baseline: { statisticsS3Uri: `${awsFacts.churnBaselineUri}/statistics.json`, constraintsS3Uri: `${awsFacts.churnBaselineUri}/constraints.json` },
      recordPreprocessor: 'none',
      outputS3Uri: 's3://this-machine/reports',
    });
    assert.ok(analysis, 'the analysis ran');
    assert.match(analysis.status, /^Completed/, analysis.failureReason);
    analysis.report?.panel.dispose();

    const charts = await vscode.commands.executeCommand<ChartsPanel | undefined>('sagemakerModelMonitor.openCharts', (await capturingEndpointRow(tree, awsFacts.endpointName)).node);
    assert.ok(charts, 'the charts opened');
    const shown = await waitFor('the charts, loaded', async () => Promise.resolve(charts.shown));
    const now = Date.now();
    const runs = shown.data.executions.map((e) => `${e.scheduleName}${e.runsOn ? ' (this machine)' : ''}`);
    assert.ok(runs.includes(awsFacts.scheduleName), `the managed schedule's execution is charted: ${runs.join(', ')}`);
    assert.ok(runs.includes(`${analysis.scheduleName} (this machine)`), `the this-machine analysis is charted: ${runs.join(', ')}`);

    // The first charts shown: the drift chart has the analysis's series, marked as run on this machine.
    const first = shown.charts.map((spec) => shapeChart(spec, shown.data, now)).flatMap((c) => c.series);
    const local = first.find((series) => / · this machine$/.test(series.label) && series.points.length > 0);
    assert.ok(local, `a first chart has a this-machine series: ${first.map((x) => `${x.label} (${x.points.length})`).join(', ')}`);

    // The mean of a feature: one series per placement, both with their executions.
    const mean = shapeChart({ id: 'mean', range: { kind: 'all' }, source: 'feature', statistic: 'mean', names: ['math'] }, shown.data, now);
    assert.deepEqual(
      mean.series.map((x) => [x.label, x.points.map((p) => p.scheduleName)]),
      [
        ['math · SageMaker', [awsFacts.scheduleName]],
        ['math · this machine', [analysis.scheduleName]],
      ],
    );

    // A click on either point opens that execution's report, read from where it ran.
    const [managedPoint] = mean.series[0].points;
    const [localPoint] = mean.series[1].points;
    // One at a time: a report loads once its webview is visible.
    const managedReport = charts.openReport(managedPoint.scheduleName, managedPoint.x, managedPoint.runsOn);
    assert.ok(managedReport, 'the SageMaker point opens a report');
    assert.equal((await shownReport(managedReport)).scheduleName, awsFacts.scheduleName);
    managedReport.panel.dispose();
    const localReport = charts.openReport(localPoint.scheduleName, localPoint.x, localPoint.runsOn);
    assert.ok(localReport, 'the this-machine point opens a report');
    const localModel = await shownReport(localReport);
    assert.equal(localModel.scheduleName, analysis.scheduleName);
    assert.ok(localModel.features.some((f) => f.name === 'math' && f.current));
    localReport.panel.dispose();
    charts.panel.dispose();
  });

  it('analyses S3 capture through a record preprocessor script, which changes what is analysed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'model-monitor-preprocessor-'));
    try {
      const script = join(folder, 'keep_two.py');
      // Rows of two columns, the prediction and the first input, for the records whose prediction is at least 10.
      writeFileSync(
        script,
        [
          'def preprocess_handler(inference_record):',
          '    predicted = float(inference_record.endpoint_output.data.split(",")[0])',
          '    if predicted < 10:',
          '        return []',
          '    first = inference_record.endpoint_input.data.split(",")[0]',
          '    return {"a": predicted, "b": first}',
          '',
        ].join('\n'),
      );
      const tree = await endpointsTree();
      const end = new Date();
      const request = { start: new Date(end.getTime() - 3 * HOUR_MS).toISOString(), end: end.toISOString(), type: 'DataQuality', baseline, outputS3Uri: 's3://this-machine/reports' };
      const analyse = async (recordPreprocessor: string): Promise<ExecutionReportModel> => {
        const result = await vscode.commands.executeCommand<AnalysisResult | undefined>('sagemakerModelMonitor.analyzeLocally', (await endpointRow(tree)).node, { ...request, recordPreprocessor });
        assert.ok(result?.report, `the analysis (${recordPreprocessor}) opened no report: ${result?.failureReason ?? 'no result'}`);
        const model = await shownReport(result.report);
        result.report.panel.dispose();
        return model;
      };
      const plain = await analyse('none');
      const preprocessed = await analyse(script);
      // The report lists the baseline's features too; those of this run have current statistics.
      const analysed = (model: ExecutionReportModel) => model.features.filter((f) => f.current).map((f) => f.name);
      assert.ok(analysed(plain).length > 2, `as captured: ${analysed(plain).join(', ')}`);
      assert.equal(analysed(preprocessed).length, 2, `through the script: ${analysed(preprocessed).join(', ')}`);
      assert.ok((preprocessed.itemCount ?? 0) > 0, 'some records are kept');
      assert.ok((preprocessed.itemCount ?? 0) < (plain.itemCount ?? 0), `the script dropped records: ${preprocessed.itemCount} of ${plain.itemCount}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
