// Data capture and baselines in the workbench, as a user reaches them: the endpoint's Data capture row,
// Update Data Capture… with its sampling check as typed, Browse Captured Data… (a window, then the
// paged table and a raw capture file at its line), and a monitor's baseline constraints. The
// screenshot tour (`npm run demo -- --screenshots`) photographs each step.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { demoFacts } from './demoFacts';
import { activeWebview, editorTab, expandTreeRow, treeRow, uiTimeoutMs } from './workbench';

const loadTimeoutMs = 60_000;

/** Expands the demo down to its endpoint; returns the endpoint's Data capture row. */
export async function showDataCaptureRow(page: Page): Promise<Locator> {
  await expandTreeRow(page, demoFacts.workspaceName);
  await expandTreeRow(page, demoFacts.endpointName);
  const row = treeRow(page, 'Data capture').first();
  await row.locator('.label-description', { hasText: /^On/ }).waitFor({ timeout: loadTimeoutMs });
  return row;
}

/** Runs an entry of a tree row's context menu. */
export async function contextMenu(page: Page, row: Locator, entry: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: entry }).first();
  await item.waitFor({ timeout: uiTimeoutMs });
  await item.click();
}

/** Update Data Capture… up to its first input box, with `typed` in it; returns the validation message shown. */
export async function typeSamplingPercentage(page: Page, row: Locator, typed: string): Promise<string> {
  await contextMenu(page, row, 'Update Data Capture');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: uiTimeoutMs });
  await input.fill(typed);
  // The prompt is replaced by the validation message once the input has been checked.
  const message = page.locator('.quick-input-widget .quick-input-message', { hasText: /more than 100|not a whole number/ });
  await message.waitFor({ timeout: uiTimeoutMs });
  return (await message.textContent()) ?? '';
}

export async function closeQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}

/** Clicks the Data capture row (Browse Captured Data…), picks "Last 24 hours", waits for the table. */
export async function browseLastDay(page: Page, row: Locator): Promise<FrameLocator> {
  await row.click();
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Last 24 hours' });
  await choice.waitFor({ timeout: uiTimeoutMs });
  await choice.click();
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

/** Types a wrong inferred_type into the open constraints editor, so the schema's error shows. */
export async function breakInferredType(page: Page): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+f');
  const find = page.locator('.find-widget textarea, .find-widget input').first();
  // The word only: typing a quote would get a second one from auto-closing.
  await find.fill('Fractional');
  await page.keyboard.press('Escape');
  await page.keyboard.type('Decimal');
  await page.locator('.squiggly-error').first().waitFor({ timeout: loadTimeoutMs });
}
