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
import { buildExecutionReportModel, type BaselineFiles } from './executionReportModel';
import { parseReportFromWebview, type ReportFileKind, type ReportPanelState, type ReportToWebview } from './executionReportProtocol';
import { webviewHtml } from './webviewHtml';
import { formatUtcHour } from '../explorer/format';

export const REPORT_VIEW_TYPE = 'sagemakerModelMonitor.executionReport';


/** The execution a reloaded panel showed, from its webview state (which the webview may have damaged). */
export function executionFromState(state: unknown): { connectionId: string; execution: ExecutionSummary } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = (state as { restore?: Partial<ReportPanelState> }).restore ?? {};
  const e = s.execution;
  if (typeof s.connectionId !== 'string' || typeof e !== 'object' || e === null || typeof e.scheduleName !== 'string' || typeof e.status !== 'string') return undefined;
  const dates = [e.scheduledTime, e.creationTime, e.lastModifiedTime].map((t) => (typeof t === 'string' ? new Date(t) : new Date(NaN)));
  if (dates.some((d) => Number.isNaN(d.getTime()))) return undefined;
  return { connectionId: s.connectionId, execution: { ...e, scheduledTime: dates[0], creationTime: dates[1], lastModifiedTime: dates[2] } };
}

export interface ReportPanelContext {
  extensionUri: vscode.Uri;
  log: Logger;
  /** Opens the charts of the execution's endpoint. */
  openCharts?: (connection: Connection, endpointName: string) => void;
}

/** One report panel per execution: opening the same execution again brings its panel forward. */
export class ExecutionReportPanel {
  private static readonly open = new Map<string, ExecutionReportPanel>();

  static show(context: ReportPanelContext, connection: Connection, execution: ExecutionSummary, panel?: vscode.WebviewPanel): ExecutionReportPanel {
    const key = `${connection.backend.id}/${execution.scheduleName}/${execution.scheduledTime.getTime()}`;
    const existing = ExecutionReportPanel.open.get(key);
    if (existing && !panel) {
      existing.panel.reveal();
      return existing;
    }
    const title = `Report: ${execution.scheduleName} · ${formatUtcHour(execution.scheduledTime)}`;
    const webviewPanel =
      panel ??
      vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(context.extensionUri, 'media')],
      });
    webviewPanel.title = title;
    const created = new ExecutionReportPanel(webviewPanel, context, connection, execution);
    ExecutionReportPanel.open.set(key, created);
    webviewPanel.onDidDispose(() => {
      if (ExecutionReportPanel.open.get(key) === created) ExecutionReportPanel.open.delete(key);
    });
    return created;
  }

  private disposed = false;
  /** Each load's number: a slow load that finishes after a newer one (Refresh clicked twice) is dropped. */
  private loads = 0;
  /** The report folder last shown, the only text "Copy report location" may put on the clipboard. */
  private shownReportUri: string | undefined;
  private shownReports: ExecutionReports | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: ReportPanelContext,
    private readonly connection: Connection,
    private readonly execution: ExecutionSummary,
  ) {
    const { extensionUri } = context;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    panel.onDidDispose(() => (this.disposed = true));
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { script: 'executionReport', title: panel.title });
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

  private get log(): Logger {
    return this.context.log;
  }

  private state(): ReportPanelState {
    const e = this.execution;
    return {
      connectionId: this.connection.id,
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
    try {
      const reports = await this.connection.backend.readExecutionReports(this.execution);
      const { baseline, window } = await this.readBaseline();
      this.shownReports = reports;
      message = { type: 'report', report: buildExecutionReportModel(this.execution, reports, baseline, window), restore: this.state() };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.log.error(`Opening the report of ${this.execution.scheduleName} failed: ${reason}`);
      message = { type: 'error', message: `The report of ${this.execution.scheduleName} could not be read: ${reason}` };
    }
    if (load !== this.loads) return;
    if (message.type === 'report') this.shownReportUri = message.report.reportUri;
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
