// The setup every demo spec repeats, as mocha hooks: a fresh copy of the demo workspace, code-server
// with the extension under development, the Endpoints view open; a screenshot of the page when a test
// fails; everything removed afterwards.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { testSettings } from './codeServer';
import { openEndpointsView } from './demoTour';
import { temporaryDemoWorkspace } from './demoWorkspace';
import { repoRoot, screenshotsDir } from './paths';
import { saveScreenshot } from './workbench';
import { openWorkbenchSession, type WorkbenchSession } from './workbenchSession';

export interface WorkbenchSuite {
  /** The workbench page (fails the test if the workbench did not open). */
  page(): Page;
  /** The demo workspace's folder on this machine (the test's own copy). */
  workspaceDir(): string;
}

/**
 * Registers before/afterEach/after hooks in the calling `describe`. `label` names code-server's log
 * (test-results/code-server-e2e-<label>.log) and failure screenshots (e2e-failed-<label>-<test>.png).
 */
export function useWorkbenchSuite(label: string): WorkbenchSuite {
  let workspace: { dir: string; remove: () => void } | undefined;
  let session: WorkbenchSession | undefined;

  before(async () => {
    workspace = await temporaryDemoWorkspace();
    session = await openWorkbenchSession({ folder: workspace.dir, label: `e2e-${label}`, extension: { developmentPath: repoRoot }, settings: testSettings });
    await openEndpointsView(session.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !session) return;
    const name = (this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) || 'test').toLowerCase();
    await saveScreenshot(session.page, join(screenshotsDir, `e2e-failed-${label}-${name}.png`)).catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    workspace?.remove();
  });

  return {
    page: () => {
      assert.ok(session, 'the workbench did not open');
      return session.page;
    },
    workspaceDir: () => {
      assert.ok(workspace, 'the demo workspace was not built');
      return workspace.dir;
    },
  };
}
