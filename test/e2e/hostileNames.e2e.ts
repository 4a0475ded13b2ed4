// The report and the charts with hostile feature names, as a workspace from an untrusted source would
// have them: markup, a closing script tag, a 5,000-character name and right-to-left override text. No
// script may run, no Content Security Policy violation may be reported, and the layout must hold.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { demoFacts } from '../harness/demoFacts';
import { executionWithViolations, expandReportFeature, expandToExecutions, openChartsFromPalette, openEndpointsView, openExecutionReport } from '../harness/demoTour';
import { testSettings } from '../harness/codeServer';
import { temporaryDemoWorkspace } from '../harness/demoWorkspace';
import { repoRoot, screenshotsDir } from '../harness/paths';
import { saveScreenshot } from '../harness/workbench';
import { openWorkbenchSession, type WorkbenchSession } from '../harness/workbenchSession';

const PWN = `document.body.setAttribute('data-pwned','1')`;
const hostile = {
  Sex: `<img src=x onerror="${PWN}">`,
  Length: `</script><script>${PWN}</script>`,
  Diameter: `W${'w'.repeat(4998)}W`,
  Height: 'abc\u202Eelbat\u202C-xyz',
} as const;

/** Every JSON file under `dir`. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

/** Renames the demo's features in every statistics, constraints and violations file (baselines included). */
function renameFeatures(workspace: string): void {
  for (const file of jsonFiles(join(workspace, 's3'))) {
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of Object.entries(hostile)) text = text.split(`"${from}"`).join(JSON.stringify(to));
    writeFileSync(file, text);
  }
}

describe('Hostile feature names in the report and the charts', function () {
  this.timeout(240_000);
  let workspace: { dir: string; remove: () => void } | undefined;
  let session: WorkbenchSession | undefined;
  const cspViolations: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    workspace = await temporaryDemoWorkspace();
    renameFeatures(workspace.dir);
    session = await openWorkbenchSession({ folder: workspace.dir, label: 'e2e-hostile', extension: { developmentPath: repoRoot }, settings: testSettings });
    session.page.on('console', (m: ConsoleMessage) => {
      const text = m.text();
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(text)) cspViolations.push(text);
    });
    session.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await session?.close();
    workspace?.remove();
  });

  it('shows every hostile name as text in the report, runs no script and keeps the columns on screen', async () => {
    assert.ok(session);
    const page = session.page;
    await openEndpointsView(page);
    const executions = await expandToExecutions(page);
    const report = await openExecutionReport(page, executionWithViolations(executions, demoFacts.scheduleNames[0]));
    await expandReportFeature(report, hostile.Sex);
    await expandReportFeature(report, hostile.Diameter);
    // The markup is text: no image element was made from it, and its onerror never ran.
    assert.equal(await report.locator('img').count(), 0);
    assert.equal(await report.locator('[data-pwned]').count(), 0);
    assert.ok((await report.locator('#violations').textContent())?.includes(hostile.Sex), 'the name is shown as it is');
    // A 5,000-character name is cut, with the whole of it in the tooltip, and the table still fits.
    const long = report.locator('#violations bdi.name', { hasText: 'Wwww' }).first();
    assert.equal(await long.getAttribute('title'), hostile.Diameter);
    assert.ok(((await long.textContent()) ?? '').length < 100);
    const table = await report.locator('#violations').boundingBox();
    const body = await report.locator('body').boundingBox();
    assert.ok(table && body && table.width <= body.width + 1, `the violations table is ${table?.width}px wide in a ${body?.width}px page`);
    // Right-to-left text is isolated: it sits in its own <bdi>, so it cannot reverse the cells around it.
    assert.ok(await report.locator('bdi.name', { hasText: 'abc' }).count());
    await saveScreenshot(page, join(screenshotsDir, 'e2e-hostile-report.png'));
  });

  it('charts the hostile features without running a script', async () => {
    assert.ok(session);
    const charts = await openChartsFromPalette(session.page);
    assert.equal(await charts.locator('img').count(), 0);
    assert.equal(await charts.locator('[data-pwned]').count(), 0);
    const options = await charts.locator('vscode-multi-select.names vscode-option').allTextContents();
    assert.ok(options.some((o) => o.includes('<img')), `the feature picker lists the names as text: ${options.slice(0, 5).join(' | ')}`);
    await saveScreenshot(session.page, join(screenshotsDir, 'e2e-hostile-charts.png'));
  });

  it('reported no Content Security Policy violation and opened no dialog', () => {
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(dialogs, []);
  });
});
