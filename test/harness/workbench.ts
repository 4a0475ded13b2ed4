// Drives the code-server workbench from headless Chromium (playwright-core with Debian's Chromium).
// The selectors are VS Code's own and were checked against VS Code 1.139 (code-server 4.139.1).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { requireChromium } from './systemRequirements';

/** The workbench's first load compiles a lot of JavaScript; later steps are quick. */
export const workbenchLoadTimeoutMs = 90_000;
export const uiTimeoutMs = 30_000;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageOptions {
  readonly colorScheme?: 'light' | 'dark';
  readonly viewport?: { width: number; height: number };
}

export async function newPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeoutMs);
  return page;
}

/** Opens the workbench and waits until its activity bar is there. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: workbenchLoadTimeoutMs });
  await page.locator('.monaco-workbench').waitFor({ timeout: workbenchLoadTimeoutMs });
  await page.locator('.activitybar').waitFor({ timeout: workbenchLoadTimeoutMs });
}

/** The activity-bar entry of a view container, by its title. */
export function activityBarItem(page: Page, containerTitle: string): Locator {
  return page.locator(`.activitybar a.action-label[aria-label^="${containerTitle}"]`);
}

/** Clicks a view container's activity-bar icon unless its side bar is already showing. */
export async function showViewContainer(page: Page, containerTitle: string): Promise<void> {
  const item = activityBarItem(page, containerTitle);
  await item.waitFor({ timeout: workbenchLoadTimeoutMs });
  const checked = await item.getAttribute('aria-checked').catch(() => null);
  const selected = await item.locator('xpath=..').getAttribute('aria-selected').catch(() => null);
  if (checked !== 'true' && selected !== 'true') await item.click();
}

export function treeItem(page: Page, label: string | RegExp): Locator {
  return page.getByRole('treeitem', { name: label }).first();
}

/** Expands a collapsed tree row (a no-op on an expanded one) and returns it. */
export async function expandTreeItem(page: Page, label: string | RegExp): Promise<Locator> {
  const row = treeItem(page, label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    await row.click();
    await page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), {
      timeout: uiTimeoutMs,
    });
  }
  return row;
}

/** Runs a command by its title through the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

/** The document of the visible webview (a webview sits in two nested iframes). */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export async function saveScreenshot(page: Page, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}
