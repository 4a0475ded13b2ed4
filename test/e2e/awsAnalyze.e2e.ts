// Analyze Locally on an AWS endpoint that has data capture and no Model Monitor schedule, as a user
// does it in code-server (emulated account: our SageMaker server and moto's S3): the endpoint's context
// menu, the window, the check, the baseline in S3, the report kept on this machine; the execution
// report opens; the endpoint's charts show the analysis as a this-machine series; a window reload
// brings the report back with the same content. Screenshots aws-analyze-*.png and
// chart-aws-this-machine-*.png, in the light and the dark theme.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO } from '../../src/monitoring/demo/demoScenario';
import { awsFacts } from '../harness/awsFacts';
import { startAwsEmulators, type AwsEmulators } from '../harness/awsEmulators';
import { testSettings } from '../harness/codeServer';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { chooseMenuItem, openContextMenu } from '../harness/scheduleTour';
import { activeWebview, editorTab, expandTreeRow, runCommand, saveScreenshot, showViewContainer, treeRow, uiTimeoutMs } from '../harness/workbench';
import { openWorkbenchSession, type WorkbenchSession } from '../harness/workbenchSession';

const THEMES = [
  { name: 'light', colorTheme: 'Light 2026', colorScheme: 'light' },
  { name: 'dark', colorTheme: 'Dark 2026', colorScheme: 'dark' },
] as const;

/** Picks the quick-pick item whose label contains `text`. */
async function pickItem(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: uiTimeoutMs });
  await row.click();
}

/** Replaces the text of the input box titled `title` and accepts it. */
async function answer(page: Page, title: string, text: string): Promise<void> {
  // The widget stays on screen between two prompts: wait for this prompt's title, not just an input.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: uiTimeoutMs });
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: uiTimeoutMs });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

describe('Analyze Locally on an AWS endpoint without Model Monitor (code-server)', function () {
  this.timeout(600_000);
  let aws: AwsEmulators | undefined;
  let folder: string | undefined;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    aws = await startAwsEmulators();
    // code-server's extension host inherits this environment: the profile's shared files.
    for (const [name, value] of Object.entries(aws.environment)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    folder = mkdtempSync(join(tmpdir(), 'model-monitor-e2e-aws-'));
  });

  after(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await aws?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const theme of THEMES) {
    it(`analyses the endpoint's capture against an S3 baseline and opens the report (${theme.name})`, async () => {
      assert.ok(aws && folder);
      let session: WorkbenchSession | undefined;
      try {
        session = await openWorkbenchSession({
          folder,
          label: `e2e-aws-analyze-${theme.name}`,
          extension: { developmentPath: repoRoot },
          settings: { ...testSettings, ...aws.settings },
          colorTheme: theme.colorTheme,
          colorScheme: theme.colorScheme,
        });
        const page = session.page;
        await showViewContainer(page, 'SageMaker Model Monitor');
        await treeRow(page, awsFacts.profile).first().waitFor({ timeout: 60_000 });
        await expandTreeRow(page, awsFacts.profile);
        const endpoint = treeRow(page, awsFacts.captureOnlyEndpointName).first();
        await endpoint.waitFor({ timeout: 60_000 });
        await page.locator('.monaco-list-row .label-description', { hasText: /capture 100%/ }).first().waitFor({ timeout: 60_000 });

        const menu = await openContextMenu(page, endpoint);
        const titles = (await menu.locator('.action-label').allTextContents()).map((t) => t.trim());
        assert.ok(titles.includes('Analyze Locally…'), `the endpoint's menu lacks Analyze Locally…: ${titles.join(', ')}`);
        assert.ok(titles.includes('Create Monitor…'), `the endpoint's menu lacks Create Monitor…: ${titles.join(', ')}`);
        await chooseMenuItem(menu, 'Analyze Locally…');

        await pickItem(page, 'Last 6 hours');
        await pickItem(page, 'Data quality');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Suggest a baseline from a dataset' }).first().waitFor({ timeout: uiTimeoutMs });
        await saveScreenshot(page, join(screenshotsDir, `aws-analyze-baseline-${theme.name}.png`));
        await pickItem(page, 'Statistics and constraints in S3');
        await answer(page, 'constraints.json', `${DEMO.dataQuality.baselineUri}/constraints.json`);
        await answer(page, 'statistics.json', `${DEMO.dataQuality.baselineUri}/statistics.json`);
        await pickItem(page, 'Analyse the records as captured');
        await pickItem(page, 'Keep the report on this machine');

        await editorTab(page, 'Report: local-analysis-').first().waitFor({ timeout: 120_000 });
        const report = activeWebview(page);
        await report.locator('body').getByText(/statistics|violation/i).first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(1_000);
        await saveScreenshot(page, join(screenshotsDir, `aws-analyze-report-${theme.name}.png`));

        // The analysis is listed under the endpoint, marked as run on this machine.
        await expandTreeRow(page, awsFacts.captureOnlyEndpointName);
        const analysis = treeRow(page, /^local-analysis-abalone-xgb-demo-/).first();
        await analysis.waitFor({ timeout: 60_000 });
        assert.match((await analysis.locator('.label-description').textContent()) ?? '', /this machine/);

        // The endpoint's charts hold the analysis, marked as run on this machine.
        await chooseMenuItem(await openContextMenu(page, treeRow(page, awsFacts.captureOnlyEndpointName).first()), 'Open Charts');
        await editorTab(page, `Charts: ${awsFacts.captureOnlyEndpointName}`).first().waitFor({ timeout: uiTimeoutMs });
        const charts = activeWebview(page);
        const series = charts.locator('.chart-card[data-points] canvas[aria-label*="· this machine ("]').first();
        await series.waitFor({ timeout: 60_000 });
        assert.match((await series.getAttribute('aria-label')) ?? '', /Series: .+ · this machine \([1-9]\d* points?\)/);
        // No tooltip of the tree over the picture.
        await page.mouse.move(900, 110);
        await page.waitForTimeout(1_000);
        await saveScreenshot(page, join(screenshotsDir, `chart-aws-this-machine-${theme.name}.png`));

        // A reload keeps the report and the charts: both come back from what their webviews saved.
        await editorTab(page, 'Report: local-analysis-').first().click();
        const before = activeWebview(page).locator('#summary', { hasText: /\S/ });
        await before.waitFor({ timeout: 60_000 });
        const summary = ((await before.textContent()) ?? '').trim();
        await Promise.all([page.waitForEvent('load', { timeout: uiTimeoutMs * 3 }), runCommand(page, 'Developer: Reload Window')]);
        await editorTab(page, 'Report: local-analysis-').first().waitFor({ timeout: uiTimeoutMs * 3 });
        await editorTab(page, `Charts: ${awsFacts.captureOnlyEndpointName}`).first().waitFor({ timeout: uiTimeoutMs * 3 });
        await editorTab(page, 'Report: local-analysis-').first().click();
        const restored = activeWebview(page);
        await restored.locator('#summary', { hasText: /\S/ }).waitFor({ timeout: 60_000 });
        assert.equal(((await restored.locator('#summary').textContent()) ?? '').trim(), summary, 'the reloaded report shows the same summary');
      } finally {
        if (session) await saveScreenshot(session.page, join(screenshotsDir, `e2e-last-aws-analyze-${theme.name}.png`)).catch(() => undefined);
        await session?.close();
      }
    });
  }
});
