// A new user with no monitoring workspace: the Endpoints view welcomes them, and one click builds the
// abalone demo and shows it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSettings } from '../harness/codeServer';
import { demoFacts } from '../harness/demoFacts';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { rowDescription, saveScreenshot, showViewContainer, treeRow } from '../harness/workbench';
import { openWorkbenchSession, type WorkbenchSession } from '../harness/workbenchSession';

describe('The Endpoints view for a new user, in code-server', () => {
  let folder: string | undefined;
  let session: WorkbenchSession | undefined;

  const page = () => {
    assert.ok(session, 'the workbench did not open');
    return session.page;
  };

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'model-monitor-empty-'));
    session = await openWorkbenchSession({ folder, label: 'e2e-welcome', extension: { developmentPath: repoRoot }, settings: testSettings });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await saveScreenshot(session.page, join(screenshotsDir, 'e2e-failed-welcome.png')).catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('welcomes them with a way to the demo, to AWS and to a local folder', async () => {
    await showViewContainer(page(), demoFacts.containerTitle);
    const welcome = page().locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 60_000 });
    for (const button of ['Open the Abalone Demo', 'Add AWS Connection', 'Add Local Workspace Folder']) {
      assert.ok(await welcome.getByRole('button', { name: button }).isVisible(), `no "${button}" button in the welcome view`);
    }
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-welcome.png'));
  });

  it('builds the demo when they click "Open the Abalone Demo", and lists it with its endpoint', async () => {
    await page().locator('.welcome-view-content').getByRole('button', { name: 'Open the Abalone Demo' }).click();
    const demo = treeRow(page(), demoFacts.workspaceName).first();
    await demo.waitFor({ timeout: 90_000 });
    assert.equal(await rowDescription(demo), 'Built-in demo');
    await treeRow(page(), demoFacts.endpointName).first().waitFor({ timeout: 30_000 });
    await saveScreenshot(page(), join(screenshotsDir, 'e2e-welcome-demo-built.png'));
  });
});
