// Baselines in the workbench, as a user makes and edits them: Suggest Baseline… from the command
// palette on a file of this machine (VS Code's own file dialog, the format, the output folder), then
// statistics and constraints side by side; a monitor's constraints edited in place and saved. The
// end-to-end spec checks each step; `npm run demo -- --screenshots` photographs them.
import type { Locator, Page } from 'playwright-core';
import { acceptFileDialog, acceptStep, pickItem, quickInputTitled } from './quickInput';
import { editorTab, runCommand, uiTimeoutMs } from './workbench';

/** The analyzer reads the whole dataset: give it longer than a click. */
const analysisTimeoutMs = 120_000;

/**
 * Suggest Baseline… from the palette on `file` (a CSV with a header line); returns the output folder
 * the prompt proposed and was accepted with. Waits until both files are open.
 */
export async function suggestBaselineFromFile(page: Page, file: string): Promise<string> {
  await runCommand(page, 'SageMaker Model Monitor: Suggest Baseline…');
  const dataset = /^Suggest Baseline \(.+\): dataset$/;
  await pickItem(await quickInputTitled(page, dataset), 'A file on this machine');
  // VS Code's file dialog in the browser is a quick input whose text is a path (same title).
  const dialog = await quickInputTitled(page, dataset);
  await dialog.input.fill(file);
  const name = file.slice(file.lastIndexOf('/') + 1);
  // The dialog lists the folder once it has read the typed path; Enter before that takes the old text.
  await dialog.widget.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: uiTimeoutMs });
  await acceptFileDialog(page, dialog, file);
  await pickItem(await quickInputTitled(page, `format of ${name}`), 'CSV with a header line');
  const output = await quickInputTitled(page, /^Suggest Baseline \(.+\): output$/);
  const folder = await output.input.inputValue();
  await acceptStep(page, output);
  await baselineEditors(page);
  return folder;
}

/** Waits for statistics.json and constraints.json, each the active tab of its own editor group. */
export async function baselineEditors(page: Page): Promise<{ statistics: Locator; constraints: Locator }> {
  const groups = page.locator('.part.editor .editor-group-container');
  const statistics = groups.nth(0).locator('.tab.active', { hasText: 'statistics.json' });
  const constraints = groups.nth(1).locator('.tab.active', { hasText: 'constraints.json' });
  await statistics.waitFor({ timeout: analysisTimeoutMs });
  await constraints.waitFor({ timeout: uiTimeoutMs });
  return { statistics, constraints };
}

/**
 * In the active editor, selects the first `from` (with the find widget) and types `to` over it. Words
 * only: a typed quote or bracket would get its pair from auto-closing.
 */
export async function replaceInActiveEditor(page: Page, from: string, to: string): Promise<void> {
  const editor = page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-lines').click();
  // Find searches from the cursor: from the top, the first match is the one selected.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  // A closed find widget stays in the page (off screen, disabled); the open one has the class `visible`.
  const widget = editor.locator('.find-widget.visible');
  const find = widget.locator('textarea, input').first();
  await find.waitFor({ timeout: uiTimeoutMs });
  await find.fill(from);
  await widget.locator('.matchesCount', { hasText: /^1 of / }).waitFor({ timeout: uiTimeoutMs });
  // Escape closes the find widget and leaves the match selected in the text.
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'detached', timeout: uiTimeoutMs });
  await page.keyboard.type(to);
}

/** Types a wrong inferred_type into the open constraints editor; waits for the schema's mark under it (VS Code marks a value outside a schema's enum as a warning; the JSON language server may still be starting). */
export async function breakInferredType(page: Page): Promise<void> {
  await replaceInActiveEditor(page, 'Fractional', 'Decimal');
  await page.locator('.part.editor .editor-group-container.active .monaco-editor').locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 2 * uiTimeoutMs });
}

/** The editor tab of a constraints.json, dirty (unsaved changes) or not. */
export function constraintsTab(page: Page): Locator {
  return editorTab(page, 'constraints.json').first();
}

export async function isDirty(tab: Locator): Promise<boolean> {
  return ((await tab.getAttribute('class')) ?? '').split(/\s+/).includes('dirty');
}

/**
 * The notification whose message matches `text`, as the notification centre (the bell in the status
 * bar) lists it; returns its message. The centre, not a toast: in this workbench a failed save's
 * notifications arrive without a toast, only as the bell's dot.
 */
export async function notificationMessage(page: Page, text: RegExp): Promise<string> {
  const center = page.locator('.notifications-center.visible');
  if (!(await center.isVisible())) await runCommand(page, 'Notifications: Show Notifications');
  const message = center.locator('.notification-list-item .notification-list-item-message', { hasText: text }).first();
  await message.waitFor({ timeout: uiTimeoutMs });
  return ((await message.textContent()) ?? '').trim();
}

export async function hideNotifications(page: Page): Promise<void> {
  const center = page.locator('.notifications-center.visible');
  if (await center.isVisible()) await runCommand(page, 'Notifications: Hide Notifications');
  await center.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}
