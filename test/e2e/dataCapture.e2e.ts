// Data capture and baselines in code-server, as a user reaches them from the demo endpoint: the Data
// capture row, Update Data Capture… refusing a sampling over 100, Browse Captured Data… (the table,
// then a raw capture file at its line) and Disable Data Capture. On its own copy of the demo, since disabling changes it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { browseLastDay, capturedRows, closeQuickInput, contextMenu, openRawLine, showDataCaptureRow, typeSamplingPercentage } from '../harness/captureTour';
import { testSettings } from '../harness/codeServer';
import { openEndpointsView } from '../harness/demoTour';
import { temporaryDemoWorkspace } from '../harness/demoWorkspace';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { rowDescription, saveScreenshot, treeRow, uiTimeoutMs } from '../harness/workbench';
import { openWorkbenchSession, type WorkbenchSession } from '../harness/workbenchSession';

describe('Data capture and baselines in the workbench', function () {
  this.timeout(180_000);
  let workspace: { dir: string; remove: () => void } | undefined;
  let session: WorkbenchSession | undefined;

  const page = () => {
    assert.ok(session, 'the workbench did not open');
    return session.page;
  };

  before(async () => {
    workspace = await temporaryDemoWorkspace();
    session = await openWorkbenchSession({ folder: workspace.dir, label: 'e2e-data-capture', extension: { developmentPath: repoRoot }, settings: testSettings });
    await openEndpointsView(session.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !session) return;
    const name = (this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) || 'test').toLowerCase();
    await saveScreenshot(session.page, join(screenshotsDir, `e2e-failed-capture-${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    workspace?.remove();
  });

  it('shows capture on under the endpoint; a sampling of 150 is refused as typed and changes nothing', async () => {
    const row = await showDataCaptureRow(page());
    const before = await rowDescription(row);
    assert.match(before, /^On · \d+%/);
    const message = await typeSamplingPercentage(page(), row, '150');
    assert.match(message, /150 is more than 100: enter 0 to 100\./);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-capture-sampling-refused.png'));
    await closeQuickInput(page());
    assert.equal(await rowDescription(await showDataCaptureRow(page())), before);
  });

  it('browses the last 24 hours as a table, and a file:line opens the raw capture file', async () => {
    const webview = await browseLastDay(page(), await showDataCaptureRow(page()));
    const rows = await capturedRows(webview);
    assert.ok(rows.length > 0, 'the table has no rows');
    const headers = (await webview.locator('table#captured thead th').allTextContents()).map((t) => t.trim().toLowerCase());
    for (const column of ['time', 'inference id', 'input', 'output']) assert.ok(headers.some((h) => h.includes(column)), `no ${column} column: ${headers.join(', ')}`);
    const [first] = rows;
    assert.ok(first, 'the table has no rows');
    assert.ok(first.some((cell) => /^\d{4}-\d\d-\d\d/.test(cell)), `no time in ${first.join(' | ')}`);
    assert.ok(first.some((cell) => /\.jsonl:\d+$/.test(cell)), `no file:line in ${first.join(' | ')}`);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-capture-browse-table.png'));
    const link = await openRawLine(page(), webview, 0);
    const line = Number(link.slice(link.lastIndexOf(':') + 1));
    // The cursor is put on the row's line: the status bar says so.
    await page().locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}\\b`) }).first().waitFor({ timeout: uiTimeoutMs });
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-capture-raw-line.png'));
  });

  it('disables data capture: the row says Off', async () => {
    const row = await showDataCaptureRow(page());
    await contextMenu(page(), row, 'Disable Data Capture');
    await treeRow(page(), 'Data capture').first().locator('.label-description', { hasText: /^Off$/ }).waitFor({ timeout: uiTimeoutMs });
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-capture-disabled.png'));
  });
});
