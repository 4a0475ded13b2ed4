// The steps a newcomer takes through the demo: open the Endpoints view, expand the demo workspace
// down to its monitoring executions, open an execution's report. The end-to-end specs check each
// step; `npm run demo -- --screenshots` photographs them.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { demoFacts } from './demoFacts';
import { activeWebview, editorTab, expandTreeRow, rowDescription, showViewContainer, treeRow, uiTimeoutMs } from './workbench';

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
  /** The violation count its description shows. */
  readonly violations: number;
}

/** Expands connection → endpoint → every schedule; returns the execution rows then visible. */
export async function expandToExecutions(page: Page): Promise<ExecutionRow[]> {
  await expandTreeRow(page, demoFacts.workspaceName);
  await expandTreeRow(page, demoFacts.endpointName);
  for (const schedule of demoFacts.scheduleNames) await expandTreeRow(page, schedule);
  const executions = treeRow(page, demoFacts.executionLabel);
  await executions.first().waitFor({ timeout: loadTimeoutMs });
  const rows: (ExecutionRow & { index: number })[] = [];
  for (const found of await executions.all()) {
    // The list reuses and reorders its row elements, so a row is pinned by its index in the tree.
    const index = Number(await found.getAttribute('data-index'));
    const row = executions.and(page.locator(`[data-index="${index}"]`));
    const label = (await row.locator('.label-name').textContent()) ?? '';
    rows.push({ row, index, label, violations: violationCount(await rowDescription(row)) });
  }
  return rows.sort((a, b) => a.index - b.index);
}

/** The first number in an execution's description ("3 violations"); 0 when it shows none. */
function violationCount(description: string): number {
  const match = /\d+/.exec(description);
  return match ? Number(match[0]) : 0;
}

/** The first execution that found violations: the one whose report has something to show. */
export function executionWithViolations(executions: readonly ExecutionRow[]): ExecutionRow {
  const found = executions.find((e) => e.violations > 0);
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
