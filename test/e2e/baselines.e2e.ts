// Baselines in code-server, as a user makes and edits them on the demo: Suggest Baseline… from the
// palette on the training CSV opens statistics and constraints side by side; Edit Constraints on a
// monitor refuses an invalid save with a message and leaves the file alone, and writes a valid one only
// after the confirmation, keeping the previous version beside it.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO } from '../../src/monitoring/demo/demoScenario';
import { WorkspaceLayout } from '../../src/monitoring/local/workspaceLayout';
import { breakInferredType, constraintsTab, hideNotifications, isDirty, notificationMessage, replaceInActiveEditor, suggestBaselineFromFile } from '../harness/baselineTour';
import { openMonitorConstraints } from '../harness/captureTour';
import { demoFacts } from '../harness/demoFacts';
import { screenshotsDir } from '../harness/paths';
import { modalDialog, monitorRow, pressDialogButton } from '../harness/scheduleTour';
import { runCommand, saveScreenshot, uiTimeoutMs } from '../harness/workbench';
import { useWorkbenchSuite } from '../harness/workbenchSuite';

/** Polls `check` until it returns a value (the extension writes after the UI has moved on). */
async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = uiTimeoutMs): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Baselines in the workbench: suggest, edit constraints', function () {
  this.timeout(240_000);
  const suite = useWorkbenchSuite('baselines');
  const page = () => suite.page();
  const layout = () => new WorkspaceLayout(suite.workspaceDir());

  it('suggests a baseline from a CSV of this machine: statistics and constraints open side by side', async () => {
    const dataset = layout().objectFile(DEMO.trainUri);
    const folder = await suggestBaselineFromFile(page(), dataset);
    assert.match(folder, /^s3:\/\/model-monitor-baselines\/abalone_train-baseline-\d{8}T\d{6}Z$/);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-baseline-suggested.png'));
    const statistics = JSON.parse(readFileSync(layout().objectFile(`${folder}/statistics.json`), 'utf8')) as { dataset?: { item_count?: number } };
    const rows = readFileSync(dataset, 'utf8').trim().split('\n').length - 1;
    assert.equal(statistics.dataset?.item_count, rows, 'statistics.json does not count the rows of the dataset');
    const constraints = JSON.parse(readFileSync(layout().objectFile(`${folder}/constraints.json`), 'utf8')) as { features?: { name: string }[] };
    assert.deepEqual(constraints.features?.map((f) => f.name), readFileSync(dataset, 'utf8').split('\n')[0]?.split(','));
  });

  it('refuses to save invalid constraints, with a message, and leaves the file as it was', async () => {
    await runCommand(page(), 'View: Close All Editor Groups');
    await monitorRow(page(), demoFacts.scheduleNames[0]);
    await openMonitorConstraints(page(), demoFacts.scheduleNames[0]);
    const file = layout().objectFile(`${DEMO.dataQuality.baselineUri}/constraints.json`);
    const original = readFileSync(file, 'utf8');
    // The contributed schema marks the wrong type as it is typed, before any save.
    await breakInferredType(page());
    await page().keyboard.press('Control+s');
    const message = await notificationMessage(page(), /^Not saved: /);
    assert.match(message, /constraints\.json: features\[0\]\.inferred_type: must be one of .*found the string "Decimal"/, `the message does not say what is wrong and where: ${message}`);
    assert.match(message, /your changes are still in the editor/);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-baseline-invalid-refused.png'));
    await hideNotifications(page());
    assert.ok(await isDirty(constraintsTab(page())), 'the editor lost the unsaved change');
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.deepEqual(readdirSync(dirname(file)).filter((name) => name.includes('.bak-')), [], 'a refused save left a backup');
  });

  it('writes a valid edit after the confirmation, keeping the previous version as constraints.json.bak-<UTC>', async () => {
    const file = layout().objectFile(`${DEMO.dataQuality.baselineUri}/constraints.json`);
    const original = readFileSync(file, 'utf8');
    await replaceInActiveEditor(page(), 'Decimal', 'Integral');
    await page().keyboard.press('Control+s');
    const dialog = await modalDialog(page());
    assert.equal(dialog.message, `Replace ${DEMO.dataQuality.baselineUri}/constraints.json?`);
    assert.match(dialog.detail, /kept beside it as constraints\.json\.bak-\d{8}T\d{6}Z/);
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-baseline-replace-confirm.png'));
    await pressDialogButton(dialog, 'Replace');
    const backup = await eventually('the backup', () => readdirSync(dirname(file)).find((name) => /^constraints\.json\.bak-\d{8}T\d{6}Z$/.test(name)));
    assert.equal(readFileSync(join(dirname(file), backup), 'utf8'), original);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { features: { name: string; inferred_type: string }[] };
    assert.deepEqual(saved.features[0], { ...(JSON.parse(original) as { features: object[] }).features[0], inferred_type: 'Integral' });
    await constraintsTab(page()).and(page().locator('.tab:not(.dirty)')).waitFor({ timeout: uiTimeoutMs });
  });
});
