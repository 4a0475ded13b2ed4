// A code-server with the extension, and a headless Chromium page showing its workbench.
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, workbenchUrl, type RunningCodeServer } from './codeServer';
import { launchBrowser, newPage, openWorkbench } from './workbench';

/** Load the extension from a folder as F5 does, or use the extensions installed in a folder (a .vsix). */
export type ExtensionSource = { readonly developmentPath: string } | { readonly extensionsDir: string };

export interface SessionOptions {
  readonly folder: string;
  readonly extension: ExtensionSource;
  /** Names code-server's log file (test-results/code-server-<label>.log). */
  readonly label: string;
  readonly colorTheme?: string;
  readonly colorScheme?: 'light' | 'dark';
  readonly port?: number;
  readonly settings?: Record<string, unknown>;
}

export interface WorkbenchSession {
  readonly page: Page;
  readonly server: RunningCodeServer;
  close(): Promise<void>;
}

export async function openWorkbenchSession(options: SessionOptions): Promise<WorkbenchSession> {
  const developmentPath = 'developmentPath' in options.extension ? options.extension.developmentPath : undefined;
  const server = await startCodeServer({
    folder: options.folder,
    label: options.label,
    colorTheme: options.colorTheme,
    settings: options.settings,
    port: options.port,
    extensionsDir: 'extensionsDir' in options.extension ? options.extension.extensionsDir : undefined,
    smokeTestDriver: developmentPath !== undefined,
  });
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.stop();
  };
  try {
    browser = await launchBrowser();
    const page = await newPage(browser, { colorScheme: options.colorScheme });
    await openWorkbench(page, workbenchUrl(server, { extensionDevelopmentPath: developmentPath }));
    return { page, server, close };
  } catch (error) {
    await close();
    throw error;
  }
}
