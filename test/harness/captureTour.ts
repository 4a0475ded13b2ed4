// Data capture and baselines in the workbench, as a user reaches them: the endpoint's Data capture row,
// Update Data Capture… with its sampling check as typed, Browse Captured Data… (a window, then the
// paged table and a raw capture file at its line), and a monitor's baseline constraints. The
// screenshot tour (`npm run demo -- --screenshots`) photographs each step.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { demoFacts } from './demoFacts';
import { acceptStep, pickItem, quickInputTitled, stepMessage, typeIntoStep, type QuickInputStep } from './quickInput';
import { chooseMenuItem, openContextMenu } from './scheduleTour';
import { activeWebview, editorTab, expandTreeRow, treeRow, uiTimeoutMs } from './workbench';

export { closeQuickInput } from './quickInput';

const loadTimeoutMs = 60_000;

/** Expands the demo down to its endpoint; returns the endpoint's Data capture row once it says `status`. */
export async function showDataCaptureRow(page: Page, status: RegExp = /^On/): Promise<Locator> {
  await expandTreeRow(page, demoFacts.workspaceName);
  await expandTreeRow(page, demoFacts.endpointName);
  await captureRowSays(page, status);
  return treeRow(page, 'Data capture').first();
}

/** Runs an entry of a tree row's context menu (see chooseMenuItem for why not a bare click). */
export async function contextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await chooseMenuItem(await openContextMenu(page, row), entry);
}

/** The first prompt of Update Data Capture… (its sampling percentage), as the user sees it. */
export async function openSamplingPrompt(page: Page, row: Locator): Promise<QuickInputStep> {
  await contextMenu(page, row, 'Update Data Capture');
  return quickInputTitled(page, `Update Data Capture: ${demoFacts.endpointName} (1/3)`, loadTimeoutMs);
}

/** Update Data Capture… up to its first input box, with `typed` in it; returns the validation message shown. */
export async function typeSamplingPercentage(page: Page, row: Locator, typed: string): Promise<string> {
  const step = await openSamplingPrompt(page, row);
  await typeIntoStep(step, typed);
  // The prompt is replaced by the validation message once the extension has checked the input.
  return stepMessage(step, /more than 100|not a whole number/);
}

/**
 * Update Data Capture… with a new sampling percentage, keeping the destination and what is captured
 * (Enter on the next two prompts); waits until the row shows the new percentage.
 */
export async function updateSamplingPercentage(page: Page, row: Locator, percentage: number): Promise<string> {
  const sampling = await openSamplingPrompt(page, row);
  await typeIntoStep(sampling, String(percentage));
  await acceptStep(page, sampling);
  const destination = await quickInputTitled(page, `Update Data Capture: ${demoFacts.endpointName} (2/3)`);
  await acceptStep(page, destination);
  const modes = await quickInputTitled(page, `Update Data Capture: ${demoFacts.endpointName} (3/3)`);
  await acceptStep(page, modes);
  return captureRowSays(page, new RegExp(`^On · ${percentage}%`));
}

/** Waits until the Data capture row's description matches `expected`; returns it. */
export async function captureRowSays(page: Page, expected: RegExp): Promise<string> {
  const description = treeRow(page, 'Data capture').first().locator('.label-description', { hasText: expected });
  await description.waitFor({ timeout: loadTimeoutMs });
  return ((await description.textContent()) ?? '').trim();
}

/** Clicks the Data capture row (Browse Captured Data…), picks "Last 24 hours", waits for the table. */
export async function browseLastDay(page: Page, row: Locator): Promise<FrameLocator> {
  await row.click();
  await pickItem(await quickInputTitled(page, /^Browse Captured Data$/, loadTimeoutMs), 'Last 24 hours');
  await editorTab(page, 'Captured: ').first().waitFor({ timeout: uiTimeoutMs });
  const webview = activeWebview(page);
  await webview.locator('table#captured tbody tr').first().waitFor({ timeout: loadTimeoutMs });
  return webview;
}

/** The table's rows as text. */
export async function capturedRows(webview: FrameLocator): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await webview.locator('table#captured tbody tr').all()) rows.push((await row.locator('td').allTextContents()).map((t) => t.trim()));
  return rows;
}

/** Clicks the file:line of a row; waits for the raw capture file's editor. */
export async function openRawLine(page: Page, webview: FrameLocator, rowIndex: number): Promise<string> {
  const link = webview.locator('table#captured tbody tr').nth(rowIndex).locator('button.link');
  const text = ((await link.textContent()) ?? '').trim();
  await link.click();
  const file = text.slice(0, text.lastIndexOf(':'));
  await editorTab(page, file).first().waitFor({ timeout: uiTimeoutMs });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: uiTimeoutMs });
  return text;
}

/** Opens a monitor's baseline constraints from its context menu; waits for the JSON editor. */
export async function openMonitorConstraints(page: Page, scheduleName: string, entry: 'Edit Constraints' | 'Open Baseline Constraints' = 'Edit Constraints'): Promise<void> {
  const monitor = treeRow(page, scheduleName).first();
  await monitor.waitFor({ timeout: loadTimeoutMs });
  await contextMenu(page, monitor, entry);
  await editorTab(page, 'constraints.json').first().waitFor({ timeout: uiTimeoutMs });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: uiTimeoutMs });
}

