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
  await throttleCpu(page);
  return page;
}

/**
 * MODEL_MONITOR_E2E_CPU_THROTTLE=<n> slows the page's main thread n times (Chromium's CPU throttling),
 * to try a spec as a loaded machine runs it without loading the machine.
 */
async function throttleCpu(page: Page): Promise<void> {
  const rate = Number(process.env.MODEL_MONITOR_E2E_CPU_THROTTLE ?? '1');
  if (!(rate > 1)) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
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

/**
 * A tree row by the text of its label (not its accessible name, which is the item's tooltip when it
 * has a plain-text one). A string matches the whole label.
 */
export function treeRow(page: Page, label: string | RegExp): Locator {
  const text = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}$`) : label;
  return page.locator('.monaco-list-row[role="treeitem"]', { has: page.locator('.label-name', { hasText: text }) });
}

/** The description shown beside a row's label ('' when there is none). */
export async function rowDescription(row: Locator): Promise<string> {
  const description = row.locator('.label-description');
  return (await description.count()) > 0 ? ((await description.first().textContent()) ?? '') : '';
}

/** Expands a collapsed tree row (a no-op on an expanded one) and returns it. */
export async function expandTreeRow(page: Page, label: string | RegExp): Promise<Locator> {
  const row = treeRow(page, label).first();
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    await row.locator('.monaco-tl-twistie').click();
    await row.and(page.locator('[aria-expanded="true"]')).waitFor();
  }
  return row;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a command by its title through the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The palette can be lost: F1 pressed while a webview's iframe has the focus, or a webview that
  // takes the focus as it finishes loading closes the palette just opened. Then open it again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const opened = await input.fill(`>${title}`, { timeout: 5_000 }).then(() => true, () => false);
    if (opened) break;
    if (attempt === 3) throw new Error(`the command palette did not stay open to run "${title}"`);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

/** The document of the visible webview (a webview sits in two nested iframes). */
export function activeWebview(page: Page): FrameLocator {
  // Hidden editors keep their webview iframes: only the visible one is the active editor's.
  return page.frameLocator('iframe.webview.ready >> visible=true').first().frameLocator('iframe#active-frame');
}

/** The editor tab whose title starts with `titlePrefix`. */
export function editorTab(page: Page, titlePrefix: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: titlePrefix });
}

export async function saveScreenshot(page: Page, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/** Drags the sash at the side bar's right edge so the side bar is `width` pixels wide. */
export async function setSideBarWidth(page: Page, width: number): Promise<void> {
  const sideBar = await page.locator('.part.sidebar').boundingBox();
  if (!sideBar) return;
  const y = sideBar.y + sideBar.height / 2;
  await page.mouse.move(sideBar.x + sideBar.width, y);
  await page.mouse.down();
  await page.mouse.move(sideBar.x + width, y, { steps: 5 });
  await page.mouse.up();
  // Move off the sash, which stays highlighted while hovered.
  await page.mouse.move(sideBar.x + width + 400, y);
}
