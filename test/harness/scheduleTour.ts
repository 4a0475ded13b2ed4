// Stopping, starting and deleting a monitoring schedule in the workbench, as a user does it: the
// monitor row's context menu, its inline buttons, and the modal confirmation of a delete. The
// end-to-end spec checks each step; `npm run demo -- --screenshots` photographs them.
import type { Locator, Page } from 'playwright-core';
import { demoFacts } from './demoFacts';
import { expandTreeRow, rowDescription, treeRow, uiTimeoutMs } from './workbench';

/** The demo endpoint's monitor row (connection and endpoint expanded on the way). */
export async function monitorRow(page: Page, scheduleName: string): Promise<Locator> {
  await expandTreeRow(page, demoFacts.workspaceName);
  await expandTreeRow(page, demoFacts.endpointName);
  const row = treeRow(page, scheduleName).first();
  await row.waitFor({ timeout: uiTimeoutMs });
  return row;
}

/** Right-clicks a row and waits for its context menu; returns the menu. A menu left open is closed first. */
export async function openContextMenu(page: Page, row: Locator): Promise<Locator> {
  const leftover = page.locator('.context-view-block');
  if (await leftover.count()) {
    await page.keyboard.press('Escape');
    await leftover.first().waitFor({ state: 'detached', timeout: uiTimeoutMs });
  }
  await row.click({ button: 'right' });
  const menu = page.locator('.monaco-menu').last();
  await menu.waitFor({ timeout: uiTimeoutMs });
  return menu;
}

/**
 * Chooses a menu item and waits for the menu to close. A menu item takes mouse-ups only once a 100 ms
 * timer after it is drawn has run (VS Code's menu does this so the right-click's own mouse-up chooses
 * nothing); on a loaded machine that timer runs late and a click that comes first is dropped, leaving
 * the menu and its click-catching `.context-view-block` open. The keyboard path has no such delay:
 * hovering focuses the item (the highlight a user sees), Enter runs it. A click is the fallback.
 */
export async function chooseMenuItem(menu: Locator, title: string): Promise<void> {
  const page = menu.page();
  const entry = menu.locator('a.action-menu-item', { has: page.locator('.action-label', { hasText: title }) }).first();
  await entry.waitFor({ timeout: uiTimeoutMs });
  await entry.hover();
  const focused = await entry.and(page.locator('a.action-menu-item:focus')).waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (focused) {
    await page.keyboard.press('Enter');
    if (await closes(menu)) return;
  }
  await entry.click();
  if (await closes(menu)) return;
  const titles = (await menu.locator('.action-label').allTextContents()).map((t) => t.trim()).filter(Boolean);
  throw new Error(`the context menu stayed open after choosing "${title}"; it offers: ${titles.join(', ')}`);
}

async function closes(menu: Locator): Promise<boolean> {
  return menu.waitFor({ state: 'hidden', timeout: 3_000 }).then(
    () => true,
    () => false,
  );
}

/** Waits until the row's description starts with `status` (the tree reloads after an action). */
export async function waitForStatus(page: Page, scheduleName: string, status: string): Promise<string> {
  const deadline = Date.now() + uiTimeoutMs;
  for (;;) {
    const description = await rowDescription(treeRow(page, scheduleName).first()).catch(() => '');
    if (description.startsWith(status)) return description;
    if (Date.now() > deadline) throw new Error(`${scheduleName} did not become ${status}; its row says "${description}"`);
    await page.waitForTimeout(250);
  }
}

/** Clicks one of the row's inline action buttons (shown on hover), by its title. */
export async function clickInlineAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  await row.locator(`.action-label[aria-label="${title}"]`).click();
}

export interface ModalDialog {
  readonly dialog: Locator;
  readonly message: string;
  readonly detail: string;
}

/** The modal dialog on screen (VS Code's own, in the web workbench), with its texts. */
export async function modalDialog(page: Page): Promise<ModalDialog> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: uiTimeoutMs });
  const message = ((await dialog.locator('.dialog-message-text').textContent()) ?? '').trim();
  const detail = ((await dialog.locator('.dialog-message-detail').textContent().catch(() => '')) ?? '').trim();
  return { dialog, message, detail };
}

export async function pressDialogButton(dialog: ModalDialog, label: string): Promise<void> {
  await dialog.dialog.locator('.monaco-button', { hasText: label }).first().click();
  await dialog.dialog.waitFor({ state: 'detached', timeout: uiTimeoutMs });
}
