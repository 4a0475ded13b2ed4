import * as vscode from 'vscode';
import type { MonitoringBackend } from '../monitoring/backend';
import type { ExecutionSummary } from '../monitoring/model';
import type { Statistics } from '../monitoring/formats/statistics';
import type { Logger } from '../monitoring/logger';
import { buildExecutionReportModel } from './executionReportModel';
import { parseReportFromWebview, type ReportToWebview } from './protocol';
import { webviewHtml } from './webviewHtml';
import { formatUtcHour } from '../explorer/format';

/** One report panel per execution: opening the same execution again brings its panel forward. */
export class ExecutionReportPanel {
  private static readonly open = new Map<string, ExecutionReportPanel>();

  static show(extensionUri: vscode.Uri, backend: MonitoringBackend, execution: ExecutionSummary, log: Logger): ExecutionReportPanel {
    const key = `${backend.id}/${execution.scheduleName}/${execution.scheduledTime.getTime()}`;
    const existing = ExecutionReportPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      'sagemakerModelMonitor.executionReport',
      `Report: ${execution.scheduleName} · ${formatUtcHour(execution.scheduledTime)}`,
      vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] },
    );
    const created = new ExecutionReportPanel(panel, extensionUri, backend, execution, log);
    ExecutionReportPanel.open.set(key, created);
    panel.onDidDispose(() => ExecutionReportPanel.open.delete(key));
    return created;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly backend: MonitoringBackend,
    private readonly execution: ExecutionSummary,
    private readonly log: Logger,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
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
          void this.load();
          break;
        case 'copyUri':
          void vscode.env.clipboard.writeText(message.uri);
          void vscode.window.showInformationMessage(`Copied ${message.uri}`);
          break;
      }
    });
  }

  private async post(message: ReportToWebview): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

  /** Reads the execution's files (and the baseline's statistics, for comparison) and sends the model. */
  private async load(): Promise<void> {
    try {
      const reports = await this.backend.readExecutionReports(this.execution);
      const baseline = await this.readBaselineStatistics();
      await this.post({ type: 'report', report: buildExecutionReportModel(this.execution, reports, baseline) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`Opening the report of ${this.execution.scheduleName} failed: ${message}`);
      await this.post({ type: 'error', message });
    }
  }

  private async readBaselineStatistics(): Promise<Statistics | undefined> {
    const { jobDefinitionName, type } = this.execution;
    if (!jobDefinitionName || type !== 'DataQuality') return undefined;
    try {
      const definition = await this.backend.describeJobDefinition(jobDefinitionName, type);
      const uri = definition.baseline?.statisticsS3Uri;
      return uri ? await this.backend.readStatistics(uri) : undefined;
    } catch (e) {
      // The report is still useful without the baseline column; say why it is missing in the log.
      this.log.warn(`The baseline statistics of ${jobDefinitionName} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
}
