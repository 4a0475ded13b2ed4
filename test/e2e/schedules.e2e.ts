// Stopping, starting and deleting a monitoring schedule in code-server, as a user does: the context
// menu, the inline buttons, and the modal confirmation that names what goes.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { testSettings } from '../harness/codeServer';
import { demoFacts } from '../harness/demoFacts';
import { temporaryDemoWorkspace } from '../harness/demoWorkspace';
import { openEndpointsView } from '../harness/demoTour';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { chooseMenuItem, clickInlineAction, modalDialog, monitorRow, openContextMenu, pressDialogButton, waitForStatus } from '../harness/scheduleTour';
import { saveScreenshot, treeRow, uiTimeoutMs } from '../harness/workbench';
import { openWorkbenchSession, type WorkbenchSession } from '../harness/workbenchSession';

describe('Monitoring schedules in the workbench: stop, start, delete', function () {
  this.timeout(180_000);
  const [dataQuality, modelQuality] = demoFacts.scheduleNames;
  let workspace: { dir: string; remove: () => void } | undefined;
  let session: WorkbenchSession | undefined;

  const page = () => {
    assert.ok(session, 'the workbench did not open');
    return session.page;
  };

  before(async () => {
    workspace = await temporaryDemoWorkspace();
    session = await openWorkbenchSession({ folder: workspace.dir, label: 'e2e-schedules', extension: { developmentPath: repoRoot }, settings: testSettings });
    await openEndpointsView(session.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !session) return;
    const name = (this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) || 'test').toLowerCase();
    await saveScreenshot(session.page, join(screenshotsDir, `e2e-failed-schedules-${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    workspace?.remove();
  });

  it("stops a schedule from its row's context menu", async () => {
    const row = await monitorRow(page(), dataQuality);
    const menu = await openContextMenu(page(), row);
    const titles = (await menu.locator('.action-label').allTextContents()).map((t) => t.trim()).filter(Boolean);
    for (const title of ['Run Monitor Now', 'Stop Monitoring Schedule', 'Delete Monitoring Schedule…', 'Copy ARN']) assert.ok(titles.includes(title), `the menu lacks ${title}: ${titles.join(', ')}`);
    assert.ok(!titles.includes('Start Monitoring Schedule'), 'a Scheduled monitor offers Start');
    assert.ok(!titles.includes('Open in AWS Console'), 'a local monitor offers the AWS console');
    await chooseMenuItem(menu, 'Stop Monitoring Schedule');
    assert.match(await waitForStatus(page(), dataQuality, 'Stopped'), /^Stopped · Data quality$/);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-schedule-stopped.png'));
  });

  it('starts it again with the inline button', async () => {
    const row = await monitorRow(page(), dataQuality);
    await clickInlineAction(row, 'Start Monitoring Schedule');
    await waitForStatus(page(), dataQuality, 'Scheduled');
  });

  it('asks before deleting, naming the schedule and its job definition and keeping the data; Cancel keeps it', async () => {
    const menu = await openContextMenu(page(), await monitorRow(page(), modelQuality));
    await chooseMenuItem(menu, 'Delete Monitoring Schedule…');
    const dialog = await modalDialog(page());
    assert.equal(dialog.message, `Delete the monitoring schedule ${modelQuality}?`);
    assert.match(dialog.detail, new RegExp(`the monitoring schedule ${modelQuality}`));
    assert.match(dialog.detail, /job definition/);
    assert.match(dialog.detail, /Captured data, monitoring reports and baselines are not deleted/);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-schedule-delete-confirm.png'));
    await pressDialogButton(dialog, 'Cancel');
    await treeRow(page(), modelQuality).first().waitFor({ timeout: uiTimeoutMs });
  });

  it('deletes it when confirmed: the monitor leaves the tree', async () => {
    const menu = await openContextMenu(page(), await monitorRow(page(), modelQuality));
    await chooseMenuItem(menu, 'Delete Monitoring Schedule…');
    await pressDialogButton(await modalDialog(page()), 'Delete Schedule');
    await treeRow(page(), modelQuality).first().waitFor({ state: 'detached', timeout: uiTimeoutMs });
    assert.ok(await treeRow(page(), dataQuality).first().isVisible(), 'the other monitor is still there');
  });
});
