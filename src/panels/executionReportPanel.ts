import * as vscode from 'vscode';
import type { MonitoringBackend } from '../monitoring/backend';
import type { ExecutionSummary } from '../monitoring/model';
import type { Statistics } from '../monitoring/formats/statistics';
import type { Constraints } from '../monitoring/formats/constraints';
import type { Logger } from '../monitoring/logger';
import { buildExecutionReportModel } from './executionReportModel';
import { parseReportFromWebview, type ReportToWebview } from './executionReportProtocol';
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

  private disposed = false;
  /** Each load's number: a slow load that finishes after a newer one (Refresh clicked twice) is dropped. */
  private loads = 0;
  /** The report folder last shown, the only text "Copy report location" may put on the clipboard. */
  private shownReportUri: string | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly backend: MonitoringBackend,
    private readonly execution: ExecutionSummary,
    private readonly log: Logger,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    panel.onDidDispose(() => (this.disposed = true));
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
      }
    });
  }

  /** Posting to a closed panel throws, and the user may close it while the report is still loading. */
  private async post(message: ReportToWebview): Promise<void> {
    if (!this.disposed) await this.panel.webview.postMessage(message);
  }

  /** Reads the execution's files (and the baseline's statistics, for comparison) and sends the model. */
  private async load(): Promise<void> {
    const load = ++this.loads;
    let message: ReportToWebview;
    try {
      const reports = await this.backend.readExecutionReports(this.execution);
      const baseline = await this.readBaseline();
      message = { type: 'report', report: buildExecutionReportModel(this.execution, reports, baseline) };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.log.error(`Opening the report of ${this.execution.scheduleName} failed: ${reason}`);
      message = { type: 'error', message: `The report of ${this.execution.scheduleName} could not be read: ${reason}` };
    }
    if (load !== this.loads) return;
    if (message.type === 'report') this.shownReportUri = message.report.reportUri;
    await this.post(message);
  }

  /** The statistics a data-quality run is compared with, or the constraints holding a model-quality run's thresholds. */
  private async readBaseline(): Promise<{ statistics?: Statistics; constraints?: Constraints }> {
    const { jobDefinitionName, type } = this.execution;
    if (!jobDefinitionName || (type !== 'DataQuality' && type !== 'ModelQuality')) return {};
    try {
      const baseline = (await this.backend.describeJobDefinition(jobDefinitionName, type)).baseline;
      if (type === 'DataQuality') return baseline?.statisticsS3Uri ? { statistics: await this.backend.readStatistics(baseline.statisticsS3Uri) } : {};
      return baseline?.constraintsS3Uri ? { constraints: await this.backend.readConstraints(baseline.constraintsS3Uri) } : {};
    } catch (e) {
      // The report is still useful without the baseline's columns; say why they are missing in the log.
      this.log.warn(`The baseline of ${jobDefinitionName} could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return {};
    }
  }
}
