import * as vscode from 'vscode';
import type { Connection } from '../connections/connection';
import type { CapturedLine } from '../monitoring/backend';
import type { Logger } from '../monitoring/logger';
import { capturedRow, LazyPager } from './capturedDataModel';
import { parseCapturedFromWebview, type CapturedDataPage, type CapturedDataState, type CapturedToWebview } from './capturedDataProtocol';
import { openObject } from './monitorFileSystem';
import { webviewHtml } from './webviewHtml';

export const CAPTURED_DATA_VIEW_TYPE = 'sagemakerModelMonitor.capturedData';
export const CAPTURED_ROWS_PER_PAGE = 50;

export interface CapturedDataHost {
  readonly extensionUri: vscode.Uri;
  readonly log: Logger;
  connectionById(id: string): Connection | undefined;
  /** Asks for another window (the same prompts as the command); undefined when cancelled. */
  pickWindow(): Promise<{ start: Date; end: Date } | undefined>;
}

/**
 * The captured requests of one endpoint in a time window, a page at a time, read lazily from the
 * backend. One panel per endpoint: browsing it again with another window reuses the panel.
 */
export class CapturedDataPanel {
  private static readonly open = new Map<string, CapturedDataPanel>();

  static show(host: CapturedDataHost, state: Omit<CapturedDataState, 'page'>): CapturedDataPanel {
    const key = `${state.connectionId}/${state.endpointName}`;
    const existing = CapturedDataPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      existing.browse({ ...state, page: 0 });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(CAPTURED_DATA_VIEW_TYPE, `Captured: ${state.endpointName}`, vscode.ViewColumn.Active, CapturedDataPanel.options(host.extensionUri));
    return new CapturedDataPanel(panel, host, { ...state, page: 0 });
  }

  /** After a reload: the webview kept its state; the panel comes back on the same window and page. */
  static restore(panel: vscode.WebviewPanel, host: CapturedDataHost, state: CapturedDataState): CapturedDataPanel {
    panel.webview.options = CapturedDataPanel.options(host.extensionUri);
    return new CapturedDataPanel(panel, host, state);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
  }

  private pager: LazyPager<CapturedLine> | undefined;
  private disposed = false;
  /** Bumped per window, so a page of an old window that arrives late is dropped. */
  private generation = 0;
  /** The files of the rows on screen: the only ones "open raw" may open. */
  private shownFiles = new Set<string>();
  private readonly key: string;
  private shownPage: CapturedDataPage | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: CapturedDataHost,
    private state: CapturedDataState,
  ) {
    this.key = `${state.connectionId}/${state.endpointName}`;
    CapturedDataPanel.open.set(this.key, this);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'activitybar.svg');
    panel.webview.html = webviewHtml(panel.webview, host.extensionUri, { script: 'capturedData', title: panel.title });
    panel.onDidDispose(() => {
      this.disposed = true;
      CapturedDataPanel.open.delete(this.key);
      void this.pager?.close();
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
  }

  /** The window shown, for tests and the tour. */
  get current(): CapturedDataState {
    return this.state;
  }

  /** The page on screen (undefined while the first one is read). */
  get shown(): CapturedDataPage | undefined {
    return this.shownPage;
  }

  /** "Open the raw file at this line": only files of rows on screen, beside the panel. */
  async openRaw(uri: string, line: number): Promise<vscode.TextEditor | undefined> {
    const connection = this.host.connectionById(this.state.connectionId);
    if (!connection || !this.shownFiles.has(uri)) return undefined;
    return openObject(connection, uri, { line, column: vscode.ViewColumn.Beside });
  }

  /** Shows a window (from its first page, or the state's page after a reload). */
  browse(state: CapturedDataState): void {
    void this.pager?.close();
    this.state = state;
    this.shownPage = undefined;
    this.generation++;
    const connection = this.host.connectionById(state.connectionId);
    if (!connection) {
      this.post({ type: 'error', state, message: `The connection ${state.connectionId} is no longer in the Endpoints view.` });
      this.pager = undefined;
      return;
    }
    const lines = connection.backend.readCapturedLines({
      destinationS3Uri: state.destinationS3Uri,
      endpointName: state.endpointName,
      start: new Date(state.start),
      end: new Date(state.end),
    });
    this.pager = new LazyPager(lines[Symbol.asyncIterator](), CAPTURED_ROWS_PER_PAGE);
    void this.showPage(state.page);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseCapturedFromWebview(raw);
    if (!message) {
      this.host.log.warn(`Ignored an unexpected message from the captured-data webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        if (!this.pager) this.browse(this.state);
        else void this.showPage(this.state.page);
        return;
      case 'page':
        return this.showPage(message.index);
      case 'changeWindow': {
        const window = await this.host.pickWindow();
        if (window) this.browse({ ...this.state, start: window.start.toISOString(), end: window.end.toISOString(), page: 0 });
        return;
      }
      case 'openRaw': {
        try {
          await this.openRaw(message.uri, message.line);
        } catch (e) {
          void vscode.window.showErrorMessage(`Opening ${message.uri} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        return;
      }
    }
  }

  /** Shows page `index` (0-based) of the current window. */
  async showPage(index: number): Promise<void> {
    const pager = this.pager;
    if (!pager) return;
    const generation = this.generation;
    const state = { ...this.state, page: index };
    this.post({ type: 'loading', state });
    try {
      const page = await pager.page(index);
      if (generation !== this.generation) return;
      const rows = page.items.map(capturedRow);
      this.shownFiles = new Set(rows.map((r) => r.uri));
      this.state = { ...state, page: page.index };
      const known = pager.known;
      this.shownPage = { index: page.index, offset: page.offset, hasNext: page.hasNext, rows, read: known.count, complete: known.complete };
      this.post({ type: 'page', state: this.state, page: this.shownPage });
    } catch (e) {
      if (generation !== this.generation) return;
      const message = e instanceof Error ? e.message : String(e);
      this.host.log.error(`Reading captured data of ${this.state.endpointName} failed: ${message}`);
      this.post({ type: 'error', state, message });
    }
  }

  private post(message: CapturedToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  /** The open panel of an endpoint, if any (tests and the screenshot tour look at it). */
  static of(connectionId: string, endpointName: string): CapturedDataPanel | undefined {
    return CapturedDataPanel.open.get(`${connectionId}/${endpointName}`);
  }
}
