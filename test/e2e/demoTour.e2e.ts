// A newcomer's first minute with the demo, in a real VS Code (code-server) driven by headless Chromium.
// The steps run in order on one workbench, as a user would take them.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoFacts } from '../harness/demoFacts';
import { executionWithViolations, expandReportFeature, expandToExecutions, openChartsFromPalette, openEndpointsView, openExecutionReport, readViolationsTable, type ExecutionRow } from '../harness/demoTour';
import { testSettings } from '../harness/codeServer';
import { temporaryDemoWorkspace } from '../harness/demoWorkspace';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { activeWebview, runCommand, saveScreenshot, treeRow } from '../harness/workbench';
import { openWorkbenchSession, type WorkbenchSession } from '../harness/workbenchSession';

describe('The abalone demo in the workbench', function () {
  this.timeout(180_000);
  let workspace: { dir: string; remove: () => void } | undefined;
  let session: WorkbenchSession | undefined;
  let executions: ExecutionRow[] = [];

  const page = () => {
    assert.ok(session, 'the workbench did not open');
    return session.page;
  };

  before(async () => {
    workspace = await temporaryDemoWorkspace();
    session = await openWorkbenchSession({ folder: workspace.dir, label: 'e2e', extension: { developmentPath: repoRoot }, settings: testSettings });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !session) return;
    const name = (this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) || 'test').toLowerCase();
    await saveScreenshot(session.page, join(screenshotsDir, `e2e-failed-${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    workspace?.remove();
  });

  it('shows the SageMaker Model Monitor icon, whose Endpoints view lists the demo workspace', async () => {
    const connection = await openEndpointsView(page());
    assert.ok(await connection.isVisible());
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-1-endpoints.png'));
  });

  it('expands the demo workspace down to monitoring executions, with their violation counts', async () => {
    executions = await expandToExecutions(page());
    assert.ok(executions.length > 0, 'no execution rows appeared under the schedules');
    for (const schedule of demoFacts.scheduleNames) assert.ok(await treeRow(page(), schedule).first().isVisible(), `schedule ${schedule} is not shown`);
    assert.ok(executions.some((e) => e.violations > 0), 'no execution shows a violation count');
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-2-executions.png'));
  });

  it("opens an execution's report, whose violations table has one row per violation", async () => {
    const execution = executionWithViolations(executions);
    const table = await readViolationsTable(await openExecutionReport(page(), execution));
    assert.equal(table.headers[0], 'Feature');
    assert.equal(table.headers[table.headers.length - 1], 'Description (SageMaker)');
    assert.equal(table.rows.length, execution.violations, `the tree said ${execution.violations} violations for ${execution.label}`);
    for (const row of table.rows) assert.ok(row[0] && row[1], `a violation row lacks its feature or check: ${JSON.stringify(row)}`);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-3-report.png'));
  });

  it("explains the report: a summary line first, and Sex's distributions overlaid with its drift distance against the threshold", async () => {
    const report = activeWebview(page());
    // The demo's scheduler may add an hour while the suite runs, and some hours drift in Rings too.
    assert.match((await report.locator('#summary').textContent()) ?? '', /^\d+ of \d+ features violate; drift in (?:\w+ \(0\.\d+ > 0\.1\), )*Sex \(0\.\d+ > 0\.1\)/);
    const sex = await expandReportFeature(report, 'Sex');
    const drift = (await sex.locator('p.drift').textContent()) ?? '';
    assert.match(drift, /Drift distance 0\.\d+ > threshold 0\.1 · LInfinity, Robust · SageMaker's value 0\.\d{6,}/);
    assert.equal(await sex.locator('canvas.overlay').count(), 1);
    // The violation rows carry our reading beside SageMaker's own text.
    const row = report.locator('#violations tbody tr', { hasText: 'baseline_drift_check' }).first();
    assert.match((await row.locator('.explanation').textContent()) ?? '', /^distance 0\.\d+ > threshold 0\.1$/);
  });

  it('charts the drift of Sex and the rmse over the 48 hours with their thresholds; a click on a point opens that hour\'s report', async () => {
    const charts = await openChartsFromPalette(page());
    const cards = charts.locator('.chart-card[data-chart-id]');
    assert.equal(await cards.count(), 2);
    const [sex, rmse] = [cards.nth(0), cards.nth(1)];
    assert.match((await sex.locator('h2').textContent()) ?? '', /^Baseline drift distance: Sex$/);
    assert.match((await rmse.locator('h2').textContent()) ?? '', /^Model quality: rmse$/);
    for (const card of [sex, rmse]) {
      assert.equal(await card.getAttribute('data-points'), '48');
      assert.equal(await card.getAttribute('data-thresholds'), '1');
      assert.ok(Number(await card.getAttribute('data-violations')) > 0);
    }
    assert.equal(await charts.locator('#drift-overview').getAttribute('data-executions'), '48');
    const canvas = sex.locator('canvas');
    await canvas.scrollIntoViewIfNeeded();
    const [x, y] = ((await canvas.getAttribute('data-last-point')) ?? '').split(',').map(Number);
    await canvas.click({ position: { x, y } });
    // The newest hour's report becomes the active editor (opened, or brought forward if it was open).
    const newest = executions.filter((e) => e.scheduleName === demoFacts.scheduleNames[0])[0];
    await page().locator('.tabs-container .tab.active', { hasText: `Report: abalone-data-quality-hourly · ${newest.label}` }).waitFor();
  });

  it('keeps the demo workspace in the tree after "SageMaker Model Monitor: Refresh" from the command palette', async () => {
    await runCommand(page(), 'SageMaker Model Monitor: Refresh');
    await treeRow(page(), demoFacts.workspaceName).first().waitFor();
  });
});
