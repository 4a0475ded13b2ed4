// The schedule wizard in a real VS Code (code-server): the chapter's data-quality and model-quality
// monitors created on the demo by typing into the webview, found in the tree; a typed form survives a
// window reload.
import * as assert from 'node:assert/strict';
import { demoFacts } from '../harness/demoFacts';
import { useWorkbenchSuite } from '../harness/workbenchSuite';
import { editorTab, expandTreeRow, activeWebview, runCommand, treeRow, uiTimeoutMs } from '../harness/workbench';
import { chapterMonitors, createAndWait, fieldMessage, fieldValue, fillChapterMonitor, goToStep, openWizard, typeInto, WIZARD_TITLES } from '../harness/wizardTour';

describe('The schedule wizard on the abalone demo', function () {
  this.timeout(300_000);
  const suite = useWorkbenchSuite('wizard');
  const page = () => suite.page();

  it('says what is wrong beside a field as it is typed, and what blocks Create', async () => {
    const webview = await openWizard(page(), 'DataQuality');
    await typeInto(webview, 'scheduleName', 'bad_name');
    assert.match(await fieldMessage(webview, 'scheduleName'), /letters, digits and hyphens/);
    await goToStep(webview, 'review');
    assert.match((await webview.locator('#blockers').textContent()) ?? '', /Schedule › Monitor name: .*Baseline › Baseline dataset/s);
    await goToStep(webview, 'schedule');
    await typeInto(webview, 'scheduleName', 'abalone-good-name');
    assert.equal(await fieldMessage(webview, 'scheduleName'), '');
  });

  it('keeps a typed form across a window reload', async () => {
    const webview = activeWebview(page());
    await typeInto(webview, 'scheduleName', 'abalone-survives-reload');
    await goToStep(webview, 'job');
    await typeInto(webview, 'outputS3Uri', 's3://model-monitor-demo/kept/after/reload');
    // As a user reloads: the workbench saves its state (the webview's with it) before it reloads.
    await Promise.all([page().waitForEvent('load', { timeout: uiTimeoutMs * 3 }), runCommand(page(), 'Developer: Reload Window')]);
    await editorTab(page(), WIZARD_TITLES.DataQuality).first().waitFor({ timeout: uiTimeoutMs * 3 });
    const restored = activeWebview(page());
    await restored.locator('#section-job').waitFor({ state: 'visible', timeout: uiTimeoutMs * 2 });
    assert.equal(await fieldValue(restored, 'outputS3Uri'), 's3://model-monitor-demo/kept/after/reload');
    await goToStep(restored, 'schedule');
    assert.equal(await fieldValue(restored, 'scheduleName'), 'abalone-survives-reload');
  });

  for (const kind of ['DataQuality', 'ModelQuality'] as const) {
    it(`creates the chapter's ${kind === 'DataQuality' ? 'data-quality' : 'model-quality'} monitor, baseline first, and shows it in the tree`, async () => {
      const webview = await openWizard(page(), kind);
      await fillChapterMonitor(webview, kind);
      const requests = (await webview.locator('#requests').textContent()) ?? '';
      assert.match(requests, new RegExp(`// Create${kind}JobDefinition`));
      assert.match(requests, /"ScheduleExpression": "cron\(0 \* \? \* \* \*\)"/);
      assert.match((await webview.locator('#python').textContent()) ?? '', kind === 'DataQuality' ? /DefaultModelMonitor\(/ : /ModelQualityMonitor\(/);
      const outcome = await createAndWait(webview);
      assert.match(outcome, new RegExp(`Created monitor ${chapterMonitors[kind].name} \\(Scheduled\\)`));
      assert.match((await webview.locator('#progress').textContent()) ?? '', /Running the baseline job: Baseline job .* completed/);
      await expandTreeRow(page(), demoFacts.workspaceName);
      await expandTreeRow(page(), demoFacts.endpointName);
      await treeRow(page(), chapterMonitors[kind].name).first().waitFor({ timeout: uiTimeoutMs });
    });
  }
});
