import * as vscode from 'vscode';
import type { ExecutionReports } from '../monitoring/backend';
import type { ExecutionSummary, JobDefinition } from '../monitoring/model';
import type { Logger } from '../monitoring/logger';
import type { Connection } from '../connections/connection';
import { serializeStatistics } from '../monitoring/formats/statistics';
import { serializeConstraints } from '../monitoring/formats/constraints';
import { serializeViolations } from '../monitoring/formats/violations';
import { analysisWindow } from '../monitoring/local/monitoringExecution';
import { parseS3Uri } from '../monitoring/objectStore';
import { buildExecutionReportModel, type BaselineFiles, type ExecutionReportModel } from './executionReportModel';
import { parseReportFromWebview, type ReportFileKind, type ReportPanelState, type ReportToWebview } from './executionReportProtocol';
import { webviewHtml } from './webviewHtml';
import { formatUtcHour } from '../explorer/format';

export const REPORT_VIEW_TYPE = 'sagemakerModelMonitor.executionReport';


/** The execution a reloaded panel showed, from its webview state (which the webview may have damaged). */
export function executionFromState(state: unknown): { connectionId: string; execution: ExecutionSummary; preview: boolean } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = (state as { restore?: Partial<ReportPanelState> }).restore ?? {};
  const e = s.execution;
  if (typeof s.connectionId !== 'string' || typeof e !== 'object' || e === null || typeof e.scheduleName !== 'string' || typeof e.status !== 'string') return undefined;
  const dates = [e.scheduledTime, e.creationTime, e.lastModifiedTime].map((t) => (typeof t === 'string' ? new Date(t) : new Date(NaN)));
  if (dates.some((d) => Number.isNaN(d.getTime()))) return undefined;
  return { connectionId: s.connectionId, execution: { ...e, scheduledTime: dates[0], creationTime: dates[1], lastModifiedTime: dates[2] }, preview: s.preview === true };
}

export interface ReportPanelContext {
  extensionUri: vscode.Uri;
  log: Logger;
  /** Opens the charts of the execution's endpoint. */
  openCharts?: (connection: Connection, endpointName: string) => void;
}

/** Shown while the active editor is the preview report: the editor title then offers "Keep Open". */
export const REPORT_PREVIEW_CONTEXT = 'sagemakerModelMonitor.reportPreviewActive';

const reportKey = (connection: Connection, execution: ExecutionSummary): string => `${connection.backend.id}/${execution.scheduleName}/${execution.scheduledTime.getTime()}`;

export interface ShowReportOptions {
  /** Show it in the one preview panel (replacing what that showed), as a click in the tree does. */
  preview?: boolean;
}

/**
 * One report panel per execution: opening the same execution again brings its panel forward. Clicks
 * in the tree share one preview panel, as VS Code's preview editors do, until the user keeps it open.
 */
export class ExecutionReportPanel {
  private static readonly open = new Map<string, ExecutionReportPanel>();
  private static preview: ExecutionReportPanel | undefined;

