// VS Code's quick input (input boxes, quick picks, the simple file dialog) as a user reads it: a step
// is the widget showing *its* title, not merely some input on the page. Waiting on the title keeps a
// test from typing into the previous step, or into a widget that is still hidden.
import type { Locator, Page } from 'playwright-core';
import { uiTimeoutMs } from './workbench';

export interface QuickInputStep {
  readonly widget: Locator;
  readonly input: Locator;
}

/** Waits until the quick input shows a title matching `title` (a string matches a part of it). */
export async function quickInputTitled(page: Page, title: string | RegExp, timeout = uiTimeoutMs): Promise<QuickInputStep> {
  const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
  await widget.waitFor({ state: 'visible', timeout });
  return { widget, input: widget.locator('.quick-input-box input') };
}

/** Replaces the step's text (as typed: the extension's validateInput runs on it). */
export async function typeIntoStep(step: QuickInputStep, text: string): Promise<void> {
  await step.input.fill(text);
}

/** The message shown under the input once it matches `expected` (the validation of what was typed). */
export async function stepMessage(step: QuickInputStep, expected: RegExp): Promise<string> {
  const message = step.widget.locator('.quick-input-message', { hasText: expected });
  await message.waitFor({ timeout: uiTimeoutMs });
  return ((await message.textContent()) ?? '').trim();
}

/** Presses Enter in the step and waits until the widget no longer shows that step's title. */
export async function acceptStep(page: Page, step: QuickInputStep): Promise<void> {
  await step.input.focus();
  await page.keyboard.press('Enter');
  await step.widget.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}

/**
 * Enter in VS Code's simple file dialog, which ignores an accept while it is still updating its list
 * from the typed path (under load, after the row already shows): Enter again while the dialog, still
 * holding `path`, stays open. The next step has another title, so no Enter reaches it.
 */
export async function acceptFileDialog(page: Page, step: QuickInputStep, path: string): Promise<void> {
  const deadline = Date.now() + uiTimeoutMs;
  for (;;) {
    await step.input.focus();
    await page.keyboard.press('Enter');
    try {
      await step.widget.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      if ((await step.input.inputValue().catch(() => path)) !== path) await step.input.fill(path);
    }
  }
}

/** Picks the row of a quick pick whose label contains `label`; waits until the list no longer shows it. */
export async function pickItem(step: QuickInputStep, label: string): Promise<void> {
  const row = step.widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: uiTimeoutMs });
  await row.click();
  // Not the widget: the next step may reuse it under the same title (a file dialog after "A file…").
  await row.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}

/** Escape, and the quick input is gone. */
export async function closeQuickInput(page: Page): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}
