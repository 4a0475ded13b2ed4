// The steps a newcomer takes through the demo: open the Endpoints view, expand the demo workspace
// down to its monitoring executions, open an execution's report. The end-to-end specs check each
// step; `npm run demo -- --screenshots` photographs them.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { demoFacts } from './demoFacts';
import { activeWebview, editorTab, expandTreeRow, rowDescription, runCommand, showViewContainer, treeRow, uiTimeoutMs } from './workbench';

/** Reports and trees read files and may run the analyzer: give them longer than a click. */
const loadTimeoutMs = 60_000;

/** Clicks the activity-bar icon and waits for the demo workspace's row. */
export async function openEndpointsView(page: Page): Promise<Locator> {
  await showViewContainer(page, demoFacts.containerTitle);
  const connection = treeRow(page, demoFacts.workspaceName).first();
  await connection.waitFor({ timeout: loadTimeoutMs });
  return connection;
}

export interface ExecutionRow {
  readonly row: Locator;
  readonly label: string;
  /** The schedule the row is under. */
  readonly scheduleName: string;
  /** The violation count its description shows. */
  readonly violations: number;
}

/**
 * Expands connection → endpoint → every schedule (or only `onlySchedule`, collapsing the others, since
 * the tree renders only the rows on screen); returns the execution rows then visible.
 */
export async function expandToExecutions(page: Page, onlySchedule?: string): Promise<ExecutionRow[]> {
  await expandTreeRow(page, demoFacts.workspaceName);
  await expandTreeRow(page, demoFacts.endpointName);
  for (const schedule of demoFacts.scheduleNames) {
    if (onlySchedule === undefined || schedule === onlySchedule) await expandTreeRow(page, schedule);
    else await collapseTreeRow(page, schedule);
  }
  const executions = treeRow(page, demoFacts.executionLabel);
  await executions.first().waitFor({ timeout: loadTimeoutMs });
  const scheduleIndex: { name: string; index: number }[] = [];
  for (const schedule of demoFacts.scheduleNames) {
    scheduleIndex.push({ name: schedule, index: Number(await treeRow(page, schedule).first().getAttribute('data-index')) });
  }
  scheduleIndex.sort((a, b) => a.index - b.index);
  const rows: (ExecutionRow & { index: number })[] = [];
  for (const found of await executions.all()) {
    // The list reuses and reorders its row elements, so a row is pinned by its index in the tree.
    const index = Number(await found.getAttribute('data-index'));
    const row = executions.and(page.locator(`[data-index="${index}"]`));
    const label = (await row.locator('.label-name').textContent()) ?? '';
    const scheduleName = scheduleIndex.filter((s) => s.index < index).pop()?.name ?? '';
    rows.push({ row, index, label, scheduleName, violations: violationCount(await rowDescription(row)) });
  }
  return rows.sort((a, b) => a.index - b.index);
}

async function collapseTreeRow(page: Page, label: string): Promise<void> {
  const row = treeRow(page, label).first();
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) === 'true') {
    await row.locator('.monaco-tl-twistie').click();
    await row.and(page.locator('[aria-expanded="false"]')).waitFor();
  }
}

/** The first number in an execution's description ("3 violations"); 0 when it shows none. */
function violationCount(description: string): number {
  const match = /\d+/.exec(description);
  return match ? Number(match[0]) : 0;
}

/** The first execution that found violations (of `scheduleName`, if given): the one whose report has something to show. */
export function executionWithViolations(executions: readonly ExecutionRow[], scheduleName?: string): ExecutionRow {
  const found = executions.find((e) => e.violations > 0 && (scheduleName === undefined || e.scheduleName === scheduleName));
  if (!found) {
    const shown = executions.map((e) => `${e.label} (${e.violations})`).join(', ');
    throw new Error(`No execution of the demo shows violations in its description; the tree shows: ${shown}`);
  }
  return found;
}

/** Clicks an execution row and waits for its report's violations table; returns the webview. */
export async function openExecutionReport(page: Page, execution: ExecutionRow): Promise<FrameLocator> {
  await execution.row.click();
  await editorTab(page, 'Report: ').first().waitFor({ timeout: uiTimeoutMs });
  const webview = activeWebview(page);
  await webview.locator('table#violations').waitFor({ timeout: loadTimeoutMs });
  return webview;
}

export interface ViolationsTable {
  readonly headers: string[];
  readonly rows: string[][];
}

/** The report's violations table as text. */
export async function readViolationsTable(webview: FrameLocator): Promise<ViolationsTable> {
  const table = webview.locator('table#violations');
  const headers = (await table.locator('thead th').allTextContents()).map((text) => text.trim());
  const rows: string[][] = [];
  for (const row of await table.locator('tbody tr').all()) {
    rows.push((await row.locator('td').allTextContents()).map((text) => text.trim()));
  }
  return { headers, rows };
}

/** Opens a feature's details in the report and waits for its distribution overlay. */
export async function expandReportFeature(webview: FrameLocator, feature: string): Promise<Locator> {
  // A CSS string, so that a feature name with quotes or markup selects itself.
  const quoted = `"${feature.replace(/["\\]/g, '\\$&')}"`;
  const details = webview.locator(`details.feature[data-feature=${quoted}]`);
  await details.locator('summary').click();
  await details.locator('canvas.overlay').waitFor({ timeout: loadTimeoutMs });
  return details;
}

/**
 * "SageMaker Model Monitor: Open Charts" from the command palette, picking the demo's connection and
 * endpoint when asked; waits for the charts and the drift overview.
 */
export async function openChartsFromPalette(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'SageMaker Model Monitor: Open Charts');
  const input = page.locator('.quick-input-widget input');
  const tab = editorTab(page, 'Charts: ').first();
  // Our quick picks (titled "Chart …") appear only when there is a choice to make.
  const pick = page.locator('.quick-input-widget .quick-input-title', { hasText: /^Chart / });
  for (let step = 0; step < 2; step++) {
    await Promise.race([pick.waitFor({ timeout: uiTimeoutMs }), tab.waitFor({ timeout: uiTimeoutMs })].map((p) => p.catch(() => undefined)));
    if (await tab.isVisible()) break;
    const wanted = /connection/.test((await pick.textContent()) ?? '') ? demoFacts.workspaceName : demoFacts.endpointName;
    await input.fill(wanted);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: wanted }).first().click();
    await pick.filter({ hasText: wanted === demoFacts.workspaceName ? /connection/ : /endpoint/ }).waitFor({ state: 'hidden', timeout: uiTimeoutMs }).catch(() => undefined);
  }
  await editorTab(page, 'Charts: ').first().waitFor({ timeout: uiTimeoutMs });
  const webview = activeWebview(page);
  await webview.locator('#drift-overview canvas').waitFor({ timeout: loadTimeoutMs });
  await webview.locator('.chart-card[data-points]').first().waitFor({ timeout: loadTimeoutMs });
  return webview;
}
