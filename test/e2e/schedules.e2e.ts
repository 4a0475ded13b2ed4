// Stopping, starting and deleting a monitoring schedule in code-server, as a user does: the context
// menu, the inline buttons, and the modal confirmation that names what goes.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoFacts } from '../harness/demoFacts';
import { screenshotsDir } from '../harness/paths';
import { useWorkbenchSuite } from '../harness/workbenchSuite';
import { chooseMenuItem, clickInlineAction, modalDialog, monitorRow, openContextMenu, pressDialogButton, waitForStatus } from '../harness/scheduleTour';
import { saveScreenshot, treeRow, uiTimeoutMs } from '../harness/workbench';

describe('Monitoring schedules in the workbench: stop, start, delete', function () {
  this.timeout(180_000);
  const [dataQuality, modelQuality] = demoFacts.scheduleNames;
  const suite = useWorkbenchSuite('schedules');
  const page = () => suite.page();

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