  static show(context: ReportPanelContext, connection: Connection, execution: ExecutionSummary, panel?: vscode.WebviewPanel, options: ShowReportOptions = {}): ExecutionReportPanel {
    const key = reportKey(connection, execution);
    const existing = ExecutionReportPanel.open.get(key);
    if (existing && !panel) {
      existing.panel.reveal();
      return existing;
    }
    const reuse = options.preview && !panel ? ExecutionReportPanel.preview : undefined;
    if (reuse) {
      reuse.replace(connection, execution);
      reuse.panel.reveal();
      return reuse;
    }
    const webviewPanel =
      panel ??
      vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Report', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(context.extensionUri, 'media')],
      });
    // A reloaded preview stays the preview unless another panel took that place meanwhile.
    const preview = options.preview === true && ExecutionReportPanel.preview === undefined;
    const created = new ExecutionReportPanel(webviewPanel, context, connection, execution, preview);
    if (preview) ExecutionReportPanel.preview = created;
    ExecutionReportPanel.open.set(key, created);
    created.showContent();
    ExecutionReportPanel.updateContext();
    return created;
  }

  /** Keeps the preview panel open: the next click in the tree opens a new preview. False when there is none. */
  static pinPreview(): boolean {
    const preview = ExecutionReportPanel.preview;
    if (!preview) return false;
    preview.isPreview = false;
    ExecutionReportPanel.preview = undefined;
    preview.showTitle();
    // The webview keeps what a reload restores: from now on, a kept panel.
    void preview.post({ type: 'restore', restore: preview.state() });
    ExecutionReportPanel.updateContext();
    return true;
  }

  private static updateContext(): void {
    const preview = ExecutionReportPanel.preview;
    void vscode.commands.executeCommand('setContext', REPORT_PREVIEW_CONTEXT, preview !== undefined && !preview.disposed && preview.panel.active);
  }

  private disposed = false;
  /** Each load's number: a slow load that finishes after a newer one (Refresh clicked twice) is dropped. */
  private loads = 0;
  /** The report folder last shown, the only text "Copy report location" may put on the clipboard. */
  private shownReportUri: string | undefined;
  private shownReports: ExecutionReports | undefined;
  private shownModel: ExecutionReportModel | undefined;

  /** The report shown once loaded, for tests: what the user reads. */
  get shown(): ExecutionReportModel | undefined {
    return this.shownModel;
  }

  /** What the webview keeps for a reload (setState), and the serializer reopens the panel from. */
  get restoreState(): ReportPanelState {
    return this.state();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: ReportPanelContext,
    private connection: Connection,
    private execution: ExecutionSummary,
    private isPreview: boolean,
  ) {
    const { extensionUri } = context;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    panel.onDidDispose(() => {
      this.disposed = true;
      const key = reportKey(this.connection, this.execution);
      if (ExecutionReportPanel.open.get(key) === this) ExecutionReportPanel.open.delete(key);
      if (ExecutionReportPanel.preview === this) ExecutionReportPanel.preview = undefined;
      ExecutionReportPanel.updateContext();
    });
    panel.onDidChangeViewState(() => ExecutionReportPanel.updateContext());
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseReportFromWebview(raw);
      if (!message) {
        this.log.warn(`Ignored an unexpected message from the report webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      switch (message.type) {
        case 'ready':
        case 'refresh':
          void this.load().catch((e: unknown) => this.log.error(`Showing the report of ${this.execution.scheduleName} failed: ${e instanceof Error ? e.message : String(e)}`));
          break;
        case 'copyUri':
          // The webview is untrusted: it may only copy the location the extension showed it.
          if (message.uri !== this.shownReportUri) {
            this.log.warn(`Ignored a request from the report webview to copy ${message.uri.slice(0, 200)}`);
            break;
          }
          void vscode.env.clipboard.writeText(message.uri).then(() => vscode.window.showInformationMessage(`Copied ${message.uri}`));
          break;
        case 'openFile':
          void this.openFile(message.file).catch((e: unknown) => void vscode.window.showErrorMessage(`Opening the ${message.file} file failed: ${e instanceof Error ? e.message : String(e)}`));
          break;
        case 'openCharts':
          if (this.execution.endpointName) this.context.openCharts?.(this.connection, this.execution.endpointName);
          else void vscode.window.showInformationMessage('This execution names no endpoint to chart.');
          break;
      }
    });
  }

  /** Whether this is the preview panel that the next click in the tree replaces. */
  get preview(): boolean {
    return this.isPreview;
  }

  private showTitle(): void {
    const title = `Report: ${this.execution.scheduleName} · ${formatUtcHour(this.execution.scheduledTime)}`;
    this.panel.title = this.isPreview ? `${title} (preview)` : title;
  }

  /** A fresh page (new nonce): nothing of the previous execution stays on screen while the new one loads. */
  private showContent(): void {
    this.showTitle();
    this.panel.webview.html = webviewHtml(this.panel.webview, this.context.extensionUri, { script: 'executionReport', title: this.panel.title });
  }

  /** The preview panel now shows another execution. */
  private replace(connection: Connection, execution: ExecutionSummary): void {
    const oldKey = reportKey(this.connection, this.execution);
    if (ExecutionReportPanel.open.get(oldKey) === this) ExecutionReportPanel.open.delete(oldKey);
    this.connection = connection;
    this.execution = execution;
    ExecutionReportPanel.open.set(reportKey(connection, execution), this);
    // A load of the previous execution still under way must not land in this panel.
    this.loads++;
    this.shownReportUri = undefined;
    this.shownReports = undefined;
    this.shownModel = undefined;
    this.showContent();
  }

  private get log(): Logger {
    return this.context.log;
  }

  private state(): ReportPanelState {
    const e = this.execution;
    return {
      connectionId: this.connection.id,
      ...(this.isPreview ? { preview: true } : {}),
      execution: { ...e, scheduledTime: e.scheduledTime.toISOString(), creationTime: e.creationTime.toISOString(), lastModifiedTime: e.lastModifiedTime.toISOString() },
    };
  }

  /** Posting to a closed panel throws, and the user may close it while the report is still loading. */
  private async post(message: ReportToWebview): Promise<void> {
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  /** Reads the execution's files (and the baseline's, for comparison) and sends the model. */
  private async load(): Promise<void> {
    const load = ++this.loads;
    let message: ReportToWebview;
    let reports: ExecutionReports | undefined;
    try {
      reports = await this.connection.backend.readExecutionReports(this.execution);
      const { baseline, window } = await this.readBaseline();
      message = { type: 'report', report: buildExecutionReportModel(this.execution, reports, baseline, window), restore: this.state() };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.log.error(`Opening the report of ${this.execution.scheduleName} failed: ${reason}`);
      message = { type: 'error', message: `The report of ${this.execution.scheduleName} could not be read: ${reason}` };
    }
    // A newer load (or another execution in the preview) replaced this one: its files are not what is shown.
    if (load !== this.loads) return;
    this.shownReports = reports;
    if (message.type === 'report') {
      this.shownReportUri = message.report.reportUri;
      this.shownModel = message.report;
    }
    await this.post(message);
  }

  /** The monitor's baseline statistics and constraints, and the window of data the execution analysed. */
  private async readBaseline(): Promise<{ baseline: BaselineFiles; window?: { start: Date; end: Date } }> {
    const { jobDefinitionName, type } = this.execution;
    if (!jobDefinitionName || (type !== 'DataQuality' && type !== 'ModelQuality')) return { baseline: {} };
    const backend = this.connection.backend;
    let definition: JobDefinition;
    try {
      definition = await backend.describeJobDefinition(jobDefinitionName, type);
    } catch (e) {
      this.log.warn(`The job definition ${jobDefinitionName} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return { baseline: {} };
    }
    const optional = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch (e) {
        // The report is still useful without it; say why it is missing in the log.
        this.log.warn(`${what} of ${jobDefinitionName} could not be read: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    };
    const b = definition.baseline;
    const [statistics, constraints, schedule] = await Promise.all([
      type === 'DataQuality' && b?.statisticsS3Uri ? optional('The baseline statistics', () => backend.readStatistics(b.statisticsS3Uri ?? '')) : undefined,
      b?.constraintsS3Uri ? optional('The baseline constraints', () => backend.readConstraints(b.constraintsS3Uri ?? '')) : undefined,
      optional('The schedule', () => backend.describeSchedule(this.execution.scheduleName)),
    ]);
    const input = definition.input.kind === 'Endpoint' ? definition.input : {};
    let window: { start: Date; end: Date } | undefined;
    if (schedule) {
      try {
        window = analysisWindow(schedule.schedule, input, this.execution.scheduledTime);
      } catch {
        window = undefined;
      }
    }
    return { baseline: { ...(statistics ? { statistics } : {}), ...(constraints ? { constraints } : {}) }, window };
  }

  /**
   * Opens one of the report's files: the file itself for a local workspace; for S3, the document as
   * read, in SageMaker's own layout, in an untitled editor.
   */
  private async openFile(kind: ReportFileKind): Promise<void> {
    const reports = this.shownReports;
    if (!reports) return;
    const name = kind === 'statistics' ? 'statistics.json' : kind === 'constraints' ? 'constraints.json' : 'constraint_violations.json';
    const uri = `${reports.reportUri.replace(/\/+$/, '')}/${name}`;
    if (this.connection.kind === 'local' && this.connection.root) {
      const { bucket, key } = parseS3Uri(uri);
      const file = vscode.Uri.joinPath(vscode.Uri.file(this.connection.root), 's3', bucket, ...key.split('/'));
      await vscode.window.showTextDocument(file, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    const content =
      kind === 'statistics' && reports.statistics
        ? serializeStatistics(reports.statistics)
        : kind === 'constraints' && reports.constraints
          ? serializeConstraints(reports.constraints)
          : kind === 'violations' && reports.violations
            ? serializeViolations(reports.violations)
            : undefined;
    if (content === undefined) {
      void vscode.window.showInformationMessage(`${uri} does not exist.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content: `// ${uri}\n${content}` });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}
